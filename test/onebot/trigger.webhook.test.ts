import { createHmac } from 'node:crypto';

import { deliverWebhook } from '../harness/trigger';
import { OneBotSimulator } from '../simulators/onebot';
import { TOKEN } from './setup';

const SECRET = 'webhook-secret-42';

const groupMessage = (message: unknown, extra: object = {}) => ({
	time: 1700000000,
	self_id: 10001,
	post_type: 'message',
	message_type: 'group',
	sub_type: 'normal',
	message_id: 4242,
	group_id: 20002,
	user_id: 30003,
	message,
	raw_message: typeof message === 'string' ? message : '',
	font: 0,
	sender: { user_id: 30003, nickname: 'n', card: 'Card', role: 'member' },
	...extra,
});

const sign = (raw: string, secret = SECRET) => `sha1=${createHmac('sha1', secret).update(raw).digest('hex')}`;

const trigger = (parameters: object = {}, credentials?: object) => ({
	type: 'oneBotTrigger',
	parameters: { connection: 'webhook', events: ['message'], messageTypes: ['private', 'group'], ...parameters },
	credentials: credentials ? { oneBotApi: { baseUrl: 'http://127.0.0.1:9', accessToken: '', ...credentials } as never } : undefined,
});

async function post(params: object, event: unknown, headers: Record<string, string> = {}, credentials?: object) {
	const raw = typeof event === 'string' ? event : JSON.stringify(event);
	return await deliverWebhook(trigger(params, credentials), { rawBody: raw, headers: { 'content-type': 'application/json', ...headers } });
}

describe('OneBot Trigger webhook: signatures', () => {
	const event = groupMessage([{ type: 'text', data: { text: 'hi' } }]);
	const raw = JSON.stringify(event);

	test('a correctly signed event starts the workflow (secret in the node)', async () => {
		const answer = await post({ options: { secret: SECRET } }, raw, { 'x-signature': sign(raw) });
		expect(answer.status).toBe(200);
		expect(answer.result.workflowData?.[0]).toHaveLength(1);
	});

	test('a correctly signed event starts the workflow (secret in the credential)', async () => {
		const answer = await post({}, raw, { 'X-Signature': sign(raw) }, { webhookSecret: SECRET });
		expect(answer.result.workflowData?.[0]).toHaveLength(1);
	});

	test.each([
		['unsigned', {}],
		['forged (other secret)', { 'x-signature': sign(raw, 'guess') }],
		['malformed header', { 'x-signature': 'sha1=xyz' }],
		['wrong algorithm prefix', { 'x-signature': sign(raw).replace('sha1=', 'sha256=') }],
	])('%s → 401 and no execution', async (_name, headers) => {
		const answer = await post({ options: { secret: SECRET } }, raw, headers as Record<string, string>);
		expect(answer.status).toBe(401);
		expect(answer.result.noWebhookResponse).toBe(true);
		expect(answer.result.workflowData).toBeUndefined();
	});

	test('a tampered body (signed, then changed) → 401', async () => {
		const tampered = raw.replace('"hi"', '"pay 100"');
		const answer = await post({ options: { secret: SECRET } }, tampered, { 'x-signature': sign(raw) });
		expect(answer.status).toBe(401);
		expect(answer.result.workflowData).toBeUndefined();
	});

	test('the signature is checked on the raw bytes, not re-serialised JSON', async () => {
		const spaced = '{ "post_type" : "message", "message_type":"private", "self_id":10001, "user_id":1, "message":"x" }';
		const answer = await post({ options: { secret: SECRET } }, spaced, { 'x-signature': sign(spaced) });
		expect(answer.result.workflowData?.[0]).toHaveLength(1);
	});

	test('Expected Bot QQ refuses events of another bot', async () => {
		const ok = await post({ options: { expectedSelfId: '10001' } }, event, { 'x-self-id': '10001' });
		expect(ok.result.workflowData?.[0]).toHaveLength(1);
		const other = await post({ options: { expectedSelfId: '10001' } }, { ...event, self_id: 99999 }, { 'x-self-id': '99999' });
		expect(other.status).toBe(403);
		expect(other.result.workflowData).toBeUndefined();
	});
});

describe('OneBot Trigger webhook: normalised output', () => {
	test.each([
		['array (NapCat, LLOneBot)', [{ type: 'reply', data: { id: '777' } }, { type: 'at', data: { qq: '10001' } }, { type: 'text', data: { text: ' /weather 北京 & [x]' } }]],
		['CQ string (go-cqhttp default)', '[CQ:reply,id=777][CQ:at,qq=10001] /weather 北京 &amp; &#91;x&#93;'],
	])('%s message → the same segments, text, mentions, replyTo, chat, sender', async (_name, message) => {
		const answer = await post({ filters: { commandPrefix: '/' } }, groupMessage(message));
		const item = answer.result.workflowData![0][0].json;
		expect(item.segments).toEqual([
			{ type: 'reply', data: { id: '777' } },
			{ type: 'at', data: { qq: '10001' } },
			{ type: 'text', data: { text: ' /weather 北京 & [x]' } },
		]);
		expect(item.text).toBe('@10001 /weather 北京 & [x]');
		expect(item.mentions).toEqual(['10001']);
		expect(item.mentionsBot).toBe(true);
		expect(item.replyTo).toBe('777');
		expect(item.chat).toEqual({ type: 'group', id: 20002 });
		expect(item.sender).toMatchObject({ user_id: 30003, card: 'Card' });
		expect(item.command).toEqual({ name: 'weather', args: ['北京', '&', '[x]'], rest: '北京 & [x]' });
		expect(item.message_id).toBe(4242);
		expect(item.message).toEqual(message);
	});

	test('a private message: chat is the user', async () => {
		const answer = await post({}, { ...groupMessage('hello'), message_type: 'private', group_id: undefined, sub_type: 'friend' });
		expect(answer.result.workflowData![0][0].json.chat).toEqual({ type: 'private', id: 30003 });
	});
});

describe('OneBot Trigger webhook: filters (each event either starts the workflow or is answered {} without one)', () => {
	const hello = groupMessage([{ type: 'text', data: { text: 'hello' } }]);
	const cases: Array<[string, object, object, boolean]> = [
		['event type not selected (notice)', {}, { post_type: 'notice', notice_type: 'group_increase', group_id: 20002, user_id: 5, self_id: 10001 }, false],
		['notice selected', { events: ['notice'] }, { post_type: 'notice', notice_type: 'group_increase', group_id: 20002, user_id: 5, self_id: 10001 }, true],
		['meta events off by default', {}, { post_type: 'meta_event', meta_event_type: 'heartbeat', self_id: 10001 }, false],
		['message type private only', { messageTypes: ['private'] }, hello, false],
		['group in list', { filters: { groupIds: '1, 20002' } }, hello, true],
		['group not in list', { filters: { groupIds: '1,2' } }, hello, false],
		['user in list', { filters: { userIds: '30003' } }, hello, true],
		['user not in list', { filters: { userIds: '4' } }, hello, false],
		['only when mentioned, not mentioned', { filters: { onlyWhenMentioned: true } }, hello, false],
		['only when mentioned, mentioned', { filters: { onlyWhenMentioned: true } }, groupMessage([{ type: 'at', data: { qq: '10001' } }, { type: 'text', data: { text: ' hi' } }]), true],
		['only when mentioned, @all', { filters: { onlyWhenMentioned: true } }, groupMessage('[CQ:at,qq=all] hi'), true],
		['command prefix missing', { filters: { commandPrefix: '/' } }, hello, false],
		['command prefix present', { filters: { commandPrefix: '/' } }, groupMessage('/help'), true],
		['regex matches', { filters: { textPattern: '^hel+o$' } }, hello, true],
		['regex does not match', { filters: { textPattern: '^bye' } }, hello, false],
		["the bot's own message is ignored", {}, { ...hello, user_id: 10001 }, false],
		["the bot's own message when not ignored", { ignoreSelf: false }, { ...hello, user_id: 10001 }, true],
		['message_sent only when selected', {}, { ...hello, post_type: 'message_sent' }, false],
		['message_sent selected', { events: ['message_sent'] }, { ...hello, post_type: 'message_sent' }, true],
	];
	test.each(cases)('%s', async (_name, params, event, starts) => {
		const answer = await post(params, event);
		expect(answer.status).toBe(200);
		if (starts) expect(answer.result.workflowData?.[0]).toHaveLength(1);
		else {
			expect(answer.result.workflowData).toBeUndefined();
			expect(answer.body).toEqual({});
		}
	});

	test('an invalid regex is a clear configuration error', async () => {
		await expect(post({ filters: { textPattern: '(' } }, hello)).rejects.toThrow(/not a valid regular expression/);
	});
});

describe('OneBot Trigger webhook: replies', () => {
	test('quick reply for a group message: reply, auto_escape, at_sender, ban', async () => {
		const answer = await post({ quickReply: { reply: 'pong [ok]', atSender: true, ban: true, banDuration: 600 } }, groupMessage('/ping'));
		expect(answer.body).toEqual({ reply: 'pong [ok]', auto_escape: true, at_sender: true, ban: true, ban_duration: 600 });
		expect(answer.result.workflowData?.[0]).toHaveLength(1);
	});

	test('quick operation for requests: approve with remark', async () => {
		const answer = await post(
			{ events: ['request'], quickReply: { approve: 'approve', remark: 'from n8n' } },
			{ post_type: 'request', request_type: 'friend', user_id: 5, comment: 'hi', flag: 'f1', self_id: 10001 },
		);
		expect(answer.body).toEqual({ approve: true, remark: 'from n8n' });
	});

	test('no quick reply configured: answers {} at once', async () => {
		const answer = await post({}, groupMessage('hi'));
		expect(answer.body).toEqual({});
	});

	describe('answering later through the OneBot node (the AI-reply path)', () => {
		let sim: OneBotSimulator;
		beforeAll(async () => {
			sim = await OneBotSimulator.start({ dialect: 'napcat', token: TOKEN });
		});
		afterAll(async () => await sim.close());

		test('Send with chat type and ID taken from the trigger output, quoting the message', async () => {
			const answer = await deliverWebhook(
				trigger(),
				{ rawBody: JSON.stringify(groupMessage('[CQ:at,qq=10001] what time is it?')), headers: {} },
				{
					nodes: [
						{
							name: 'Reply',
							type: 'n8n-nodes-imkit.oneBot',
							parameters: {
								resource: 'message',
								operation: 'send',
								chatType: '={{ $json.chat.type }}',
								groupId: { __rl: true, mode: 'id', value: '={{ $json.chat.id }}' },
								userId: { __rl: true, mode: 'id', value: '={{ $json.chat.id }}' },
								messageMode: 'text',
								text: '=You asked: {{ $json.text }}',
								options: { replyTo: '={{ $json.message_id }}' },
							},
							credentials: { oneBotApi: { id: '1', name: 'OneBot' } },
						},
					],
					connections: { Trigger: { main: [[{ node: 'Reply', type: 'main', index: 0 }]] } },
					credentials: { oneBotApi: { baseUrl: sim.url, accessToken: TOKEN, tokenLocation: 'header', implementation: 'napcat' } as never },
				},
			);
			expect(answer.run!.status).toBe('success');
			expect(sim.last('send_msg')!.body).toEqual({
				message_type: 'group',
				group_id: 20002,
				message: [
					{ type: 'reply', data: { id: 4242 } },
					{ type: 'text', data: { text: 'You asked: @10001 what time is it?' } },
				],
			});
		});
	});
});
