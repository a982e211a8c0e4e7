import type { IDataObject } from 'n8n-workflow';

import { runNode, type NodeUnderTest } from '../harness/run';
import type { SeedItem } from '../harness/seed.node';
import { HeyboxSimulator, type HeyboxSimulatorOptions } from '../simulators/heybox';

export const TOKEN = 'test-heybox-token-7f3e';

export interface HeyboxRunOptions {
	items?: SeedItem[];
	onError?: NodeUnderTest['onError'];
	credentials?: IDataObject;
}

export function useHeybox(options: HeyboxSimulatorOptions = {}) {
	const ctx = {} as { sim: HeyboxSimulator; run: (parameters: IDataObject, options?: HeyboxRunOptions) => ReturnType<typeof runNode> };
	beforeAll(async () => {
		ctx.sim = await HeyboxSimulator.start({ token: TOKEN, ...options });
		ctx.run = async (parameters, runOptions = {}) =>
			await runNode(
				{ type: 'heybox', parameters, onError: runOptions.onError },
				{
					items: runOptions.items,
					credentials: {
						heyboxApi: { token: TOKEN, chatVersion: '1.30.0', baseUrl: ctx.sim.url, uploadUrl: ctx.sim.uploadUrl, ...(runOptions.credentials ?? {}) } as never,
					},
				},
			);
	});
	beforeEach(() => ctx.sim.reset());
	afterAll(async () => await ctx.sim.close());
	return ctx;
}

export const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

export const COMMON_QUERY = {
	client_type: 'heybox_chat',
	x_client_type: 'web',
	os_type: 'web',
	x_os_type: 'bot',
	x_app: 'heybox_chat',
	chat_os_type: 'bot',
	chat_version: '1.30.0',
};
