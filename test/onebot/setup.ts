/** Shared set-up for OneBot engine tests: a simulator per dialect and a runner for the node. */
import type { IDataObject } from 'n8n-workflow';

import { runNode, type NodeUnderTest } from '../harness/run';
import type { SeedItem } from '../harness/seed.node';
import { OneBotSimulator, type Dialect } from '../simulators/onebot';

export const TOKEN = 'test-token-1b6f0c';

export const DIALECTS: Dialect[] = ['napcat', 'gocqhttp', 'llonebot', 'lagrange'];

export interface OneBotRunOptions {
	items?: SeedItem[];
	onError?: NodeUnderTest['onError'];
	credentials?: IDataObject;
}

/** Starts a simulator for a dialect before the tests of a describe block and closes it after. */
export function useSimulator(dialect: Dialect, token = TOKEN) {
	const ctx = {} as { sim: OneBotSimulator; run: (parameters: IDataObject, options?: OneBotRunOptions) => ReturnType<typeof runNode> };
	beforeAll(async () => {
		ctx.sim = await OneBotSimulator.start({ dialect, token });
		ctx.run = async (parameters, options = {}) =>
			await runNode(
				{ type: 'oneBot', parameters, onError: options.onError },
				{
					items: options.items,
					credentials: {
						oneBotApi: { baseUrl: ctx.sim.url, accessToken: token, tokenLocation: 'header', implementation: 'auto', ...(options.credentials ?? {}) } as never,
					},
				},
			);
	});
	beforeEach(() => ctx.sim.reset());
	afterAll(async () => await ctx.sim.close());
	return ctx;
}

/** A resource locator value typed "By ID". */
export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

/** A resource locator value picked "From list". */
export const fromList = (value: string | number) => ({ __rl: true, mode: 'list', value: String(value) });
