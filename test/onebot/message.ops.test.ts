import { PNG_1PX, SEED_004_BODY, withImage } from '../fixtures/onebot-seeds';
import { byId, DIALECTS, useSimulator } from './setup';

const customForward = (contentFormat: 'cqCode' | 'json', base64 = '...') => ({
	resource: 'message',
	operation: 'sendPrivateForward',
	userId: byId('123456789'),
	forwardMode: 'custom',
	forwardNodes: {
		node: [
			{
				nickname: '用户A',
				userId: '987654321',
				contentFormat,
				content:
					contentFormat === 'cqCode'
						? `这是用户A发送的第一条消息。[CQ:image,file=base64://${base64}]`
						: JSON.stringify(withImage(SEED_004_BODY.messages[0].data.content, base64)),
			},
			{
				nickname: '用户B',
				userId: '112233445',
				contentFormat,
				content: contentFormat === 'cqCode' ? '这是用户B的回复。[CQ:reply,id=12345]' : JSON.stringify(SEED_004_BODY.messages[1].data.content),
			},
		],
	},
});

describe('seed 004: send_private_forward_msg body exactly as documented (go-cqhttp, NapCat)', () => {
	describe.each(['gocqhttp', 'napcat'] as const)('%s', (dialect) => {
		const t = useSimulator(dialect);
		test.each(['cqCode', 'json'] as const)('node content written as %s: the literal seed body', async (format) => {
			await t.run(customForward(format), { onError: 'continueRegularOutput' });
			expect(t.sim.last('send_private_forward_msg')!.rawBody).toBe(JSON.stringify(SEED_004_BODY));
		});

		test.each(['cqCode', 'json'] as const)('node content written as %s: with a real image, accepted', async (format) => {
			const result = await t.run(customForward(format, PNG_1PX));
			expect(result.error?.message).toBeUndefined();
			expect(result.status).toBe('success');
			expect(t.sim.last('send_private_forward_msg')!.rawBody).toBe(JSON.stringify(withImage(SEED_004_BODY, PNG_1PX)));
			expect(result.items[0].json.message_id).toEqual(expect.any(Number));
			if (dialect === 'napcat') expect(result.items[0].json.res_id).toBeDefined();
		});
	});
});

describe.each(DIALECTS)('OneBot message operations (%s)', (dialect) => {
	const t = useSimulator(dialect);

	test('group forward of custom nodes with NapCat display extras, then Get Forward returns the nodes', async () => {
		const sent = await t.run({
			resource: 'message',
			operation: 'sendGroupForward',
			groupId: byId(20002),
			forwardMode: 'custom',
			forwardNodes: { node: [{ nickname: 'Ops', userId: '10001', contentFormat: 'text', content: 'disk 91% [warn]' }] },
			forwardOptions: { summary: 'View 1 message' },
		});
		expect(sent.status).toBe('success');
		const body = t.sim.last('send_group_forward_msg')!.body;
		expect(body).toEqual({
			group_id: 20002,
			messages: [{ type: 'node', data: { nickname: 'Ops', user_id: 10001, content: [{ type: 'text', data: { text: 'disk 91% [warn]' } }] } }],
			summary: 'View 1 message',
		});
		const forwardId = String(sent.items[0].json.forward_id ?? sent.items[0].json.res_id);
		const got = await t.run({ resource: 'message', operation: 'getForward', forwardId });
		expect(got.status).toBe('success');
		expect(got.items).toHaveLength(1);
		expect(got.items[0].json).toMatchObject({ index: 0, text: 'disk 91% [warn]', sender: { nickname: 'Ops' } });
		expect(String((got.items[0].json.sender as { user_id: unknown }).user_id)).toBe('10001');
		// Lagrange reads only `id`; the others also take message_id.
		expect(t.sim.last('get_forward_msg')!.body.id).toBe(forwardId);
	});

	test('forward of existing messages by ID', async () => {
		const result = await t.run({
			resource: 'message',
			operation: 'sendGroupForward',
			groupId: byId(20002),
			forwardMode: 'existing',
			forwardMessageIds: '12345, 1263753202',
		});
		const body = t.sim.last('send_group_forward_msg')!.body;
		expect(body.messages).toEqual([
			{ type: 'node', data: { id: 12345 } },
			{ type: 'node', data: { id: 1263753202 } },
		]);
		// Lagrange builds forwards only from custom nodes and refuses references.
		expect(result.status).toBe(dialect === 'lagrange' ? 'error' : 'success');
	});

	test('recall, get (simplified and raw) and mark as read', async () => {
		const sent = await t.run({
			resource: 'message',
			operation: 'sendGroup',
			groupId: byId(20002),
			messageMode: 'segments',
			segments: { segment: [{ type: 'at', value: '123456' }, { type: 'text', value: ' hi' }] },
		});
		const messageId = sent.items[0].json.message_id as number;

		const simple = await t.run({ resource: 'message', operation: 'get', messageId: String(messageId) });
		expect(simple.status).toBe('success');
		expect(simple.items[0].json).toMatchObject({ message_id: messageId, group_id: 20002, text: '@123456 hi', mentions: ['123456'] });
		expect(t.sim.last('get_msg')!.body).toEqual({ message_id: messageId });

		const raw = await t.run({ resource: 'message', operation: 'get', messageId: String(messageId), simplify: false });
		expect(raw.items[0].json.message_id).toBe(messageId);
		expect(raw.items[0].json.text).toBeUndefined();

		const read = await t.run({ resource: 'message', operation: 'markAsRead', messageId: String(messageId) });
		expect(read.items[0].json).toEqual({ success: true, message_id: messageId });
		expect(t.sim.last('mark_msg_as_read')!.body).toEqual({ message_id: messageId });

		const recalled = await t.run({ resource: 'message', operation: 'delete', messageId: String(messageId) });
		expect(recalled.items[0].json).toEqual({ deleted: true, message_id: messageId });
		expect(t.sim.last('delete_msg')!.body).toEqual({ message_id: messageId });
	});
});

describe('reactions follow each implementation', () => {
	const react = (operation: string, extra: object = {}) => ({ resource: 'message', operation, messageId: '12345', emojiId: '76', ...extra });

	describe('napcat', () => {
		const t = useSimulator('napcat');
		test('set_msg_emoji_like with set true / false', async () => {
			expect((await t.run(react('react'))).status).toBe('success');
			expect(t.sim.last('set_msg_emoji_like')!.body).toEqual({ message_id: 12345, emoji_id: 76, set: true });
			await t.run(react('removeReaction'));
			expect(t.sim.last('set_msg_emoji_like')!.body).toEqual({ message_id: 12345, emoji_id: 76, set: false });
			// auto-detection asks once per execution
			expect(t.sim.requestsFor('get_version_info')).toHaveLength(2);
		});
	});

	describe('llonebot', () => {
		const t = useSimulator('llonebot');
		test('set_msg_emoji_like / unset_msg_emoji_like', async () => {
			await t.run(react('react'));
			expect(t.sim.last('set_msg_emoji_like')!.body).toEqual({ message_id: 12345, emoji_id: 76 });
			const removed = await t.run(react('removeReaction'));
			expect(removed.status).toBe('success');
			expect(t.sim.last('unset_msg_emoji_like')!.body).toEqual({ message_id: 12345, emoji_id: 76 });
		});
	});

	describe('lagrange', () => {
		const t = useSimulator('lagrange');
		test('set_group_reaction with the group looked up from the message', async () => {
			const result = await t.run(react('react'));
			expect(result.status).toBe('success');
			const body = t.sim.last('set_group_reaction')!.body;
			expect(body).toMatchObject({ message_id: 12345, code: '76', is_add: true });
			expect(typeof body.group_id).toBe('number');
			await t.run(react('removeReaction', { options: { groupId: '20002' } }));
			expect(t.sim.last('set_group_reaction')!.body).toEqual({ group_id: 20002, message_id: 12345, code: '76', is_add: false });
		});
	});

	describe('gocqhttp', () => {
		const t = useSimulator('gocqhttp');
		test('explains that go-cqhttp has no reactions, without calling an unknown action', async () => {
			const result = await t.run(react('react'), { onError: 'continueRegularOutput' });
			expect(result.items[0].json.error).toMatch(/does not support reactions/);
			expect(t.sim.requestsFor('set_msg_emoji_like')).toHaveLength(0);
		});
	});
});
