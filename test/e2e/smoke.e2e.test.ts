/**
 * Smoke test: the real n8n 2.41.1 boots with our built package installed as a community package
 * and knows the OneBot node and credential; the CLI works next to the running server.
 */
import { startN8n } from './lib/n8n.ts';
import type { N8nInstance } from './lib/n8n.ts';
import { ensureBuilt } from './lib/n8n-env.ts';
import { OneBotSimulator } from '../simulators/onebot/index.ts';

const NODE_TYPE = 'n8n-nodes-imkit.oneBot';
const CREDENTIAL_TYPE = 'oneBotApi';

describe('n8n with n8n-nodes-imkit loaded', () => {
	let n8n: N8nInstance;

	beforeAll(async () => {
		ensureBuilt('nodes/OneBot/OneBot.node.js');
		n8n = await startN8n();
		console.log(`n8n ${n8n.n8nVersion} at ${n8n.baseUrl}, timings ${JSON.stringify(n8n.timings)}`);
	}, 600_000);

	afterAll(async () => {
		await n8n?.stop();
	});

	it('knows the OneBot node as an installed community package type', async () => {
		const types = await n8n.nodeTypes();
		expect(types).toContain(NODE_TYPE);
		const [description] = await n8n.rest<any[]>('POST', '/node-types', {
			nodeInfos: [{ name: NODE_TYPE, version: 1 }],
		});
		expect(description.name).toBe('oneBot');
		expect((description.credentials ?? []).map((c: { name: string }) => c.name)).toContain(CREDENTIAL_TYPE);
	});

	it('knows the OneBot credential type, linked to the node', async () => {
		const list = await n8n.rest<Array<{ name: string; supportedNodes?: string[] }>>('GET', '/types/credentials.json');
		const cred = list.find((c) => c.name === CREDENTIAL_TYPE);
		expect(cred).toBeDefined();
		expect(cred?.supportedNodes).toContain(NODE_TYPE);
	});

	it('imports a credential through the CLI and tests it through REST', async () => {
		// nothing listens on port 9 (discard): the test must come back as a clean error
		const [id] = await n8n.importCredentials([
			{
				name: 'OneBot (nowhere)',
				type: CREDENTIAL_TYPE,
				data: { baseUrl: 'http://127.0.0.1:9', accessToken: 'x', tokenLocation: 'header', implementation: 'auto' },
			},
		]);
		const stored = await n8n.rest<{ name: string; type: string }>('GET', `/credentials/${id}`);
		expect(stored).toMatchObject({ name: 'OneBot (nowhere)', type: CREDENTIAL_TYPE });
		const result = await n8n.testCredential(id);
		expect(result.status).toBe('Error');
	});

	it('tests OneBot credential data against the simulator (good and bad token)', async () => {
		const sim = await OneBotSimulator.start({ dialect: 'napcat', token: 'smoke-token' });
		try {
			const data = { baseUrl: sim.url, accessToken: 'smoke-token', tokenLocation: 'header', implementation: 'auto' };
			expect(await n8n.testCredential({ type: CREDENTIAL_TYPE, data })).toMatchObject({ status: 'OK' });
			const bad = await n8n.testCredential({ type: CREDENTIAL_TYPE, data: { ...data, accessToken: 'wrong' } });
			expect(bad.status).toBe('Error');
		} finally {
			await sim.close();
		}
	});

	it('executes an imported workflow with the CLI while the server runs', async () => {
		const id = await n8n.importWorkflow({
			name: 'e2e smoke: manual trigger + set',
			nodes: [
				{ id: 'n1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'n2',
					name: 'Set',
					type: 'n8n-nodes-base.set',
					typeVersion: 3.4,
					position: [200, 0],
					parameters: {
						assignments: {
							assignments: [{ id: 'a1', name: 'greeting', value: '={{ "hello " + 1 }}', type: 'string' }],
						},
						options: {},
					},
				},
			],
			connections: { Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
		});
		const result = await n8n.execute(id);
		expect(result.ok).toBe(true);
		expect(result.output('Set')).toEqual([{ greeting: 'hello 1' }]);
		// the server sees what the CLI did
		const wf = await n8n.rest<{ id: string }>('GET', `/workflows/${id}`);
		expect(wf.id).toBe(id);
	});
});
