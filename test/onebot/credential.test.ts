import { testCredential } from '../harness/credentials';
import { listSearch } from '../harness/run';
import { OneBotSimulator } from '../simulators/onebot';
import { DIALECTS, TOKEN } from './setup';

describe.each(DIALECTS)('credential test and From-list search (%s)', (dialect) => {
	let sim: OneBotSimulator;
	beforeAll(async () => {
		sim = await OneBotSimulator.start({ dialect, token: TOKEN });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => sim.reset());

	const credentials = (extra: object = {}) => ({ baseUrl: `${sim.url}/`, accessToken: TOKEN, tokenLocation: 'header', implementation: 'auto', ...extra });

	test('right token: OK, get_login_info answered with the bot QQ number', async () => {
		const result = await testCredential('oneBotApi', credentials());
		expect(result.status).toBe('OK');
		expect((result.body as { data: { user_id: number } }).data.user_id).toBe(10001);
		const request = sim.last('get_login_info')!;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/get_login_info');
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
	});

	test('token in the query: OK', async () => {
		const result = await testCredential('oneBotApi', credentials({ tokenLocation: 'query' }));
		expect(result.status).toBe('OK');
		expect(sim.last('get_login_info')!.query.access_token).toBe(TOKEN);
	});

	test('wrong token: Error', async () => {
		const result = await testCredential('oneBotApi', credentials({ accessToken: 'not-the-token' }));
		expect(result.status).toBe('Error');
		expect(result.httpStatus).toBe(403);
	});

	const node = (parameters: object = {}) => ({ type: 'oneBot', parameters: { resource: 'group', operation: 'getMembers', ...parameters } });

	test('groups From list, searchable by name', async () => {
		const all = await listSearch(node(), 'searchGroups', { credentials: { oneBotApi: credentials() as never } });
		expect(all.results.map((r) => r.value)).toEqual(expect.arrayContaining(['20002', '20003', '20004']));
		const some = await listSearch(node(), 'searchGroups', { credentials: { oneBotApi: credentials() as never }, filter: 'ops' });
		expect(some.results).toEqual([{ name: 'Ops Alerts (20003)', value: '20003' }]);
	});

	test('friends From list, searchable by QQ number', async () => {
		const found = await listSearch(node(), 'searchFriends', { credentials: { oneBotApi: credentials() as never }, filter: '987654321' });
		expect(found.results).toHaveLength(1);
		expect(found.results[0].value).toBe('987654321');
	});

	test('members of the chosen group From list', async () => {
		const members = await listSearch(node({ groupId: { __rl: true, mode: 'id', value: '20002' } }), 'searchMembers', {
			credentials: { oneBotApi: credentials() as never },
		});
		expect(members.results.length).toBeGreaterThan(1);
		expect(sim.last('get_group_member_list')!.body).toEqual({ group_id: 20002 });
	});
});
