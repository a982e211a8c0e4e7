/**
 * OneBot "Group" resource through the real n8n engine against the OneBot simulator: reads,
 * moderation (kick, mute, unmute, mute all), card, name and leave, plus ID validation and
 * per-item error handling.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SEED_TIME, type Dialect } from '../simulators/onebot';
import { byId, DIALECTS, fromList, TOKEN, useSimulator } from './setup';

/** The hint of a continueOnFail error item (kept in json.details, or on the item's error). */
const hintOf = (item: INodeExecutionData) => ((item.json.details as IDataObject | undefined)?.description as string | undefined) ?? item.error?.description;

const JOIN_TIME = SEED_TIME - 86400 * 30;

/** get_group_info / get_group_list entry as each dialect answers it */
function groupView(dialect: Dialect, group_id: number, group_name: string, member_count: number, max_member_count: number) {
	const view: Record<string, unknown> = { group_id, group_name, member_count, max_member_count };
	if (dialect === 'napcat') Object.assign(view, { group_all_shut: 0, group_remark: '' });
	return view;
}

/** 用户A (987654321) in Dev Group (20002), raw as each dialect answers it */
function memberA(dialect: Dialect) {
	const view: Record<string, unknown> = {
		group_id: 20002,
		user_id: 987654321,
		nickname: '用户A',
		card: 'A 的名片',
		sex: 'female',
		age: 22,
		area: '',
		join_time: JOIN_TIME,
		last_sent_time: SEED_TIME,
		level: '4',
		role: 'member',
		unfriendly: false,
		title: '活跃分子',
		title_expire_time: 0,
		card_changeable: true,
	};
	if (dialect === 'gocqhttp' || dialect === 'napcat') view.shut_up_timestamp = 0;
	if (dialect === 'napcat') Object.assign(view, { qq_level: 1, is_robot: false, qage: 1 });
	return view;
}

/** the simplified form of memberA */
function memberASimple(dialect: Dialect) {
	const view: Record<string, unknown> = {
		group_id: 20002,
		user_id: 987654321,
		nickname: '用户A',
		card: 'A 的名片',
		role: 'member',
		title: '活跃分子',
		level: '4',
		join_time: JOIN_TIME,
		last_sent_time: SEED_TIME,
	};
	if (dialect === 'gocqhttp' || dialect === 'napcat') view.shut_up_timestamp = 0;
	return view;
}

const DEV_GROUP_MEMBERS = [30001, 10001, 987654321, 112233445, 123456, 30003];

const LOCATOR_MODES = [
	['By ID', byId],
	['From list', fromList],
] as const;

describe.each(DIALECTS)('OneBot group (%s)', (dialect) => {
	const t = useSimulator(dialect);

	describe('reads', () => {
		test.each(LOCATOR_MODES)('Get (%s): get_group_info {group_id} as a number, the group as one item', async (_mode, locator) => {
			const result = await t.run({ resource: 'group', operation: 'get', groupId: locator('20002') });
			expect(result.status).toBe('success');
			expect(t.sim.requests.map((r) => r.rawBody)).toEqual(['{"group_id":20002}']);
			expect(t.sim.last()!.action).toBe('get_group_info');
			expect(result.items).toEqual([{ json: groupView(dialect, 20002, 'Dev Group', 6, 200), pairedItem: { item: 0 } }]);
		});

		test('Get Many, Return All: one item per group', async () => {
			const result = await t.run({ resource: 'group', operation: 'getMany', returnAll: true });
			expect(result.status).toBe('success');
			expect(t.sim.requests.map((r) => [r.action, r.rawBody])).toEqual([['get_group_list', '{}']]);
			expect(result.items.map((i) => i.json)).toEqual([
				groupView(dialect, 20002, 'Dev Group', 6, 200),
				groupView(dialect, 20003, 'Ops Alerts', 4, 500),
				groupView(dialect, 20004, '闲聊群', 5, 2000),
			]);
			expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		});

		test('Get Many, Limit 2: the first two groups', async () => {
			const result = await t.run({ resource: 'group', operation: 'getMany', returnAll: false, limit: 2 });
			expect(result.status).toBe('success');
			expect(result.items.map((i) => i.json.group_id)).toEqual([20002, 20003]);
		});

		test('Get Members, simplify off, Return All: every member as the server sent it', async () => {
			const result = await t.run({ resource: 'group', operation: 'getMembers', groupId: fromList('20002'), returnAll: true, simplify: false });
			expect(result.status).toBe('success');
			expect(t.sim.last('get_group_member_list')!.rawBody).toBe('{"group_id":20002}');
			expect(result.items.map((i) => i.json.user_id)).toEqual(DEV_GROUP_MEMBERS);
			expect(result.items[2].json).toEqual(memberA(dialect));
			expect(result.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
		});

		test('Get Members, simplify on, Limit 3: the first three, simplified', async () => {
			const result = await t.run({ resource: 'group', operation: 'getMembers', groupId: byId('20002'), returnAll: false, limit: 3 });
			expect(result.status).toBe('success');
			expect(result.items.map((i) => i.json.user_id)).toEqual(DEV_GROUP_MEMBERS.slice(0, 3));
			expect(result.items[2].json).toEqual(memberASimple(dialect));
			expect(result.items[0].json).not.toHaveProperty('sex');
			expect(result.items[0].json).not.toHaveProperty('unfriendly');
		});

		test.each([
			['By ID', 'From list', byId, fromList],
			['From list', 'By ID', fromList, byId],
			['By ID', 'By ID', byId, byId],
			['From list', 'From list', fromList, fromList],
		] as const)('Get Member (group %s, member %s): get_group_member_info {group_id, user_id}', async (_g, _m, groupLocator, memberLocator) => {
			const result = await t.run({
				resource: 'group',
				operation: 'getMember',
				groupId: groupLocator('20002'),
				memberId: memberLocator('987654321'),
			});
			expect(result.status).toBe('success');
			expect(t.sim.last('get_group_member_info')!.rawBody).toBe('{"group_id":20002,"user_id":987654321}');
			expect(result.items).toEqual([{ json: memberASimple(dialect), pairedItem: { item: 0 } }]);
		});

		test('Get Member, simplify off: the raw member', async () => {
			const result = await t.run({ resource: 'group', operation: 'getMember', groupId: byId('20002'), memberId: byId('987654321'), simplify: false });
			expect(result.status).toBe('success');
			expect(result.items).toEqual([{ json: memberA(dialect), pairedItem: { item: 0 } }]);
		});
	});

	describe('moderation', () => {
		test.each([
			['By ID', 'From list', byId, fromList],
			['From list', 'By ID', fromList, byId],
		] as const)('Kick (group %s, member %s) with Reject Future Requests', async (_g, _m, groupLocator, memberLocator) => {
			const result = await t.run({
				resource: 'group',
				operation: 'kick',
				groupId: groupLocator('20002'),
				memberId: memberLocator('112233445'),
				rejectAddRequest: true,
			});
			expect(result.status).toBe('success');
			expect(t.sim.requests.map((r) => [r.action, r.rawBody])).toEqual([
				['set_group_kick', '{"group_id":20002,"user_id":112233445,"reject_add_request":true}'],
			]);
			expect(t.sim.state.kicks).toMatchObject([{ group_id: 20002, user_id: 112233445, reject_add_request: true }]);
			expect(t.sim.state.member(20002, 112233445)).toBeUndefined();
			expect(result.items).toEqual([
				{ json: { success: true, group_id: 20002, user_id: 112233445, reject_add_request: true }, pairedItem: { item: 0 } },
			]);
		});

		test('Kick sends reject_add_request false by default', async () => {
			const result = await t.run({ resource: 'group', operation: 'kick', groupId: byId('20002'), memberId: byId('30003') });
			expect(result.status).toBe('success');
			expect(t.sim.last('set_group_kick')!.body).toEqual({ group_id: 20002, user_id: 30003, reject_add_request: false });
		});

		test('Kick the group owner: the server refusal fails the run as a NodeApiError', async () => {
			const result = await t.run({ resource: 'group', operation: 'kick', groupId: byId('20002'), memberId: byId('30001') });
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeApiError');
			expect(result.error?.message).toMatch(/^OneBot set_group_kick failed .*\[item 0\]$/);
			expect(t.sim.state.member(20002, 30001)).toBeDefined();
		});

		test.each([
			['By ID', 'From list', byId, fromList],
			['From list', 'By ID', fromList, byId],
		] as const)('Mute Member (group %s, member %s): duration 600 is sent and the member is muted', async (_g, _m, groupLocator, memberLocator) => {
			const before = Math.floor(Date.now() / 1000);
			const result = await t.run({
				resource: 'group',
				operation: 'ban',
				groupId: groupLocator('20002'),
				memberId: memberLocator('987654321'),
				duration: 600,
			});
			expect(result.status).toBe('success');
			expect(t.sim.requests.map((r) => [r.action, r.rawBody])).toEqual([
				['set_group_ban', '{"group_id":20002,"user_id":987654321,"duration":600}'],
			]);
			const member = t.sim.state.member(20002, 987654321)!;
			expect(member.ban_duration).toBe(600);
			expect(member.shut_up_timestamp).toBeGreaterThanOrEqual(before + 600);
			expect(member.shut_up_timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 600);
			expect(t.sim.state.isMuted(20002, 987654321)).toBe(true);
			expect(result.items).toEqual([
				{ json: { success: true, group_id: 20002, user_id: 987654321, duration: 600 }, pairedItem: { item: 0 } },
			]);
		});

		test('Mute Member with the default duration sends 1800 explicitly', async () => {
			const result = await t.run({ resource: 'group', operation: 'ban', groupId: byId('20002'), memberId: byId('123456') });
			expect(result.status).toBe('success');
			expect(t.sim.last('set_group_ban')!.rawBody).toBe('{"group_id":20002,"user_id":123456,"duration":1800}');
			expect(t.sim.state.member(20002, 123456)!.ban_duration).toBe(1800);
			expect(t.sim.state.isMuted(20002, 123456)).toBe(true);
		});

		test.each([0, 2592001, 1.5])('Mute Member with duration %p is refused before anything is sent', async (duration) => {
			const result = await t.run({ resource: 'group', operation: 'ban', groupId: byId('20002'), memberId: byId('123456'), duration });
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(`Duration (Seconds) must be a whole number from 1 to 2592000, got ${duration} [item 0]`);
			expect(t.sim.requests).toEqual([]);
			expect(t.sim.state.bans).toEqual([]);
		});

		test('Unmute Member sends duration 0 and lifts the mute', async () => {
			const member = t.sim.state.member(20002, 987654321)!;
			member.shut_up_timestamp = Math.floor(Date.now() / 1000) + 3600;
			expect(t.sim.state.isMuted(20002, 987654321)).toBe(true);
			const result = await t.run({ resource: 'group', operation: 'unban', groupId: fromList('20002'), memberId: byId('987654321') });
			expect(result.status).toBe('success');
			expect(t.sim.requests.map((r) => [r.action, r.rawBody])).toEqual([
				['set_group_ban', '{"group_id":20002,"user_id":987654321,"duration":0}'],
			]);
			expect(t.sim.state.isMuted(20002, 987654321)).toBe(false);
			expect(result.items).toEqual([
				{ json: { success: true, group_id: 20002, user_id: 987654321, duration: 0 }, pairedItem: { item: 0 } },
			]);
		});

		test.each([true, false])('Mute All with enable %p', async (enable) => {
			t.sim.state.groups.get(20003)!.whole_ban = !enable;
			const result = await t.run({ resource: 'group', operation: 'muteAll', groupId: byId('20003'), enable });
			expect(result.status).toBe('success');
			expect(t.sim.requests.map((r) => [r.action, r.rawBody])).toEqual([['set_group_whole_ban', `{"group_id":20003,"enable":${enable}}`]]);
			expect(t.sim.state.groups.get(20003)!.whole_ban).toBe(enable);
			expect(result.items).toEqual([{ json: { success: true, group_id: 20003, enable }, pairedItem: { item: 0 } }]);
		});

		test('Mute All enables by default', async () => {
			const result = await t.run({ resource: 'group', operation: 'muteAll', groupId: fromList('20002') });
			expect(result.status).toBe('success');
			expect(t.sim.last('set_group_whole_ban')!.body).toEqual({ group_id: 20002, enable: true });
			expect(t.sim.state.groups.get(20002)!.whole_ban).toBe(true);
		});
	});

	describe('settings', () => {
		test.each([
			['By ID', 'From list', byId, fromList],
			['From list', 'By ID', fromList, byId],
		] as const)('Set Member Card (group %s, member %s)', async (_g, _m, groupLocator, memberLocator) => {
			const result = await t.run({
				resource: 'group',
				operation: 'setCard',
				groupId: groupLocator('20004'),
				memberId: memberLocator('112233445'),
				card: '运维 · B',
			});
			expect(result.status).toBe('success');
			expect(t.sim.requests.map((r) => [r.action, r.rawBody])).toEqual([
				['set_group_card', JSON.stringify({ group_id: 20004, user_id: 112233445, card: '运维 · B' })],
			]);
			expect(t.sim.state.member(20004, 112233445)!.card).toBe('运维 · B');
			expect(result.items).toEqual([
				{ json: { success: true, group_id: 20004, user_id: 112233445, card: '运维 · B' }, pairedItem: { item: 0 } },
			]);
		});

		test('Set Member Card with an empty card removes it', async () => {
			const result = await t.run({ resource: 'group', operation: 'setCard', groupId: byId('20002'), memberId: byId('987654321'), card: '' });
			expect(result.status).toBe('success');
			expect(t.sim.last('set_group_card')!.body).toEqual({ group_id: 20002, user_id: 987654321, card: '' });
			expect(t.sim.state.member(20002, 987654321)!.card).toBe('');
		});

		test('Set Name sends the trimmed name', async () => {
			const result = await t.run({ resource: 'group', operation: 'setName', groupId: fromList('20003'), groupName: '  值班 & Ops  ' });
			expect(result.status).toBe('success');
			expect(t.sim.requests.map((r) => [r.action, r.rawBody])).toEqual([
				['set_group_name', JSON.stringify({ group_id: 20003, group_name: '值班 & Ops' })],
			]);
			expect(t.sim.state.groups.get(20003)!.group_name).toBe('值班 & Ops');
			expect(result.items).toEqual([{ json: { success: true, group_id: 20003, group_name: '值班 & Ops' }, pairedItem: { item: 0 } }]);
		});

		test.each([
			['blank', '   '],
			['an expression resolving to empty', '={{ $json.name }}'],
		])('Set Name with %s fails and sends nothing', async (_case, groupName) => {
			const result = await t.run({ resource: 'group', operation: 'setName', groupId: byId('20003'), groupName }, { items: [{ json: { name: '' } }] });
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe('The group name is empty [item 0]');
			expect(result.error?.description).toBe('Parameter: Group Name. Enter the new name. Nothing was sent.');
			expect(t.sim.requests).toEqual([]);
			expect(t.sim.state.groups.get(20003)!.group_name).toBe('Ops Alerts');
		});

		test('Set Name left empty: n8n refuses to start the workflow (required field); nothing sent', async () => {
			await expect(t.run({ resource: 'group', operation: 'setName', groupId: byId('20003'), groupName: '' })).rejects.toThrow(
				/Parameter "Group Name" is required/,
			);
			expect(t.sim.requests).toEqual([]);
		});

		test('Leave sends is_dismiss false by default and the bot leaves', async () => {
			const result = await t.run({ resource: 'group', operation: 'leave', groupId: byId('20004') });
			expect(result.status).toBe('success');
			expect(t.sim.requests.map((r) => [r.action, r.rawBody])).toEqual([['set_group_leave', '{"group_id":20004,"is_dismiss":false}']]);
			expect(t.sim.state.leftGroups.has(20004)).toBe(true);
			expect(result.items).toEqual([{ json: { success: true, group_id: 20004, is_dismiss: false }, pairedItem: { item: 0 } }]);
		});

		test('Leave with Dismiss Group sends is_dismiss true', async () => {
			const result = await t.run({ resource: 'group', operation: 'leave', groupId: fromList('20002'), dismiss: true });
			expect(result.status).toBe('success');
			expect(t.sim.last('set_group_leave')!.rawBody).toBe('{"group_id":20002,"is_dismiss":true}');
			expect(result.items[0].json).toEqual({ success: true, group_id: 20002, is_dismiss: true });
		});
	});

	describe('group ID validation', () => {
		test('From list value "abc": NodeOperationError naming the field and the item; nothing sent', async () => {
			const result = await t.run({ resource: 'group', operation: 'get', groupId: fromList('abc') });
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe('group number must contain only digits, got "abc" [item 0]');
			expect(result.error?.description).toBe('Parameter: Group. Enter the group number as digits, e.g. 123456. Nothing was sent.');
			expect(t.sim.requests).toEqual([]);
		});

		test('By ID expression resolving to "abc": the same NodeOperationError; nothing sent', async () => {
			const result = await t.run(
				{ resource: 'group', operation: 'kick', groupId: byId('={{ $json.group }}'), memberId: byId('112233445') },
				{ items: [{ json: { group: 'abc' } }] },
			);
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe('group number must contain only digits, got "abc" [item 0]');
			expect(result.error?.description).toContain('Parameter: Group.');
			expect(t.sim.requests).toEqual([]);
			expect(t.sim.state.kicks).toEqual([]);
		});

		test('By ID typed as "abc": n8n refuses to start the workflow (the field\'s digits rule); nothing sent', async () => {
			await expect(t.run({ resource: 'group', operation: 'get', groupId: byId('abc') })).rejects.toThrow(/Enter digits only/);
			expect(t.sim.requests).toEqual([]);
		});

		test('a non-numeric member ID names the Member field', async () => {
			const result = await t.run({ resource: 'group', operation: 'ban', groupId: byId('20002'), memberId: fromList('user-a'), duration: 60 });
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('QQ number must contain only digits, got "user-a" [item 0]');
			expect(result.error?.description).toContain('Parameter: Member.');
			expect(t.sim.requests).toEqual([]);
		});

		test('continueRegularOutput with item 1 bad: items 0 and 2 are sent, item 1 is an error item', async () => {
			const result = await t.run(
				{ resource: 'group', operation: 'muteAll', groupId: byId('={{ $json.group }}'), enable: true },
				{ items: [{ json: { group: '20002' } }, { json: { group: 'abc' } }, { json: { group: 20003 } }], onError: 'continueRegularOutput' },
			);
			expect(result.status).toBe('success');
			expect(t.sim.requestsFor('set_group_whole_ban').map((r) => r.rawBody)).toEqual([
				'{"group_id":20002,"enable":true}',
				'{"group_id":20003,"enable":true}',
			]);
			expect(t.sim.requests).toHaveLength(2);
			expect(result.items).toHaveLength(3);
			expect(result.items[0]).toEqual({ json: { success: true, group_id: 20002, enable: true }, pairedItem: { item: 0 } });
			expect(result.items[1].json.error).toBe('group number must contain only digits, got "abc" [item 1]');
			expect(result.items[1].pairedItem).toEqual({ item: 1 });
			expect(hintOf(result.items[1])).toBe('Parameter: Group. Enter the group number as digits, e.g. 123456. Nothing was sent.');
			expect(result.items[2]).toEqual({ json: { success: true, group_id: 20003, enable: true }, pairedItem: { item: 2 } });
		});

		test('without continueOnFail the run stops at item 1: item 0 was sent, item 2 never is', async () => {
			const result = await t.run(
				{ resource: 'group', operation: 'muteAll', groupId: byId('={{ $json.group }}'), enable: true },
				{ items: [{ json: { group: '20002' } }, { json: { group: 'abc' } }, { json: { group: 20003 } }] },
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('group number must contain only digits, got "abc" [item 1]');
			expect(t.sim.requests.map((r) => r.body)).toEqual([{ group_id: 20002, enable: true }]);
		});
	});
});

/**
 * Why Mute Member always sends `duration`: a set_group_ban without it lifts the mute in NapCat
 * and Lagrange (default 0), while go-cqhttp and LLOneBot mute for 1800 s.
 */
describe.each([
	['napcat', 0],
	['lagrange', 0],
	['gocqhttp', 1800],
	['llonebot', 1800],
] as Array<[Dialect, number]>)('OneBot set_group_ban without duration (%s)', (dialect, defaultDuration) => {
	const t = useSimulator(dialect);

	test(`the node's mute holds where an omitted duration would mean ${defaultDuration} s`, async () => {
		const result = await t.run({ resource: 'group', operation: 'ban', groupId: byId('20002'), memberId: byId('987654321'), duration: 600 });
		expect(result.status).toBe('success');
		expect(t.sim.last('set_group_ban')!.body.duration).toBe(600);
		expect(t.sim.state.isMuted(20002, 987654321)).toBe(true);

		// the same call without duration, as a node that leaves it out would send it
		const response = await fetch(`${t.sim.url}/set_group_ban`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
			body: JSON.stringify({ group_id: 20002, user_id: 987654321 }),
		});
		expect(((await response.json()) as { retcode: number }).retcode).toBe(0);
		expect(t.sim.state.member(20002, 987654321)!.ban_duration).toBe(defaultDuration);
		expect(t.sim.state.isMuted(20002, 987654321)).toBe(defaultDuration > 0);
	});
});
