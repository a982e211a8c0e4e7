/**
 * OneBot "System" resource through the real n8n engine against the OneBot simulator:
 * Get Status and Get Version Info for all four implementations.
 */
import type { Dialect } from '../simulators/onebot';
import { TOKEN, useSimulator } from './setup';

const CASES: Array<{ dialect: Dialect; appName: string; appVersion: string; status: Record<string, unknown> }> = [
	{ dialect: 'napcat', appName: 'NapCat.Onebot', appVersion: '4.8.93', status: { online: true, good: true, stat: {} } },
	{
		dialect: 'gocqhttp',
		appName: 'go-cqhttp',
		appVersion: 'v1.2.0',
		status: { app_initialized: true, app_enabled: true, app_good: true, online: true, good: true },
	},
	{ dialect: 'llonebot', appName: 'LLOneBot', appVersion: '6.4.0', status: { online: true, good: true } },
	{ dialect: 'lagrange', appName: 'Lagrange.OneBot', appVersion: '0.0.3', status: { online: true, good: true } },
];

describe.each(CASES)('OneBot system ($dialect)', ({ dialect, appName, appVersion, status }) => {
	const t = useSimulator(dialect);

	test('Get Status: POST get_status with {} and the bearer token; the status as one item', async () => {
		const result = await t.run({ resource: 'system', operation: 'getStatus' });
		expect(result.status).toBe('success');
		expect(t.sim.requests).toHaveLength(1);
		const request = t.sim.last('get_status')!;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/get_status');
		expect(request.rawBody).toBe('{}');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(result.items).toEqual([{ json: status, pairedItem: { item: 0 } }]);
	});

	test('Get Version Info: the answer plus the implementation it maps to', async () => {
		const result = await t.run({ resource: 'system', operation: 'getVersionInfo' });
		expect(result.status).toBe('success');
		expect(t.sim.requests.map((r) => [r.action, r.rawBody])).toEqual([['get_version_info', '{}']]);
		expect(result.items).toEqual([
			{
				json: { app_name: appName, app_version: appVersion, protocol_version: 'v11', implementation: dialect },
				pairedItem: { item: 0 },
			},
		]);
	});

	test('Get Version Info reports what the server says, not the credential setting', async () => {
		const other: Dialect = dialect === 'napcat' ? 'gocqhttp' : 'napcat';
		const result = await t.run({ resource: 'system', operation: 'getVersionInfo' }, { credentials: { implementation: other } });
		expect(result.status).toBe('success');
		expect(result.items[0].json.implementation).toBe(dialect);
	});

	test('the token in the query when the credential says so', async () => {
		const result = await t.run({ resource: 'system', operation: 'getStatus' }, { credentials: { tokenLocation: 'query' } });
		expect(result.status).toBe('success');
		const request = t.sim.last('get_status')!;
		expect(request.query).toEqual({ access_token: TOKEN });
		expect(request.headers.authorization).toBeUndefined();
	});

	test('Get Status for two items: two calls, each output paired with its input', async () => {
		const result = await t.run({ resource: 'system', operation: 'getStatus' }, { items: [{ json: {} }, { json: {} }] });
		expect(result.status).toBe('success');
		expect(t.sim.requestsFor('get_status')).toHaveLength(2);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a wrong token fails the run with the credential hint', async () => {
		const result = await t.run({ resource: 'system', operation: 'getStatus' }, { credentials: { accessToken: 'wrong-token' } });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('OneBot rejected the request: the access token is missing or wrong [item 0]');
		expect(result.error?.httpCode).toBe('403');
	});
});
