import type { IDataObject } from 'n8n-workflow';

import { runNode, type NodeUnderTest } from '../harness/run';
import type { SeedItem } from '../harness/seed.node';
import { RelationLabsSimulator, USERS, type RelationLabsSimulatorOptions } from '../simulators/relationlabs';

export interface RunOptions {
	items?: SeedItem[];
	onError?: NodeUnderTest['onError'];
	credentials?: IDataObject;
}

/** A simulator per describe block; the credential uses an address token by default (so the node exchanges it). */
export function useRelationLabs(options: RelationLabsSimulatorOptions = {}) {
	const ctx = {} as {
		sim: RelationLabsSimulator;
		credentials: (extra?: IDataObject) => IDataObject;
		run: (parameters: IDataObject, options?: RunOptions) => ReturnType<typeof runNode>;
	};
	beforeAll(async () => {
		ctx.sim = await RelationLabsSimulator.start(options);
		ctx.credentials = (extra = {}) => ({
			baseUrl: ctx.sim.url,
			apiKey: ctx.sim.apiKey,
			authType: 'addressToken',
			addressToken: ctx.sim.issueAddressToken(),
			sessionToken: '',
			...extra,
		});
		ctx.run = async (parameters, runOptions = {}) =>
			await runNode(
				{ type: 'relationLabs', parameters, onError: runOptions.onError },
				{ items: runOptions.items, credentials: { relationLabsApi: ctx.credentials(runOptions.credentials) as never } },
			);
	});
	beforeEach(() => ctx.sim.reset());
	afterAll(async () => await ctx.sim.close());
	return ctx;
}

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export { USERS };
