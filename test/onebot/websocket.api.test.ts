/**
 * Sends over the OneBot forward WebSocket (Options › Connection = WebSocket): one connection per
 * execution, requests pipelined and matched by echo, the same errors as over HTTP.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId, DIALECTS, TOKEN, useSimulator } from './setup';

const send = (options: IDataObject = {}, text = 'hello'): IDataObject => ({
	resource: 'message',
	operation: 'sendPrivate',
	userId: byId(123456),
	messageMode: 'text',
	text,
	options: { connection: 'websocket', ...options },
});

async function until(check: () => boolean, ms = 2000) {
	const end = Date.now() + ms;
	while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
	return check();
}

describe.each(DIALECTS)('OneBot sends over the WebSocket API (%s)', (dialect) => {
	const t = useSimulator(dialect);
	const ws = () => ({ credentials: { wsUrl: t.sim.wsUrl } });

	test('all items over one connection, answers matched by echo, closed after the run', async () => {
		const items = [1, 2, 3].map((n) => ({ json: { text: `message ${n}` } }));
		const result = await t.run(send({}, '={{ $json.text }}'), { items, ...ws() });
		expect(result.status).toBe('success');
		expect(result.items.map((item) => typeof item.json.message_id)).toEqual(['number', 'number', 'number']);
		const frames = t.sim.requestsFor('send_private_msg');
		expect(frames.map((f) => f.method)).toEqual(['WS', 'WS', 'WS']);
		expect(frames.map((f) => (f.body as IDataObject).params)).toEqual(
			[1, 2, 3].map((n) => ({ user_id: 123456, message: [{ type: 'text', data: { text: `message ${n}` } }] })),
		);
		expect(new Set(frames.map((f) => (f.body as IDataObject).echo)).size).toBe(3);
		expect(t.sim.requests.filter((r) => r.method !== 'WS')).toEqual([]);
		expect(await until(() => t.sim.wsConnections() === 0)).toBe(true);
	});

	test('Concurrency 8 pipelines on the one connection and keeps the output order', async () => {
		const items = Array.from({ length: 20 }, (_, n) => ({ json: { text: `m${n}` } }));
		const result = await t.run(send({ concurrency: 8 }, '={{ $json.text }}'), { items, ...ws() });
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, n) => ({ item: n })));
		const texts = t.sim.requestsFor('send_private_msg').map((f) => (((f.body as IDataObject).params as IDataObject).message as IDataObject[])[0]);
		expect(texts).toHaveLength(20);
	});

	test('a retcode failure is a NodeApiError with the provider code and text; continueOnFail goes on', async () => {
		t.sim.fault({ action: 'send_private_msg', retcode: 1400, message: '对方不是你的好友' });
		const result = await t.run(send(), { items: [{ json: {} }, { json: {} }], onError: 'continueRegularOutput', ...ws() });
		expect(result.status).toBe('success');
		expect(result.items[0].json.error).toContain('retcode 1400');
		// Lagrange sends no error text at all, as over HTTP
		expect(result.items[0].json.error).toContain(dialect === 'lagrange' ? 'gave no error text' : '对方不是你的好友');
		expect(result.items[0].json.details).toMatchObject({ provider: 'OneBot', code: 1400, endpoint: 'send_private_msg' });
		expect(typeof result.items[1].json.message_id).toBe('number');
	});
});

describe('WebSocket API: set-up and failures (NapCat and go-cqhttp)', () => {
	const napcat = useSimulator('napcat');
	const gocq = useSimulator('gocqhttp');

	test('the token goes in the Authorization header, or as access_token when the credential says query', async () => {
		await napcat.run(send(), { credentials: { wsUrl: napcat.sim.wsUrl } });
		expect(napcat.sim.last('send_private_msg')!.headers.authorization).toBe(`Bearer ${TOKEN}`);
		const result = await gocq.run(send(), { credentials: { wsUrl: gocq.sim.wsUrl, tokenLocation: 'query' } });
		expect(result.status).toBe('success');
		expect(JSON.stringify(result.items)).not.toContain(TOKEN);
	});

	test('no WebSocket URL in the credential: the field and the fix are named, nothing is sent', async () => {
		const result = await napcat.run(send());
		expect(result.status).toBe('error');
		expect(result.error!.message).toContain('needs the WebSocket URL in the OneBot credential');
		expect(result.error!.description).toContain('Options › Connection');
		expect(napcat.sim.requests).toEqual([]);
	});

	test('a wrong token: NapCat answers 1403 on the socket, go-cqhttp refuses the upgrade; the token is never echoed', async () => {
		const nap = await napcat.run(send(), { credentials: { wsUrl: napcat.sim.wsUrl, accessToken: 'wrong-token-123' } });
		expect(nap.status).toBe('error');
		expect(nap.error!.message).toContain('refused the access token');
		const go = await gocq.run(send(), { credentials: { wsUrl: gocq.sim.wsUrl, accessToken: 'wrong-token-123' } });
		expect(go.status).toBe('error');
		expect(go.error!.message).toContain('Could not open the WebSocket connection');
		expect(go.error!.description).toContain('Access Token');
		expect(JSON.stringify([nap.error, go.error])).not.toContain('wrong-token-123');
		expect(gocq.sim.requestsFor('send_private_msg')).toEqual([]);
	});

	test('a connection lost after the send: reported, not repeated (it may have been delivered)', async () => {
		napcat.sim.fault({ action: 'send_private_msg', reset: true });
		const result = await napcat.run(send(), { credentials: { wsUrl: napcat.sim.wsUrl } });
		expect(result.status).toBe('error');
		expect(result.error!.message).toContain('closed');
		expect(napcat.sim.requestsFor('send_private_msg')).toHaveLength(1);
	});

	test('after a lost connection the next item opens a new one', async () => {
		napcat.sim.fault({ action: 'send_private_msg', reset: true });
		const result = await napcat.run(send(), { items: [{ json: {} }, { json: {} }], onError: 'continueRegularOutput', credentials: { wsUrl: napcat.sim.wsUrl } });
		expect(result.items[0].json.error).toBeDefined();
		expect(typeof result.items[1].json.message_id).toBe('number');
		expect(napcat.sim.requestsFor('send_private_msg')).toHaveLength(2);
	});

	test('an answer later than Timeout: reported, not repeated', async () => {
		napcat.sim.fault({ action: 'send_private_msg', delayMs: 1500 });
		const result = await napcat.run(send({ timeout: 1000 }), { credentials: { wsUrl: napcat.sim.wsUrl } });
		expect(result.status).toBe('error');
		expect(result.error!.message).toContain('No answer to send_private_msg within 1000 ms');
		expect(napcat.sim.requestsFor('send_private_msg')).toHaveLength(1);
	});

	test('Connection Auto (the default): WebSocket when the credential has its URL, else HTTP', async () => {
		const auto = { ...send(), options: {} };
		await napcat.run(auto, { credentials: { wsUrl: napcat.sim.wsUrl } });
		expect(napcat.sim.requestsFor('send_private_msg').map((r) => r.method)).toEqual(['WS']);
		napcat.sim.reset();
		await napcat.run(auto);
		expect(napcat.sim.requestsFor('send_private_msg').map((r) => r.method)).toEqual(['POST']);
		napcat.sim.reset();
		await napcat.run({ ...send(), options: { connection: 'http' } }, { credentials: { wsUrl: napcat.sim.wsUrl } });
		expect(napcat.sim.requestsFor('send_private_msg').map((r) => r.method)).toEqual(['POST']);
	});

	test('Connection Auto with a WebSocket URL nobody answers: HTTP instead, each message sent once', async () => {
		const result = await napcat.run(
			{ ...send({}, '={{ $json.text }}'), options: {} },
			{ items: [{ json: { text: 'a' } }, { json: { text: 'b' } }], credentials: { wsUrl: 'ws://127.0.0.1:9' } },
		);
		expect(result.status).toBe('success');
		expect(napcat.sim.requestsFor('send_private_msg').map((r) => r.method)).toEqual(['POST', 'POST']);
	});

	test('Connection Auto with a malformed WebSocket URL: an error naming the credential field', async () => {
		const result = await napcat.run({ ...send(), options: {} }, { credentials: { wsUrl: '127.0.0.1:3001' } });
		expect(result.status).toBe('error');
		expect(result.error!.message).toContain('must start with ws:// or wss://');
		expect(napcat.sim.requests).toEqual([]);
	});

	test('nothing listening: refused, retried, then reported with the URL', async () => {
		const result = await napcat.run(send(), { credentials: { wsUrl: 'ws://127.0.0.1:9' } });
		expect(result.status).toBe('error');
		expect(result.error!.message).toContain('Could not open the WebSocket connection');
		expect(result.error!.message).toContain('ws://127.0.0.1:9');
	}, 20000);
});
