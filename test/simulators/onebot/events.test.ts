import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import {
	DIALECTS,
	OneBotSimulator,
	decodeCQ,
	heartbeatEvent,
	lifecycleEvent,
	messageEvent,
	noticeEvent,
	requestEvent,
} from './index.ts';
import type { Dialect, Segment } from './index.ts';

// -------------------------------------------------------------------------------------------------
// a little webhook receiver that records exactly what arrives

interface Received {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	rawHeaders: string[];
	body: string;
}

type Responder = (r: Received, res: http.ServerResponse) => void;

interface Receiver {
	url: string;
	received: Received[];
	respond: (fn: Responder) => void;
	close: () => Promise<void>;
}

const noContent: Responder = (_r, res) => {
	res.writeHead(204);
	res.end();
};

function answerJson(value: unknown, status = 200): Responder {
	return (_r, res) => {
		const body = JSON.stringify(value);
		res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
		res.end(body);
	};
}

async function startReceiver(initial: Responder = noContent): Promise<Receiver> {
	const received: Received[] = [];
	let responder = initial;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const r: Received = {
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				rawHeaders: req.rawHeaders,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			received.push(r);
			responder(r, res);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/onebot/webhook`,
		received,
		respond: (fn) => {
			responder = fn;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** raw header names as they arrived on the wire */
function rawNames(r: Received): string[] {
	return r.rawHeaders.filter((_, i) => i % 2 === 0);
}

const hmac = (secret: string, body: string) => 'sha1=' + createHmac('sha1', secret).update(Buffer.from(body, 'utf8')).digest('hex');

// -------------------------------------------------------------------------------------------------
// a WebSocket client that queues frames

interface Conn {
	ws: WebSocket;
	frames: any[];
	next: (timeoutMs?: number) => Promise<any>;
	/** resolves with nothing when no frame arrives in time */
	none: (ms: number) => Promise<void>;
	closed: Promise<{ code: number; reason: string }>;
}

function connect(url: string, headers: Record<string, string> = {}): Promise<Conn> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers });
		const frames: any[] = [];
		let read = 0;
		const waiters: Array<() => void> = [];
		ws.on('message', (data) => {
			frames.push(JSON.parse(String(data)));
			for (const w of waiters.splice(0)) w();
		});
		const closed = new Promise<{ code: number; reason: string }>((res) => {
			ws.on('close', (code, reason) => res({ code, reason: String(reason) }));
		});
		const next = (timeoutMs = 2000) =>
			new Promise<any>((res, rej) => {
				const take = () => {
					if (read < frames.length) {
						clearTimeout(timer);
						res(frames[read++]);
						return true;
					}
					return false;
				};
				const timer = setTimeout(() => rej(new Error(`no frame within ${timeoutMs} ms`)), timeoutMs);
				if (take()) return;
				const wait = () => {
					if (!take()) waiters.push(wait);
				};
				waiters.push(wait);
			});
		const none = (ms: number) =>
			new Promise<void>((res, rej) => {
				const before = frames.length;
				setTimeout(() => (frames.length === before ? res() : rej(new Error(`unexpected frame ${JSON.stringify(frames[before])}`))), ms);
			});
		ws.on('open', () => resolve({ ws, frames, next, none, closed }));
		ws.on('error', (err) => reject(err));
	});
}

/** status of a refused upgrade (ws: "Unexpected server response: 401") */
async function refusedStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
	try {
		const c = await connect(url, headers);
		c.ws.terminate();
		return 101;
	} catch (err: unknown) {
		const m = /Unexpected server response: (\d+)/.exec(String(err));
		if (!m) throw err;
		return Number(m[1]);
	}
}

const text = (t: string): Segment => ({ type: 'text', data: { text: t } });

// -------------------------------------------------------------------------------------------------

describe('event builders', () => {
	const segments: Segment[] = [text('a&[b], c'), { type: 'at', data: { qq: '30003' } }, { type: 'image', data: { file: 'http://x/a.png?a=1,b=2', url: 'http://x' } }];
	const cq = 'a&amp;&#91;b&#93;, c[CQ:at,qq=30003][CQ:image,file=http://x/a.png?a=1&#44;b=2,url=http://x]';

	it.each(DIALECTS)('%s: default message format, raw_message always the escaped CQ string', (d) => {
		const ev = messageEvent(d, { messageType: 'group', groupId: 20002, userId: 30003, message: segments, messageId: 77, time: 1700000123 });
		expect(ev).toMatchObject({
			time: 1700000123,
			self_id: 10001,
			post_type: 'message',
			message_type: 'group',
			sub_type: 'normal',
			message_id: 77,
			group_id: 20002,
			user_id: 30003,
			raw_message: cq,
		});
		if (d === 'gocqhttp') expect(ev.message).toBe(cq);
		else expect(ev.message).toEqual(segments);
		expect(decodeCQ(ev.raw_message as string)).toEqual(segments);
		expect(ev.sender).toMatchObject({ user_id: 30003, nickname: expect.any(String), card: '', role: 'member' });
	});

	it('dialect extras: NapCat message_format / real_id / group_name, go-cqhttp and Lagrange anonymous', () => {
		const o = { messageType: 'group' as const, groupId: 20002, userId: 30003, message: [text('hi')], messageId: 5, groupName: 'Dev Group' };
		const nc = messageEvent('napcat', o);
		expect(nc).toMatchObject({ message_format: 'array', real_id: 5, message_seq: 5, group_name: 'Dev Group', font: 14 });
		expect(Object.keys(nc.sender as object)).toEqual(['user_id', 'nickname', 'card', 'role']);
		const ll = messageEvent('llonebot', o);
		expect(ll).toMatchObject({ message_format: 'array', real_id: 5, font: 14 });
		expect(ll).not.toHaveProperty('group_name');
		const gc = messageEvent('gocqhttp', o);
		expect(gc).toMatchObject({ anonymous: null, font: 0, message: 'hi' });
		expect(gc).not.toHaveProperty('message_format');
		expect(gc.sender).toMatchObject({ sex: 'unknown', age: 0, area: '', level: '', title: '' });
		const lg = messageEvent('lagrange', o);
		expect(lg).toMatchObject({ anonymous: null, font: 0, message: [text('hi')] });
		expect(lg).not.toHaveProperty('message_format');
	});

	it('format override, private shape, message_sent, CQ string input', () => {
		const nc = messageEvent('napcat', { messageType: 'private', userId: 123456, message: '[CQ:face,id=1]hi', format: 'string' });
		expect(nc).toMatchObject({ message: '[CQ:face,id=1]hi', message_format: 'string', sub_type: 'friend' });
		expect(nc).not.toHaveProperty('group_id');
		expect(nc).not.toHaveProperty('group_name');
		expect(nc.sender).not.toHaveProperty('role');
		const gc = messageEvent('gocqhttp', { messageType: 'private', userId: 123456, message: [text('x')], format: 'array', selfId: 42 });
		expect(gc).toMatchObject({ message: [text('x')], target_id: 42, self_id: 42, sub_type: 'friend' });
		expect(gc.sender).toEqual({ user_id: 123456, nickname: 'user123456', sex: 'unknown', age: 0 });
		const sent = messageEvent('napcat', { messageType: 'private', userId: 123456, message: [text('me')], postType: 'message_sent' });
		expect(sent).toMatchObject({ post_type: 'message_sent', message_sent_type: 'self', target_id: 123456 });
		const a = messageEvent('lagrange', { messageType: 'private', userId: 1, message: [text('1')] });
		const b = messageEvent('lagrange', { messageType: 'private', userId: 1, message: [text('1')] });
		expect(a.message_id).not.toBe(b.message_id);
		expect(() => messageEvent('napcat', { messageType: 'group', userId: 1, message: [] })).toThrow(/groupId/);
	});

	it('sim.messageEvent fills bot id, sender and group name from the state', async () => {
		const sim = await OneBotSimulator.start({ dialect: 'napcat', selfId: 5550001 });
		try {
			const ev = sim.messageEvent({ messageType: 'group', groupId: 20002, userId: 987654321, message: [text('hi')] });
			expect(ev).toMatchObject({ self_id: 5550001, group_name: 'Dev Group', sender: { user_id: 987654321, nickname: '用户A', card: 'A 的名片', role: 'member' } });
			const pv = sim.messageEvent({ messageType: 'private', userId: 123456, message: [text('hi')], sender: { nickname: 'override' } });
			expect(pv.sender).toMatchObject({ user_id: 123456, nickname: 'override' });
		} finally {
			await sim.close();
		}
	});

	it('notice, request and meta events', () => {
		expect(noticeEvent('napcat', 'group_recall', { group_id: 20002, user_id: 1, operator_id: 1, message_id: 9, time: 1 })).toEqual({
			time: 1,
			self_id: 10001,
			post_type: 'notice',
			notice_type: 'group_recall',
			group_id: 20002,
			user_id: 1,
			operator_id: 1,
			message_id: 9,
		});
		const poke = noticeEvent('napcat', 'notify', { sub_type: 'poke', user_id: 123456, target_id: 10001 });
		expect(poke).toMatchObject({ sender_id: 123456, raw_info: [] });
		expect(noticeEvent('lagrange', 'notify', { sub_type: 'poke', user_id: 1, target_id: 2 })).not.toHaveProperty('sender_id');

		const f1 = requestEvent('gocqhttp', 'friend', { user_id: 123, comment: 'hello' });
		const f2 = requestEvent('gocqhttp', 'friend', { user_id: 123 });
		expect(f1).toMatchObject({ post_type: 'request', request_type: 'friend', user_id: 123, comment: 'hello', flag: expect.stringMatching(/^\d+$/) });
		expect(f1.flag).not.toBe(f2.flag);
		expect(requestEvent('napcat', 'group', { group_id: 20002, user_id: 1, flag: 'f-1' })).toMatchObject({ sub_type: 'add', flag: 'f-1', comment: '' });

		expect(heartbeatEvent('napcat', 30000, { selfId: 7 })).toMatchObject({ self_id: 7, post_type: 'meta_event', meta_event_type: 'heartbeat', status: { online: true, good: true }, interval: 30000 });
		expect(heartbeatEvent('gocqhttp', 5000).status).toMatchObject({ app_good: true, online: true, good: true, stat: expect.any(Object) });
		expect(Object.keys(lifecycleEvent('gocqhttp', 'connect'))).toEqual(['meta_event_type', 'post_type', 'self_id', 'sub_type', 'time']);
		expect(lifecycleEvent('lagrange', 'enable')).toMatchObject({ post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: 'enable' });
	});
});

// -------------------------------------------------------------------------------------------------

describe('webhook posts: headers and signatures', () => {
	const sims = {} as Record<Dialect, OneBotSimulator>;
	let rx: Receiver;
	beforeAll(async () => {
		for (const d of DIALECTS) sims[d] = await OneBotSimulator.start({ dialect: d });
		rx = await startReceiver();
	});
	afterAll(async () => {
		await Promise.all(DIALECTS.map((d) => sims[d].close()));
		await rx.close();
	});
	beforeEach(() => {
		rx.received.length = 0;
		rx.respond(noContent);
		for (const d of DIALECTS) sims[d].reset();
	});

	const expectedNames: Record<Dialect, string[]> = {
		napcat: ['Content-Type', 'x-self-id', 'x-signature'],
		llonebot: ['Content-Type', 'x-self-id', 'x-signature'],
		gocqhttp: ['User-Agent', 'Content-Type', 'X-Api-Port', 'X-Self-Id', 'X-Signature', 'Accept-Encoding'],
		lagrange: ['X-Self-ID', 'X-Signature', 'Content-Type'],
	};

	it.each(DIALECTS)('%s: headers as sent on the wire, HMAC-SHA1 over the raw body', async (d) => {
		const sim = sims[d];
		const ev = sim.messageEvent({ messageType: 'group', groupId: 20002, userId: 30003, message: [text('你好 👋 & [x]')] });
		const r = await sim.postEvent(rx.url, ev, { secret: 'webhook-secret' });
		expect(r.status).toBe(204);
		expect(rx.received).toHaveLength(1);
		const got = rx.received[0];
		expect(got.method).toBe('POST');
		expect(got.url).toBe('/onebot/webhook');
		expect(got.body).toBe(JSON.stringify(ev));
		const names = rawNames(got);
		for (const n of expectedNames[d]) expect(names).toContain(n);
		expect(got.headers.authorization).toBeUndefined();
		expect(got.headers['x-self-id']).toBe('10001');
		expect(got.headers['x-signature']).toBe(hmac('webhook-secret', got.body));
		expect(got.headers['content-type']).toBe(d === 'lagrange' ? 'application/json; charset=utf-8' : 'application/json');
		if (d === 'gocqhttp') {
			expect(got.headers['user-agent']).toBe('CQHttp/4.15.0');
			expect(got.headers['x-api-port']).toBe(new URL(sim.url).port);
		} else {
			expect(got.headers['user-agent']).toBeUndefined();
			expect(got.headers['x-api-port']).toBeUndefined();
		}
		expect(r.request.headers).toEqual(expect.objectContaining({ 'Content-Type': expect.any(String) }));
	});

	it.each(DIALECTS)('%s: no secret, no signature header', async (d) => {
		await sims[d].postEvent(rx.url, heartbeatEvent(d, 5000));
		expect(rx.received[0].headers['x-signature']).toBeUndefined();
		expect(rx.received[0].headers['x-self-id']).toBe('10001');
	});

	it('tamper changes the body after signing', async () => {
		const ev = messageEvent('napcat', { messageType: 'private', userId: 123456, message: [text('pay 1')] });
		const original = JSON.stringify(ev);
		await sims.napcat.postEvent(rx.url, ev, { secret: 's', tamper: (raw) => raw.replace('pay 1', 'pay 100') });
		const got = rx.received[0];
		expect(got.body).toContain('pay 100');
		expect(got.headers['x-signature']).toBe(hmac('s', original));
		expect(got.headers['x-signature']).not.toBe(hmac('s', got.body));
	});

	it('forged, omitted and re-encoded signatures; X-Self-ID override and omission', async () => {
		const ev = messageEvent('gocqhttp', { messageType: 'private', userId: 123456, message: [text('x')], selfId: 4242 });
		await sims.gocqhttp.postEvent(rx.url, ev, { secret: 's', signature: 'sha1=0000' });
		expect(rx.received[0].headers['x-signature']).toBe('sha1=0000');
		expect(rx.received[0].headers['x-self-id']).toBe('4242');

		await sims.gocqhttp.postEvent(rx.url, ev, { secret: 's', signature: null, selfId: null });
		expect(rx.received[1].headers['x-signature']).toBeUndefined();
		expect(rx.received[1].headers['x-self-id']).toBeUndefined();

		await sims.lagrange.postEvent(rx.url, ev, { selfId: 99, signature: 'sha1=' + 'a'.repeat(40) });
		expect(rx.received[2].headers['x-self-id']).toBe('99');
		expect(rx.received[2].headers['x-signature']).toBe('sha1=' + 'a'.repeat(40));

		// a receiver that re-serialises the JSON gets a different signature than one using the raw bytes
		const rawBody = '{ "post_type": "message",  "message_type":"private","user_id":123456,"message":"\\u4f60\\u597d","self_id":10001 }';
		await sims.llonebot.postEvent(rx.url, JSON.parse(rawBody), { secret: 'k', rawBody });
		const got = rx.received[3];
		expect(got.body).toBe(rawBody);
		expect(got.headers['x-signature']).toBe(hmac('k', rawBody));
		expect(got.headers['x-signature']).not.toBe(hmac('k', JSON.stringify(JSON.parse(got.body))));
	});

	it('timeouts, refused connections and bad URLs give status 0', async () => {
		rx.respond(() => undefined); // never answers
		const slow = await sims.napcat.postEvent(rx.url, heartbeatEvent('napcat', 1), { timeoutMs: 100 });
		expect(slow).toMatchObject({ status: 0, error: 'timeout' });

		const dead = await startReceiver();
		const deadUrl = dead.url;
		await dead.close();
		const refused = await sims.napcat.postEvent(deadUrl, heartbeatEvent('napcat', 1));
		expect(refused.status).toBe(0);
		expect(refused.error).toMatch(/ECONNREFUSED/);

		expect((await sims.napcat.postEvent('not a url', {})).error).toMatch(/invalid url/);
	});

	it('postEvents: a burst of 1000 events, results in order', async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		rx.respond((_r, res) => {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			setImmediate(() => {
				inFlight--;
				res.writeHead(204);
				res.end();
			});
		});
		const events = Array.from({ length: 1000 }, (_, i) =>
			sims.gocqhttp.messageEvent({ messageType: 'group', groupId: 20002, userId: 30003, message: [text(`#${i}`)] }),
		);
		const results = await sims.gocqhttp.postEvents(rx.url, events, { secret: 'burst', concurrency: 32 });
		expect(results).toHaveLength(1000);
		expect(results.every((r) => r.status === 204)).toBe(true);
		expect(results[999].request.body).toBe(JSON.stringify(events[999]));
		expect(rx.received).toHaveLength(1000);
		expect(new Set(rx.received.map((r) => JSON.parse(r.body).message_id)).size).toBe(1000);
		expect(rx.received.every((r) => r.headers['x-signature'] === hmac('burst', r.body))).toBe(true);
		expect(maxInFlight).toBeLessThanOrEqual(32);
		expect(sims.gocqhttp.quickOperations).toHaveLength(0);
	});
});

// -------------------------------------------------------------------------------------------------

describe('webhook answers: quick operations', () => {
	const sims = {} as Record<Dialect, OneBotSimulator>;
	let rx: Receiver;
	beforeAll(async () => {
		for (const d of DIALECTS) sims[d] = await OneBotSimulator.start({ dialect: d });
		rx = await startReceiver();
	});
	afterAll(async () => {
		await Promise.all(DIALECTS.map((d) => sims[d].close()));
		await rx.close();
	});
	beforeEach(() => {
		rx.received.length = 0;
		for (const d of DIALECTS) sims[d].reset();
	});

	const groupEvent = (d: Dialect, extra: Record<string, unknown> = {}) => ({
		...sims[d].messageEvent({ messageType: 'group', groupId: 20002, userId: 30003, message: [text('hi')], messageId: 4711 }),
		...extra,
	});
	const sent = (d: Dialect) => sims[d].state.sentMessages().map((m) => ({ group_id: m.group_id, user_id: m.user_id, message: m.message, via: m.via }));

	it('go-cqhttp: reply to the group, at_sender only when true', async () => {
		const sim = sims.gocqhttp;
		rx.respond(answerJson({ reply: 'pong' }));
		await sim.postEvent(rx.url, groupEvent('gocqhttp'));
		rx.respond(answerJson({ reply: 'pong', at_sender: true }));
		await sim.postEvent(rx.url, groupEvent('gocqhttp'));
		rx.respond(answerJson({ reply: [text('arr')], at_sender: true }));
		await sim.postEvent(rx.url, groupEvent('gocqhttp'));
		expect(sent('gocqhttp')).toEqual([
			{ group_id: 20002, user_id: 10001, message: [text('pong')], via: '.handle_quick_operation' },
			{ group_id: 20002, user_id: 10001, message: [{ type: 'at', data: { qq: '30003' } }, text('pong')], via: '.handle_quick_operation' },
			{ group_id: 20002, user_id: 10001, message: [{ type: 'at', data: { qq: 30003 } }, text('arr')], via: '.handle_quick_operation' },
		]);
		expect(sim.quickOperations).toHaveLength(3);
		expect(sim.quickOperations[1]).toMatchObject({ applied: true, via: 'http_post', operation: { reply: 'pong', at_sender: true }, effects: [{ type: 'reply', ok: true, action: 'send_group_msg' }] });
		expect(sim.quickOperations[1].event).toMatchObject({ message_id: 4711 });
	});

	it('go-cqhttp: delete, kick and ban (default 1800 s); anonymous senders are not kicked or banned', async () => {
		const sim = sims.gocqhttp;
		rx.respond(answerJson({ delete: true, ban: true }));
		await sim.postEvent(rx.url, groupEvent('gocqhttp'));
		expect(sim.state.deletedMessages).toEqual([4711]);
		expect(sim.state.bans).toEqual([expect.objectContaining({ group_id: 20002, user_id: 30003, duration: 1800 })]);
		rx.respond(answerJson({ ban: true, ban_duration: 60 }));
		await sim.postEvent(rx.url, groupEvent('gocqhttp'));
		expect(sim.state.bans[1].duration).toBe(60);
		rx.respond(answerJson({ kick: true, reject_add_request: true }));
		await sim.postEvent(rx.url, groupEvent('gocqhttp'));
		expect(sim.state.kicks).toEqual([expect.objectContaining({ group_id: 20002, user_id: 30003, reject_add_request: true })]);
		expect(sim.state.member(20002, 30003)).toBeUndefined();

		sim.reset();
		rx.respond(answerJson({ reply: 'x', at_sender: true, kick: true, ban: true }));
		await sim.postEvent(rx.url, groupEvent('gocqhttp', { sub_type: 'anonymous', anonymous: { id: 1, name: 'anon', flag: 'a|b' } }));
		expect(sim.state.kicks).toEqual([]);
		expect(sim.state.bans).toEqual([]);
		expect(sent('gocqhttp')[0].message).toEqual([text('x')]);
	});

	it('go-cqhttp: a failing effect is recorded, not thrown (kicking the owner)', async () => {
		const sim = sims.gocqhttp;
		rx.respond(answerJson({ kick: true }));
		await sim.postEvent(rx.url, { ...groupEvent('gocqhttp'), user_id: 30001 });
		expect(sim.quickOperations[0]).toMatchObject({ applied: false, effects: [{ type: 'kick', ok: false, error: expect.stringContaining('owner') }] });
	});

	it('NapCat: group replies quote the event, at only when at_sender; no delete / kick / ban', async () => {
		const sim = sims.napcat;
		rx.respond(answerJson({ reply: 'pong', delete: true, kick: true, ban: true }));
		await sim.postEvent(rx.url, groupEvent('napcat'));
		rx.respond(answerJson({ reply: [text('two')], at_sender: true }));
		await sim.postEvent(rx.url, groupEvent('napcat'));
		expect(sent('napcat').map((m) => m.message)).toEqual([
			[{ type: 'reply', data: { id: '4711' } }, text('pong')],
			[{ type: 'reply', data: { id: '4711' } }, { type: 'at', data: { qq: '30003' } }, text('two')],
		]);
		expect(sim.state.deletedMessages).toEqual([]);
		expect(sim.state.kicks).toEqual([]);
		expect(sim.state.bans).toEqual([]);
	});

	it('LLOneBot: at when at_sender, no quote; delete / kick / ban with ban_duration || 1800', async () => {
		const sim = sims.llonebot;
		rx.respond(answerJson({ reply: 'pong', at_sender: true, delete: true, ban: true, ban_duration: 0 }));
		await sim.postEvent(rx.url, groupEvent('llonebot'));
		expect(sent('llonebot')[0].message).toEqual([{ type: 'at', data: { qq: '30003' } }, text('pong')]);
		expect(sim.state.deletedMessages).toEqual([4711]);
		expect(sim.state.bans[0].duration).toBe(1800);
	});

	it('Lagrange ignores the answer entirely', async () => {
		const sim = sims.lagrange;
		rx.respond(answerJson({ reply: 'pong', at_sender: true, delete: true, kick: true, ban: true }));
		const r = await sim.postEvent(rx.url, groupEvent('lagrange'));
		expect(r.json).toMatchObject({ reply: 'pong' });
		expect(sim.state.sentMessages()).toEqual([]);
		expect(sim.state.deletedMessages).toEqual([]);
		expect(sim.state.kicks).toEqual([]);
		expect(sim.quickOperations).toEqual([expect.objectContaining({ applied: false, effects: [], ignored: expect.stringContaining('Lagrange') })]);
	});

	it.each(['gocqhttp', 'napcat', 'llonebot'] as Dialect[])('%s: private replies, auto_escape', async (d) => {
		const sim = sims[d];
		rx.respond(answerJson({ reply: '[CQ:face,id=1] hi', auto_escape: true, at_sender: true }));
		await sim.postEvent(rx.url, sim.messageEvent({ messageType: 'private', userId: 123456, message: [text('ping')] }));
		rx.respond(answerJson({ reply: '[CQ:face,id=1] hi' }));
		await sim.postEvent(rx.url, sim.messageEvent({ messageType: 'private', userId: 123456, message: [text('ping')] }));
		expect(sent(d)).toEqual([
			{ group_id: undefined, user_id: 123456, message: [text('[CQ:face,id=1] hi')], via: '.handle_quick_operation' },
			{ group_id: undefined, user_id: 123456, message: [{ type: 'face', data: { id: '1' } }, text(' hi')], via: '.handle_quick_operation' },
		]);
	});

	it.each(['gocqhttp', 'napcat', 'llonebot'] as Dialect[])('%s: friend and group requests', async (d) => {
		const sim = sims[d];
		rx.respond(answerJson({ approve: true, remark: 'friend A' }));
		await sim.postEvent(rx.url, requestEvent(d, 'friend', { user_id: 555, flag: 'fr-1' }));
		rx.respond(answerJson({ approve: false, reason: 'no bots' }));
		await sim.postEvent(rx.url, requestEvent(d, 'group', { group_id: 20002, user_id: 556, flag: 'gr-1', sub_type: 'add' }));
		rx.respond(answerJson({}));
		await sim.postEvent(rx.url, requestEvent(d, 'friend', { user_id: 557 }));
		expect(sim.requestDecisions).toEqual([
			expect.objectContaining({ request_type: 'friend', flag: 'fr-1', approve: true, remark: 'friend A', user_id: 555, via: 'http_post' }),
			expect.objectContaining({ request_type: 'group', sub_type: 'add', flag: 'gr-1', approve: false, reason: 'no bots', group_id: 20002 }),
		]);
		expect(sim.quickOperations.map((q) => q.applied)).toEqual([true, true, false]);
	});

	it('no quick operation for 204, empty, non-JSON or non-object answers, nor for notices', async () => {
		const sim = sims.napcat;
		const ev = groupEvent('napcat');
		rx.respond(noContent);
		await sim.postEvent(rx.url, ev);
		rx.respond((_r, res) => res.end(''));
		await sim.postEvent(rx.url, ev);
		rx.respond((_r, res) => res.end('<html>ok</html>'));
		await sim.postEvent(rx.url, ev);
		rx.respond(answerJson([{ reply: 'x' }]));
		await sim.postEvent(rx.url, ev);
		expect(sim.quickOperations).toEqual([]);
		rx.respond(answerJson({ reply: 'x' }));
		await sim.postEvent(rx.url, noticeEvent('napcat', 'group_increase', { group_id: 20002, user_id: 1, operator_id: 1, sub_type: 'approve' }));
		expect(sim.quickOperations).toEqual([expect.objectContaining({ applied: false, ignored: expect.stringContaining('notice') })]);
		expect(sim.state.sentMessages()).toEqual([]);
	});

	it('the hidden action .handle_quick_operation over HTTP', async () => {
		const sim = sims.gocqhttp;
		const context = groupEvent('gocqhttp');
		const res = await fetch(`${sim.url}/.handle_quick_operation`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ context, operation: { reply: 'via action' } }),
		});
		expect(await res.json()).toMatchObject({ status: 'ok', retcode: 0, data: null });
		expect(sent('gocqhttp')[0].message).toEqual([text('via action')]);
		expect(sim.quickOperations[0].via).toBe('.handle_quick_operation');
		const lg = await fetch(`${sims.lagrange.url}/.handle_quick_operation`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ context, operation: { reply: 'x' } }),
		});
		expect(await lg.json()).toMatchObject({ status: 'failed', retcode: 404 });
	});
});

// -------------------------------------------------------------------------------------------------

describe('forward WebSocket server', () => {
	const sims = {} as Record<Dialect, OneBotSimulator>;
	const open: Conn[] = [];
	const conn = async (url: string, headers?: Record<string, string>) => {
		const c = await connect(url, headers);
		open.push(c);
		return c;
	};
	beforeAll(async () => {
		for (const d of DIALECTS) sims[d] = await OneBotSimulator.start({ dialect: d });
	});
	afterAll(async () => {
		await Promise.all(DIALECTS.map((d) => sims[d].close()));
	});
	beforeEach(() => {
		for (const d of DIALECTS) sims[d].reset();
	});
	afterEach(async () => {
		for (const c of open.splice(0)) {
			if (c.ws.readyState !== WebSocket.CLOSED) {
				c.ws.terminate();
				await c.closed;
			}
		}
	});

	it.each(DIALECTS)('%s: wsUrl on the HTTP port; lifecycle connect first on / and /event, nothing on /api', async (d) => {
		const sim = sims[d];
		expect(sim.wsUrl).toBe(sim.url.replace('http://', 'ws://'));
		const root = await conn(`${sim.wsUrl}/`);
		expect(await root.next()).toMatchObject({ post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: 'connect', self_id: 10001 });
		const ev = await conn(`${sim.wsUrl}/event`);
		expect((await ev.next()).sub_type).toBe('connect');
		const api = await conn(`${sim.wsUrl}/api`);
		await api.none(50);
		expect(sim.wsConnections()).toBe(3);
		expect(sim.wsConnectionLog.map((r) => [r.path, r.accepted, r.status, r.events, r.actions])).toEqual([
			['/', true, 101, true, true],
			['/event', true, 101, true, d === 'napcat'],
			['/api', true, 101, false, true],
		]);
	});

	it.each(DIALECTS)('%s: pushEvent reaches / and /event, not /api', async (d) => {
		const sim = sims[d];
		const root = await conn(`${sim.wsUrl}/`);
		const ev = await conn(`${sim.wsUrl}/event`);
		const api = await conn(`${sim.wsUrl}/api`);
		await root.next();
		await ev.next();
		const event = sim.messageEvent({ messageType: 'group', groupId: 20002, userId: 30003, message: [text('over ws')] });
		expect(sim.pushEvent(event)).toBe(2);
		expect(await root.next()).toEqual(event);
		expect(await ev.next()).toEqual(event);
		await api.none(50);
	});

	it.each(DIALECTS)('%s: API calls on /api answer with the HTTP handlers and echo', async (d) => {
		const sim = sims[d];
		const api = await conn(`${sim.wsUrl}/api`);
		api.ws.send(JSON.stringify({ action: 'send_group_msg', params: { group_id: 20002, message: [text('from ws')] }, echo: { n: 1 } }));
		const r = await api.next();
		expect(r).toMatchObject({ status: 'ok', retcode: 0, data: { message_id: 1000 }, echo: { n: 1 } });
		expect(sim.state.sentMessages()[0].message).toEqual([text('from ws')]);
		expect(sim.last('send_group_msg')).toMatchObject({ method: 'WS', path: '/api', body: { action: 'send_group_msg' } });
		if (d === 'gocqhttp') expect(Object.keys(r)).toEqual(['data', 'echo', 'message', 'retcode', 'status']);

		api.ws.send(JSON.stringify({ action: 'no_such_action', echo: 'e2' }));
		const unknown = await api.next();
		expect(unknown).toMatchObject({ status: 'failed', retcode: d === 'napcat' || d === 'llonebot' ? 1404 : 404, echo: 'e2' });

		api.ws.send(JSON.stringify({ action: 'get_group_info', params: { group_id: 99999 } }));
		const failed = await api.next();
		const handlerCode: Record<Dialect, number> = { napcat: 1200, llonebot: 1200, gocqhttp: 100, lagrange: 200 };
		expect(failed).toMatchObject({ status: 'failed', retcode: handlerCode[d] });
		if (d === 'gocqhttp') expect(failed).not.toHaveProperty('echo');
		else expect(failed.echo).toBeNull();
	});

	it('bad frames: NapCat 1400, go-cqhttp API not found, Lagrange silent; /event ignores calls except on NapCat', async () => {
		const nc = await conn(`${sims.napcat.wsUrl}/api`);
		nc.ws.send('{not json');
		expect(await nc.next()).toMatchObject({ status: 'failed', retcode: 1400 });
		const gc = await conn(`${sims.gocqhttp.wsUrl}/api`);
		gc.ws.send('{not json');
		expect(await gc.next()).toMatchObject({ status: 'failed', retcode: 404 });
		const lg = await conn(`${sims.lagrange.wsUrl}/api`);
		lg.ws.send('{not json');
		await lg.none(80);

		const gcEvent = await conn(`${sims.gocqhttp.wsUrl}/event`);
		await gcEvent.next();
		gcEvent.ws.send(JSON.stringify({ action: 'get_status', echo: 1 }));
		await gcEvent.none(80);
		const ncEvent = await conn(`${sims.napcat.wsUrl}/event`);
		await ncEvent.next();
		ncEvent.ws.send(JSON.stringify({ action: 'get_status', echo: 1 }));
		expect(await ncEvent.next()).toMatchObject({ status: 'ok', echo: 1 });
	});

	it('.handle_quick_operation over WebSocket', async () => {
		const sim = sims.napcat;
		const api = await conn(`${sim.wsUrl}/`);
		await api.next();
		const context = sim.messageEvent({ messageType: 'group', groupId: 20002, userId: 30003, message: [text('q')], messageId: 31 });
		api.ws.send(JSON.stringify({ action: '.handle_quick_operation', params: { context, operation: { reply: 'ok', at_sender: true } }, echo: 'q' }));
		expect(await api.next()).toMatchObject({ status: 'ok', retcode: 0, echo: 'q' });
		expect(sim.state.sentMessages()[0].message).toEqual([{ type: 'reply', data: { id: '31' } }, { type: 'at', data: { qq: '30003' } }, text('ok')]);
	});

	it('drop: terminate (1006) or a close code; wsConnections() follows', async () => {
		const sim = sims.llonebot;
		const a = await conn(`${sim.wsUrl}/`);
		const b = await conn(`${sim.wsUrl}/api`);
		expect(sim.wsConnections()).toBe(2);
		sim.dropWsConnections();
		expect((await a.closed).code).toBe(1006);
		expect((await b.closed).code).toBe(1006);
		expect(sim.wsConnections()).toBe(0);
		const c = await conn(`${sim.wsUrl}/event`);
		sim.dropWsConnections(4001);
		expect(await c.closed).toEqual({ code: 4001, reason: 'dropped by simulator' });
		expect(sim.wsConnections()).toBe(0);
	});

	it('refuseConnections answers 503 until switched off; reset() clears options and log', async () => {
		const sim = sims.gocqhttp;
		sim.setWsOptions({ refuseConnections: true });
		expect(await refusedStatus(`${sim.wsUrl}/`)).toBe(503);
		expect(await refusedStatus(`${sim.wsUrl}/event`)).toBe(503);
		expect(sim.wsConnectionLog.map((r) => [r.accepted, r.status])).toEqual([
			[false, 503],
			[false, 503],
		]);
		sim.setWsOptions({ refuseConnections: false });
		const ok = await conn(`${sim.wsUrl}/`);
		expect((await ok.next()).sub_type).toBe('connect');
		sim.setWsOptions({ refuseConnections: true, heartbeatIntervalMs: 1000 });
		sim.reset();
		expect(sim.wsConnectionLog).toEqual([]);
		expect(sim.wsOptions()).toEqual({ heartbeatIntervalMs: null, refuseConnections: false });
		expect(sim.wsConnections()).toBe(1);
	});

	it('heartbeats every heartbeatIntervalMs to event connections only, until switched off', async () => {
		const sim = sims.napcat;
		const ev = await conn(`${sim.wsUrl}/event`);
		const api = await conn(`${sim.wsUrl}/api`);
		await ev.next();
		sim.setWsOptions({ heartbeatIntervalMs: 40 });
		const h1 = await ev.next();
		const h2 = await ev.next();
		expect(h1).toMatchObject({ post_type: 'meta_event', meta_event_type: 'heartbeat', interval: 40, status: { online: true, good: true }, self_id: 10001 });
		expect(h2.meta_event_type).toBe('heartbeat');
		expect(api.frames).toEqual([]);
		sim.setWsOptions({ heartbeatIntervalMs: null });
		await new Promise((r) => setTimeout(r, 30));
		const count = ev.frames.length;
		await new Promise((r) => setTimeout(r, 120));
		expect(ev.frames.length).toBe(count);
	});
});

describe('forward WebSocket authentication', () => {
	const sims = {} as Record<Dialect, OneBotSimulator>;
	beforeAll(async () => {
		for (const d of DIALECTS) sims[d] = await OneBotSimulator.start({ dialect: d, token: 'ws-token' });
	});
	afterAll(async () => {
		await Promise.all(DIALECTS.map((d) => sims[d].close()));
	});

	it.each([
		['gocqhttp', 401, 403],
		['lagrange', 403, 403],
	] as Array<[Dialect, number, number]>)('%s: refused before the upgrade (missing %i, wrong %i)', async (d, missing, wrong) => {
		const sim = sims[d];
		expect(await refusedStatus(`${sim.wsUrl}/`)).toBe(missing);
		expect(await refusedStatus(`${sim.wsUrl}/event`, { Authorization: 'Bearer nope' })).toBe(wrong);
		expect(sim.wsConnectionLog.slice(-2).map((r) => [r.accepted, r.status])).toEqual([
			[false, missing],
			[false, wrong],
		]);
		const byHeader = await connect(`${sim.wsUrl}/`, { Authorization: 'Bearer ws-token' });
		expect((await byHeader.next()).sub_type).toBe('connect');
		const byQuery = await connect(`${sim.wsUrl}/api?access_token=ws-token`);
		byQuery.ws.send(JSON.stringify({ action: 'get_login_info', echo: 1 }));
		expect(await byQuery.next()).toMatchObject({ status: 'ok', data: { user_id: 10001 } });
		expect(sim.wsConnectionLog.at(-1)).toMatchObject({ path: '/api', query: { access_token: 'ws-token' }, accepted: true });
		byHeader.ws.close();
		byQuery.ws.close();
		await Promise.all([byHeader.closed, byQuery.closed]);
	});

	it.each(['napcat', 'llonebot'] as Dialect[])('%s: upgrades, sends retcode 1403 and closes', async (d) => {
		const sim = sims[d];
		for (const headers of [{}, { Authorization: 'Bearer nope' }] as Array<Record<string, string>>) {
			const c = await connect(`${sim.wsUrl}/`, headers);
			expect(await c.next()).toMatchObject({ status: 'failed', retcode: 1403, data: null });
			await c.closed;
			expect(c.frames).toHaveLength(1);
		}
		expect(sim.wsConnectionLog.slice(-2).map((r) => [r.accepted, r.status])).toEqual([
			[false, 101],
			[false, 101],
		]);
		expect(sim.wsConnections()).toBe(0);
		const ok = await connect(`${sim.wsUrl}/event?access_token=ws-token`);
		expect((await ok.next()).sub_type).toBe('connect');
		expect(sim.pushEvent({ post_type: 'notice' })).toBe(1);
		ok.ws.close();
		await ok.closed;
	});
});

describe('close()', () => {
	it('closes WebSocket connections, heartbeats and pending webhook posts', async () => {
		const sim = await OneBotSimulator.start({ dialect: 'napcat' });
		const rx = await startReceiver(() => undefined); // never answers
		const a = await connect(`${sim.wsUrl}/`);
		const b = await connect(`${sim.wsUrl}/api`);
		sim.setWsOptions({ heartbeatIntervalMs: 20 });
		const pending = sim.postEvent(rx.url, heartbeatEvent('napcat', 20));
		await new Promise((r) => setTimeout(r, 50));
		await sim.close();
		expect((await a.closed).code).toBe(1006);
		expect((await b.closed).code).toBe(1006);
		expect(await pending).toMatchObject({ status: 0, error: 'simulator closed' });
		expect(sim.wsConnections()).toBe(0);
		expect(sim.pushEvent({})).toBe(0);
		expect((await sim.postEvent(rx.url, {})).error).toBe('simulator closed');
		await rx.close();
	});
});
