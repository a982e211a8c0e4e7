import { SEED, USERS } from '../simulators/heybox';
import { byId, COMMON_QUERY, TOKEN, useHeybox } from './setup';

const PNG_3x2 = 'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEklEQVR4nGP4z8DAwMDAxAABAA7/Af/FYQBnAAAAAElFTkSuQmCC';

const channel = (room: string, ch: string) => ({ roomId: byId(room), channelId: byId(ch) });

describe('Heybox messages', () => {
	const t = useHeybox();

	test('seed 000: private message body exactly as documented, token header and the seven query parameters', async () => {
		const result = await t.run({
			resource: 'privateMessage',
			operation: 'send',
			userId: '1234567',
			messageType: 'markdown',
			text: '123',
			options: { ackId: '1' },
		});
		expect(result.error?.message).toBeUndefined();
		const request = t.sim.last('/chatroom/v3/msg/user')!;
		expect(request.rawBody).toBe('{"msg":"123","msg_type":4,"heychat_ack_id":"1","addition":"{}","to_user_id":1234567}');
		expect(request.headers.token).toBe(TOKEN);
		expect(request.headers.authorization).toBeUndefined();
		expect(request.query).toEqual(COMMON_QUERY);
		expect(result.items[0].json).toMatchObject({ to_user_id: 1234567, heychat_ack_id: '1' });
		expect(typeof result.items[0].json.msg_id).toBe('string');
	});

	test('seed 002: channel message with mentions, body exactly as documented', async () => {
		const result = await t.run({
			resource: 'channelMessage',
			operation: 'send',
			...channel('3663316788315193344', '3665944781964836864'),
			messageType: 'markdown',
			text: '@{id:72053518}@{id:3663316788343832578} #{id:3665944781964836864}  123',
			mentionUserIds: '72053518',
			mentionRoleIds: '3663316788343832578',
			mentionChannelIds: '3665944781964836864',
			options: { ackId: '0' },
		});
		expect(result.error?.message).toBeUndefined();
		expect(t.sim.last('channel_msg/send')!.rawBody).toBe(
			JSON.stringify({
				msg: '@{id:72053518}@{id:3663316788343832578} #{id:3665944781964836864}  123',
				msg_type: 10,
				heychat_ack_id: '0',
				reply_id: '',
				room_id: '3663316788315193344',
				addition: '{"img_files_info":[]}',
				at_user_id: '72053518',
				at_role_id: '3663316788343832578',
				mention_channel_id: '3665944781964836864',
				channel_id: '3665944781964836864',
				channel_type: 1,
			}),
		);
		expect(result.items[0].json).toMatchObject({ room_id: '3663316788315193344', channel_id: '3665944781964836864' });
	});

	test('mentions from lists: the node writes the tokens; plain markdown is msg_type 4 with a fresh ack per item', async () => {
		const result = await t.run(
			{
				resource: 'channelMessage',
				operation: 'send',
				...channel(SEED.room1, SEED.room1Text),
				messageType: 'markdown',
				text: '={{ $json.text }}',
				mentionUserIds: '={{ $json.who }}',
				options: { convertLineBreaks: true },
			},
			{ items: [{ json: { text: 'line 1\nline 2', who: '' } }, { json: { text: 'hi', who: `${USERS.ali}, ${USERS.heybox}` } }] },
		);
		expect(result.error?.message).toBeUndefined();
		const [first, second] = t.sim.requestsFor('channel_msg/send').map((r) => r.body);
		expect(first).toMatchObject({ msg: 'line 1\n\nline 2', msg_type: 4 });
		expect(second).toMatchObject({ msg: `@{id:${USERS.ali}}@{id:${USERS.heybox}} hi`, msg_type: 10, at_user_id: `${USERS.ali},${USERS.heybox}` });
		expect(first.heychat_ack_id).not.toBe(second.heychat_ack_id);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('@{all} mention', async () => {
		await t.run({ resource: 'channelMessage', operation: 'send', ...channel(SEED.room1, SEED.room1Text), messageType: 'markdown', text: 'meeting', mentionEveryone: 'all' });
		expect(t.sim.last('channel_msg/send')!.body).toMatchObject({ msg: '@{all} meeting', msg_type: 10 });
	});

	test('image from binary data: uploaded (multipart field "file"), then sent with its URL, width and height', async () => {
		const result = await t.run(
			{ resource: 'channelMessage', operation: 'send', ...channel(SEED.room1, SEED.room1Text), messageType: 'image', imageSource: 'binary', binaryPropertyName: 'chart' },
			{ items: [{ json: {}, binary: { chart: { base64: PNG_3x2, fileName: 'chart.png', mimeType: 'image/png' } } }] },
		);
		expect(result.error?.message).toBeUndefined();
		const upload = t.sim.last('/upload')!;
		expect(upload.multipart!.files).toEqual([expect.objectContaining({ field: 'file', filename: 'chart.png', contentType: 'image/png', base64: PNG_3x2 })]);
		const sent = t.sim.last('channel_msg/send')!.body;
		expect(sent.msg_type).toBe(3);
		expect(sent.img).toMatch(/^https:\/\/chat\.max-c\.com\/attachments\//);
		expect(JSON.parse(sent.addition)).toEqual({ img_files_info: [{ url: sent.img, width: 3, height: 2 }] });
	});

	test('card from the builder and from JSON', async () => {
		await t.run({
			resource: 'channelMessage',
			operation: 'send',
			...channel(SEED.room1, SEED.room1Text),
			messageType: 'card',
			cardSource: 'builder',
			cardModules: { module: [{ type: 'header', text: 'Deploy', markdown: false }, { type: 'section', text: '**v1.2** is live' }, { type: 'buttons', buttons: 'Open|https://example.com' }] },
		});
		const card = t.sim.last('channel_msg/send')!.body;
		expect(card.msg_type).toBe(20);
		expect(card.addition).toBe('{}');
		expect(JSON.parse(card.msg).data[0].modules).toHaveLength(3);

		const json = '{"data":[{"type":"card","modules":[{"type":"section","paragraph":[{"type":"plain-text","text":"黑盒语音"}]}]}]}';
		const result = await t.run({ resource: 'channelMessage', operation: 'send', ...channel(SEED.room1, SEED.room1Text), messageType: 'card', cardSource: 'json', cardJson: json });
		expect(result.error?.message).toBeUndefined();
		expect(t.sim.last('channel_msg/send')!.body.msg).toBe(json);
	});

	test('reply, update, delete, add and remove a reaction', async () => {
		const sent = await t.run({
			resource: 'channelMessage',
			operation: 'send',
			...channel(SEED.room1, SEED.room1Text),
			messageType: 'markdown',
			text: 'first',
			options: { replyTo: SEED.room1Msg },
		});
		expect(t.sim.last('channel_msg/send')!.body.reply_id).toBe(SEED.room1Msg);
		const msgId = String(sent.items[0].json.msg_id);
		expect(msgId).toMatch(/^\d{19}$/);

		const updated = await t.run({ resource: 'channelMessage', operation: 'update', ...channel(SEED.room1, SEED.room1Text), messageId: msgId, messageType: 'markdown', text: 'edited' });
		expect(updated.error?.message).toBeUndefined();
		expect(t.sim.last('channel_msg/update')!.body).toMatchObject({ msg_id: msgId, msg: 'edited', room_id: SEED.room1 });

		for (const operation of ['react', 'removeReaction']) {
			const r = await t.run({ resource: 'channelMessage', operation, ...channel(SEED.room1, SEED.room1Text), messageId: msgId, emoji: '[cube_doge]' });
			expect(r.error?.message).toBeUndefined();
		}
		expect(t.sim.requestsFor('channel_msg/emoji/reply').map((r) => r.rawBody)).toEqual([
			`{"msg_id":"${msgId}","emoji":"[cube_doge]","is_add":1,"channel_id":"${SEED.room1Text}","room_id":"${SEED.room1}"}`,
			`{"msg_id":"${msgId}","emoji":"[cube_doge]","is_add":0,"channel_id":"${SEED.room1Text}","room_id":"${SEED.room1}"}`,
		]);

		const deleted = await t.run({ resource: 'channelMessage', operation: 'delete', ...channel(SEED.room1, SEED.room1Text), messageId: msgId });
		expect(deleted.items[0].json).toEqual({ deleted: true, msg_id: msgId, room_id: SEED.room1, channel_id: SEED.room1Text });
	});

	test('private image from binary data', async () => {
		const result = await t.run(
			{ resource: 'privateMessage', operation: 'send', userId: String(USERS.tester), messageType: 'image', imageSource: 'binary', binaryPropertyName: 'data' },
			{ items: [{ json: {}, binary: { data: { base64: PNG_3x2, fileName: 'a.png', mimeType: 'image/png' } } }] },
		);
		expect(result.error?.message).toBeUndefined();
		expect(t.sim.last('/chatroom/v3/msg/user')!.body).toMatchObject({ msg_type: 3, to_user_id: USERS.tester });
	});
});
