/**
 * OneBot "User" resource through the real n8n engine against the OneBot simulator:
 * Get Login Info, Get (get_stranger_info), Get Friends, Send Like and Poke.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Dialect } from '../simulators/onebot';
import { byId, DIALECTS, fromList, useSimulator } from './setup';

/** The hint of a continueOnFail error item (kept in json.details, or on the item's error). */
const hintOf = (item: INodeExecutionData) => ((item.json.details as IDataObject | undefined)?.description as string | undefined) ?? item.error?.description;

/** napcat and llonebot add these fields to get_stranger_info and get_friend_list */
const isNtDialect = (dialect: Dialect) => dialect === 'napcat' || dialect === 'llonebot';

describe.each(DIALECTS)('OneBot user (%s)', (dialect) => {
	const t = useSimulator(dialect);

	test('Get Login Info posts get_login_info with an empty JSON object and outputs the account', async () => {
		const result = await t.run({ resource: 'user', operation: 'getLoginInfo' });
		expect(result.status).toBe('success');
		expect(t.sim.requests.map((r) => r.action)).toEqual(['get_login_info']);
		expect(t.sim.last('get_login_info')!.rawBody).toBe('{}');
		expect(result.items).toEqual([{ json: { user_id: 10001, nickname: 'imkit-bot' }, pairedItem: { item: 0 } }]);
	});

	test('Get Login Info runs once per input item, each output paired with its input', async () => {
		const result = await t.run({ resource: 'user', operation: 'getLoginInfo' }, { items: [{ json: { a: 1 } }, { json: { a: 2 } }] });
		expect(result.status).toBe('success');
		expect(t.sim.requestsFor('get_login_info')).toHaveLength(2);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	describe('Get (stranger info)', () => {
		const raw = () =>
			isNtDialect(dialect)
				? { user_id: 123456, nickname: '测试用户', sex: 'male', age: 20, remark: '测试', qid: '', level: 1, long_nick: '' }
				: { user_id: 123456, nickname: '测试用户', sex: 'male', age: 20 };

		test('simplify off: the whole answer; user_id sent as a JSON number with no_cache false', async () => {
			const result = await t.run({ resource: 'user', operation: 'get', userId: byId('123456'), simplify: false });
			expect(result.status).toBe('success');
			expect(t.sim.last('get_stranger_info')!.rawBody).toBe('{"user_id":123456,"no_cache":false}');
			expect(result.items).toEqual([{ json: raw(), pairedItem: { item: 0 } }]);
		});

		test('simplify on (default): only the profile fields, implementation extras like qid dropped', async () => {
			const result = await t.run({ resource: 'user', operation: 'get', userId: fromList('123456') });
			expect(result.status).toBe('success');
			const simple = isNtDialect(dialect)
				? { user_id: 123456, nickname: '测试用户', sex: 'male', age: 20, remark: '测试', level: 1, long_nick: '' }
				: raw();
			expect(result.items).toEqual([{ json: simple, pairedItem: { item: 0 } }]);
			if (isNtDialect(dialect)) expect(result.items[0].json).not.toHaveProperty('qid');
		});

		test('Bypass Cache sends no_cache true', async () => {
			const result = await t.run({ resource: 'user', operation: 'get', userId: byId(' 987654321 '), noCache: true });
			expect(result.status).toBe('success');
			expect(t.sim.last('get_stranger_info')!.body).toEqual({ user_id: 987654321, no_cache: true });
			expect(result.items[0].json).toMatchObject({ user_id: 987654321, nickname: '用户A', sex: 'female', age: 22 });
		});

		test('an ID from an expression that is not digits fails the item before anything is sent', async () => {
			const result = await t.run({ resource: 'user', operation: 'get', userId: byId('={{ $json.qq }}') }, { items: [{ json: { qq: '12ab' } }] });
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe('QQ number must contain only digits, got "12ab" [item 0]');
			expect(result.error?.description).toContain('Parameter: User.');
			expect(t.sim.requests).toEqual([]);
		});
	});

	describe('Get Friends', () => {
		const friend = (user_id: number, nickname: string, remark: string, sex: string, age: number) =>
			isNtDialect(dialect) ? { user_id, nickname, remark, sex, age } : { user_id, nickname, remark };
		const all = () => [
			friend(123456, '测试用户', '测试', 'male', 20),
			friend(123456789, '示例用户', '', 'unknown', 0),
			friend(987654321, '用户A', 'A', 'female', 22),
			friend(112233445, '用户B', 'B', 'male', 30),
		];

		test('Return All: one item per friend, all paired with the input item', async () => {
			const result = await t.run({ resource: 'user', operation: 'getFriends', returnAll: true });
			expect(result.status).toBe('success');
			expect(t.sim.requests.map((r) => r.action)).toEqual(['get_friend_list']);
			expect(result.items.map((i) => i.json)).toEqual(all());
			expect(result.items.map((i) => i.pairedItem)).toEqual(all().map(() => ({ item: 0 })));
		});

		test('Limit 2: only the first two friends', async () => {
			const result = await t.run({ resource: 'user', operation: 'getFriends', returnAll: false, limit: 2 });
			expect(result.status).toBe('success');
			expect(result.items.map((i) => i.json)).toEqual(all().slice(0, 2));
		});

		test('default (Return All off, Limit 50) returns all four', async () => {
			const result = await t.run({ resource: 'user', operation: 'getFriends' });
			expect(result.items).toHaveLength(4);
		});

		test('a limit per item: each input item gets its own list, paired with it', async () => {
			const result = await t.run(
				{ resource: 'user', operation: 'getFriends', returnAll: false, limit: '={{ $json.n }}' },
				{ items: [{ json: { n: 1 } }, { json: { n: 3 } }] },
			);
			expect(result.status).toBe('success');
			expect(t.sim.requestsFor('get_friend_list')).toHaveLength(2);
			expect(result.items.map((i) => [i.json.user_id, i.pairedItem])).toEqual([
				[123456, { item: 0 }],
				[123456, { item: 1 }],
				[123456789, { item: 1 }],
				[987654321, { item: 1 }],
			]);
		});
	});

	describe('Send Like', () => {
		test('times 5: send_like {user_id, times} as numbers, like recorded, output echoes it', async () => {
			const result = await t.run({ resource: 'user', operation: 'sendLike', userId: byId('123456'), times: 5 });
			expect(result.status).toBe('success');
			expect(t.sim.last('send_like')!.rawBody).toBe('{"user_id":123456,"times":5}');
			expect(t.sim.state.likes.get(123456)).toBe(5);
			expect(result.items).toEqual([{ json: { success: true, user_id: 123456, times: 5 }, pairedItem: { item: 0 } }]);
		});

		test('times defaults to 1', async () => {
			const result = await t.run({ resource: 'user', operation: 'sendLike', userId: fromList('987654321') });
			expect(result.status).toBe('success');
			expect(t.sim.last('send_like')!.body).toEqual({ user_id: 987654321, times: 1 });
		});

		test.each([0, 11, 2.5, -1])('times %p is refused with a NodeOperationError and nothing is sent', async (times) => {
			const result = await t.run({ resource: 'user', operation: 'sendLike', userId: byId('123456'), times });
			expect(result.status).toBe('error');
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toBe(`Times must be a whole number from 1 to 10, got ${times} [item 0]`);
			expect(result.error?.description).toBe('Parameter: Times. Nothing was sent.');
			expect(t.sim.requests).toEqual([]);
			expect(t.sim.state.likes.size).toBe(0);
		});

		test('out-of-range times with continueOnFail: an error item for that item only', async () => {
			const result = await t.run(
				{ resource: 'user', operation: 'sendLike', userId: byId('123456'), times: '={{ $json.times }}' },
				{ items: [{ json: { times: 2 } }, { json: { times: 20 } }], onError: 'continueRegularOutput' },
			);
			expect(result.status).toBe('success');
			expect(t.sim.requestsFor('send_like').map((r) => r.body)).toEqual([{ user_id: 123456, times: 2 }]);
			expect(result.items).toHaveLength(2);
			expect(result.items[0]).toEqual({ json: { success: true, user_id: 123456, times: 2 }, pairedItem: { item: 0 } });
			expect(result.items[1].json.error).toBe('Times must be a whole number from 1 to 10, got 20 [item 1]');
			expect(hintOf(result.items[1])).toBe('Parameter: Times. Nothing was sent.');
			expect(result.items[1].pairedItem).toEqual({ item: 1 });
		});
	});
});

describe.each(['napcat', 'llonebot', 'lagrange'] as Dialect[])('OneBot user poke (%s)', (dialect) => {
	const t = useSimulator(dialect);

	test('private: friend_poke {user_id} after detecting the implementation', async () => {
		const result = await t.run({ resource: 'user', operation: 'poke', userId: byId('123456') });
		expect(result.status).toBe('success');
		expect(t.sim.requests.map((r) => r.action)).toEqual(['get_version_info', 'friend_poke']);
		expect(t.sim.last('friend_poke')!.rawBody).toBe('{"user_id":123456}');
		expect(t.sim.state.pokes).toMatchObject([{ action: 'friend_poke', user_id: 123456, group_id: undefined }]);
		expect(result.items).toEqual([{ json: { success: true, user_id: 123456 }, pairedItem: { item: 0 } }]);
	});

	test('in group: group_poke {group_id, user_id}', async () => {
		const result = await t.run({ resource: 'user', operation: 'poke', userId: fromList('987654321'), options: { groupId: ' 20002 ' } });
		expect(result.status).toBe('success');
		expect(t.sim.last('group_poke')!.rawBody).toBe('{"group_id":20002,"user_id":987654321}');
		expect(t.sim.requestsFor('send_group_msg')).toEqual([]);
		expect(t.sim.state.pokes).toMatchObject([{ action: 'group_poke', user_id: 987654321, group_id: 20002 }]);
		expect(result.items).toEqual([{ json: { success: true, user_id: 987654321, group_id: 20002 }, pairedItem: { item: 0 } }]);
	});

	test('credential implementation set: no get_version_info call', async () => {
		const result = await t.run({ resource: 'user', operation: 'poke', userId: byId('123456') }, { credentials: { implementation: dialect } });
		expect(result.status).toBe('success');
		expect(t.sim.requests.map((r) => r.action)).toEqual(['friend_poke']);
	});

	test('a non-numeric In Group fails before anything is sent', async () => {
		const result = await t.run({ resource: 'user', operation: 'poke', userId: byId('123456'), options: { groupId: 'dev-group' } });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('group number must contain only digits, got "dev-group" [item 0]');
		expect(result.error?.description).toContain('Parameter: Options › In Group.');
		expect(t.sim.requests).toEqual([]);
	});
});

describe('OneBot user poke (gocqhttp)', () => {
	const t = useSimulator('gocqhttp');

	test('in group: a poke segment through send_group_msg (go-cqhttp has no poke action)', async () => {
		const result = await t.run({ resource: 'user', operation: 'poke', userId: byId('987654321'), options: { groupId: '20002' } });
		expect(result.status).toBe('success');
		expect(t.sim.requests.map((r) => r.action)).toEqual(['get_version_info', 'send_group_msg']);
		expect(t.sim.last('send_group_msg')!.rawBody).toBe(
			JSON.stringify({ group_id: 20002, message: [{ type: 'poke', data: { qq: 987654321 } }] }),
		);
		const sent = t.sim.state.sentMessages();
		expect(sent.map((m) => [m.group_id, m.message])).toEqual([[20002, [{ type: 'poke', data: { qq: 987654321 } }]]]);
		expect(result.items).toEqual([
			{ json: { success: true, user_id: 987654321, message_id: sent[0].message_id, group_id: 20002 }, pairedItem: { item: 0 } },
		]);
	});

	test('in group with the credential set to go-cqhttp: no detection call', async () => {
		const result = await t.run(
			{ resource: 'user', operation: 'poke', userId: byId('987654321'), options: { groupId: '20002' } },
			{ credentials: { implementation: 'gocqhttp' } },
		);
		expect(result.status).toBe('success');
		expect(t.sim.requests.map((r) => r.action)).toEqual(['send_group_msg']);
	});

	test('private with continueOnFail: an error item explaining go-cqhttp pokes only in groups, nothing sent', async () => {
		const result = await t.run(
			{ resource: 'user', operation: 'poke', userId: byId('123456') },
			{ onError: 'continueRegularOutput', items: [{ json: {} }, { json: {} }] },
		);
		expect(result.status).toBe('success');
		expect(t.sim.requests.map((r) => r.action)).toEqual(['get_version_info']);
		expect(result.items).toHaveLength(2);
		result.items.forEach((item, i) => {
			expect(item.json.error).toBe(`go-cqhttp can poke only inside a group [item ${i}]`);
			expect(item.pairedItem).toEqual({ item: i });
			expect(hintOf(item)).toBe('Set Options › In Group, or use NapCat, LLOneBot or Lagrange for private pokes');
		});
	});

	test('private with continueErrorOutput: the item goes to the error output', async () => {
		const result = await t.run({ resource: 'user', operation: 'poke', userId: byId('123456') }, { onError: 'continueErrorOutput' });
		expect(result.status).toBe('success');
		expect(result.items).toEqual([]);
		expect(result.errorItems).toHaveLength(1);
		expect(result.errorItems[0].json.error).toBe('go-cqhttp can poke only inside a group [item 0]');
		expect(result.errorItems[0].pairedItem).toEqual({ item: 0 });
	});

	test('private without continueOnFail: the run fails, nothing but detection sent', async () => {
		const result = await t.run({ resource: 'user', operation: 'poke', userId: byId('123456') });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('go-cqhttp can poke only inside a group [item 0]');
		expect(result.error?.description).toBe('Set Options › In Group, or use NapCat, LLOneBot or Lagrange for private pokes');
		expect(t.sim.requests.map((r) => r.action)).toEqual(['get_version_info']);
		expect(t.sim.state.pokes).toEqual([]);
		expect(t.sim.state.sentMessages()).toEqual([]);
	});

	test('private with the credential set to go-cqhttp: fails without any request', async () => {
		const result = await t.run({ resource: 'user', operation: 'poke', userId: byId('123456') }, { credentials: { implementation: 'gocqhttp' } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('go-cqhttp can poke only inside a group [item 0]');
		expect(t.sim.requests).toEqual([]);
	});
});
