import * as http from 'node:http';
import { WebSocket } from 'ws';
import {
	EVENT_TYPES,
	FIRST_SEQUENCE,
	HeyboxSimulator,
	SEED,
	SEED_TIME_MS,
	USERS,
	buttonClickEvent,
	channelMessageEvent,
	commandEvent,
	joinLeaveEvent,
	parseLossless,
	reactionEvent,
} from './index.ts';

const TOKEN = 'test-heybox-token';
const COMMON: Record<string, string> = {
	client_type: 'heybox_chat',
	x_client_type: 'web',
	os_type: 'web',
	x_os_type: 'bot',
	x_app: 'heybox_chat',
	chat_os_type: 'bot',
	chat_version: '1.30.0',
};

// -------------------------------------------------------------------------------------------------
// a WebSocket client that queues text frames

interface Conn {
	ws: WebSocket;
	frames: string[];
	next: (timeoutMs?: number) => Promise<string>;
	nextJson: (timeoutMs?: number) => Promise<any>;
	/** resolves when no frame arrives within `ms` */
	none: (ms: number) => Promise<void>;
	closed: Promise<{ code: number; reason: string }>;
}

function connect(url: string, headers: Record<string, string> = {}): Promise<Conn> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers });
		const frames: string[] = [];
		let read = 0;
		const waiters: Array<() => void> = [];
		ws.on('message', (data) => {
			frames.push(String(data));
			for (const w of waiters.splice(0)) w();
		});
		const closed = new Promise<{ code: number; reason: string }>((res) => {
			ws.on('close', (code, reason) => res({ code, reason: String(reason) }));
		});
		const next = (timeoutMs = 2000) =>
			new Promise<string>((res, rej) => {
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
		const nextJson = async (timeoutMs?: number) => parseLossless(await next(timeoutMs));
		const none = (ms: number) =>
			new Promise<void>((res, rej) => {
				const before = frames.length;
				setTimeout(() => (frames.length === before ? res() : rej(new Error(`unexpected frame ${frames[before]}`))), ms);
			});
		ws.on('open', () => resolve({ ws, frames, next, nextJson, none, closed }));
		ws.on('error', (err) => reject(err));
	});
}

function connectUrl(sim: HeyboxSimulator, query: Record<string, string> = { ...COMMON, token: TOKEN }): string {
	return `${sim.wsConnectUrl}?${new URLSearchParams(query).toString()}`;
}

/** status of a refused upgrade (ws: "Unexpected server response: 401"); 101 when it opened */
async function refusedStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
	try {
		const c = await connect(url, headers);
		c.ws.terminate();
		await c.closed;
		return 101;
	} catch (err: unknown) {
		const m = /Unexpected server response: (\d+)/.exec(String(err));
		if (!m) throw err;
		return Number(m[1]);
	}
}

/** a raw upgrade request: the HTTP answer when the upgrade is refused */
function rawUpgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request(url.replace(/^ws:/, 'http:'), {
			headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
		});
		req.on('response', (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
		});
		req.on('upgrade', (res, socket) => {
			socket.destroy();
			resolve({ status: res.statusCode ?? 0, body: '' });
		});
		req.on('error', reject);
		req.end();
	});
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

// -------------------------------------------------------------------------------------------------

describe('Heybox event gateway', () => {
	let sim: HeyboxSimulator;
	const open: Conn[] = [];
	const conn = async (url?: string, headers?: Record<string, string>) => {
		const c = await connect(url ?? connectUrl(sim), headers);
		open.push(c);
		return c;
	};
	beforeAll(async () => {
		sim = await HeyboxSimulator.start({ token: TOKEN });
	});
	afterAll(async () => {
		await sim.close();
	});
	beforeEach(() => sim.reset());
	afterEach(async () => {
		for (const c of open.splice(0)) {
			if (c.ws.readyState !== WebSocket.CLOSED) {
				c.ws.terminate();
				await c.closed;
			}
		}
		// the server notices a client-side terminate a moment later
		for (let i = 0; i < 100 && sim.wsConnections() > 0; i++) await wait(5);
	});

	describe('handshake', () => {
		it('wsUrl / wsConnectUrl are on the REST port', () => {
			expect(sim.wsUrl).toBe(sim.url.replace('http://', 'ws://'));
			expect(sim.wsConnectUrl).toBe(`${sim.wsUrl}/chatroom/ws/connect`);
		});

		it('accepts the token in the query, in the header, or both; records the common query', async () => {
			await conn(connectUrl(sim));
			await conn(connectUrl(sim, { ...COMMON }), { token: TOKEN });
			await conn(connectUrl(sim), { token: TOKEN });
			expect(sim.wsConnections()).toBe(3);
			expect(sim.wsConnectionLog.map((r) => [r.path, r.accepted, r.status, r.tokenVia])).toEqual([
				['/chatroom/ws/connect', true, 101, 'query'],
				['/chatroom/ws/connect', true, 101, 'header'],
				['/chatroom/ws/connect', true, 101, 'both'],
			]);
			expect(sim.wsConnectionLog[0].query).toEqual({ ...COMMON, token: TOKEN });
			expect(sim.wsConnectionLog[1].query).toEqual(COMMON);
			expect(sim.wsConnectionLog[1].headers.token).toBe(TOKEN);
			expect(typeof sim.wsConnectionLog[0].at).toBe('number');
		});

		it('a URL-encoded token in the query is decoded', async () => {
			const s2 = await HeyboxSimulator.start({ token: 'MTAwMDAwMDE7MTcyNTUzMTI4NjA0MDtyYW5kb20=+/x' });
			try {
				const c = await connect(`${s2.wsConnectUrl}?${new URLSearchParams({ ...COMMON, token: 'MTAwMDAwMDE7MTcyNTUzMTI4NjA0MDtyYW5kb20=+/x' }).toString()}`);
				expect(s2.wsConnectionLog[0].accepted).toBe(true);
				c.ws.terminate();
				await c.closed;
			} finally {
				await s2.close();
			}
		});

		it('refuses with 401 without a token, with a wrong one, or when query and header disagree', async () => {
			expect(await refusedStatus(connectUrl(sim, COMMON))).toBe(401);
			expect(await refusedStatus(connectUrl(sim, { ...COMMON, token: 'nope' }))).toBe(401);
			expect(await refusedStatus(connectUrl(sim, COMMON), { token: 'nope' })).toBe(401);
			expect(await refusedStatus(connectUrl(sim, COMMON), { token: `Bearer ${TOKEN}` })).toBe(401);
			expect(await refusedStatus(connectUrl(sim), { token: 'nope' })).toBe(401);
			expect(await refusedStatus(connectUrl(sim, { ...COMMON, token: '' }))).toBe(401);
			expect(sim.wsConnections()).toBe(0);
			expect(sim.wsConnectionLog.map((r) => [r.accepted, r.status, r.tokenVia])).toEqual([
				[false, 401, 'none'],
				[false, 401, 'query'],
				[false, 401, 'header'],
				[false, 401, 'header'],
				[false, 401, 'both'],
				[false, 401, 'query'],
			]);
			const raw = await rawUpgrade(connectUrl(sim, COMMON));
			expect(raw).toEqual({ status: 401, body: JSON.stringify({ status: 'failed', msg: 'token无效', result: {} }) });
		});

		it('other paths answer 404; refuseConnections answers 503 until switched off', async () => {
			expect(await refusedStatus(`${sim.wsUrl}/chatroom/ws?token=${TOKEN}`)).toBe(404);
			sim.setWsOptions({ refuseConnections: true });
			expect(await refusedStatus(connectUrl(sim))).toBe(503);
			expect(await refusedStatus(connectUrl(sim))).toBe(503);
			sim.setWsOptions({ refuseConnections: false });
			await conn();
			expect(sim.wsConnectionLog.map((r) => r.status)).toEqual([404, 503, 503, 101]);
		});

		it('no hello frame: nothing arrives until an event is pushed', async () => {
			const c = await conn();
			await c.none(80);
		});
	});

	describe('heartbeat', () => {
		it('answers a text PING with PONG and counts it; other frames are recorded', async () => {
			const c = await conn();
			c.ws.send('PING');
			expect(await c.next()).toBe('PONG');
			c.ws.send('ping');
			expect(await c.next()).toBe('PONG');
			c.ws.send('{"hello":1}');
			await c.none(50);
			expect(sim.wsStats).toMatchObject({ pings: 2, pongs: 2, otherFrames: 1 });
			expect(sim.wsFrames.map((f) => [f.text, f.ping])).toEqual([
				['PING', true],
				['ping', true],
				['{"hello":1}', false],
			]);
		});

		it('pongReply changes the answer; answerPings false answers nothing (text or control)', async () => {
			const c = await conn();
			sim.setWsOptions({ pongReply: 'PONG, tag: []' });
			c.ws.send('PING');
			expect(await c.next()).toBe('PONG, tag: []');
			sim.setWsOptions({ answerPings: false });
			const pongs: string[] = [];
			c.ws.on('pong', (d) => pongs.push(String(d)));
			c.ws.send('PING');
			c.ws.ping('PING');
			await c.none(100);
			expect(pongs).toEqual([]);
			expect(sim.wsStats).toMatchObject({ pings: 2, pongs: 1, controlPings: 1 });
			// events still flow to a connection whose pings go unanswered
			sim.pushEvent('50', { x: 1 });
			expect((await c.nextJson()).data).toEqual({ x: 1 });
			sim.setWsOptions({ answerPings: true });
			c.ws.ping('p2');
			await wait(50);
			expect(pongs).toEqual(['p2']);
			expect(sim.wsOptions()).toEqual({ answerPings: true, pongReply: 'PONG, tag: []', refuseConnections: false, replayOnConnect: 0 });
		});
	});

	describe('events', () => {
		it('pushEvent sends the envelope: integer sequence from 11736260019, string type, ms timestamp', async () => {
			const a = await conn();
			const b = await conn();
			const r1 = sim.pushEvent('50', { msg_id: SEED.room1Msg, n: 1 });
			const r2 = sim.pushEvent('3001', { state: 1 }, { timestamp: 1725531286040 });
			expect(r1).toEqual({ sequence: String(FIRST_SEQUENCE), delivered: 2 });
			expect(r2).toEqual({ sequence: String(FIRST_SEQUENCE + 1), delivered: 2 });
			const t1 = await a.next();
			expect(t1).toMatch(/^\{"sequence":11736260019,"type":"50","notify_type":"","data":\{"msg_id":"1843536909979836416","n":1\},"timestamp":\d{13}\}$/);
			const e1 = JSON.parse(t1);
			expect(Object.keys(e1)).toEqual(['sequence', 'type', 'notify_type', 'data', 'timestamp']);
			expect(typeof e1.type).toBe('string');
			expect(Math.abs(e1.timestamp - Date.now())).toBeLessThan(5000);
			expect(await a.next()).toBe('{"sequence":11736260020,"type":"3001","notify_type":"","data":{"state":1},"timestamp":1725531286040}');
			expect(await b.next()).toBe(t1);
			expect(sim.pushedEvents.map((e) => [e.sequence, e.type, e.delivered])).toEqual([
				['11736260019', '50', 2],
				['11736260020', '3001', 2],
			]);
		});

		it('a given sequence is used as is; a larger one moves the counter past it', async () => {
			const c = await conn();
			expect(sim.pushEvent('5003', {}, { sequence: 5 }).sequence).toBe('5');
			expect(sim.pushEvent('5003', {}).sequence).toBe('11736260019');
			expect(sim.pushEvent('5003', {}, { sequence: '90071992547409930' }).sequence).toBe('90071992547409930');
			expect(sim.pushEvent('5003', {}).sequence).toBe('90071992547409931');
			expect((await c.next()).startsWith('{"sequence":5,')).toBe(true);
			await c.next();
			expect((await c.next()).startsWith('{"sequence":90071992547409930,')).toBe(true);
			expect((await c.nextJson()).sequence).toBe('90071992547409931');
			expect(() => sim.pushEvent('5003', {}, { sequence: 'abc' })).toThrow(/sequence/);
		});

		it('takes a builder result (type and notify_type from it); delivered 0 with nobody connected', async () => {
			expect(sim.pushEvent(commandEvent({ name: '/weather' })).delivered).toBe(0);
			const c = await conn();
			const r = sim.pushEvent(channelMessageEvent({ msg: 'hi' }));
			expect(r.delivered).toBe(1);
			const e = await c.nextJson();
			expect([e.type, e.notify_type, e.data.msg]).toEqual(['5', 'USER_IM_MESSAGE', 'hi']);
			sim.pushEvent(channelMessageEvent({ msg: 'x' }), { notifyType: '' });
			expect((await c.nextJson()).notify_type).toBe('');
		});

		it('sendWsRaw sends any text frame, not logged as an event', async () => {
			const c = await conn();
			expect(sim.sendWsRaw('{"type":"PUSH","data":{"event":"80","type":"notify"}}')).toBe(1);
			expect(await c.next()).toBe('{"type":"PUSH","data":{"event":"80","type":"notify"}}');
			expect(sim.pushedEvents).toHaveLength(0);
		});

		it('replayEvents re-sends logged events unchanged (same sequence) after a reconnect', async () => {
			const first = await conn();
			sim.pushEvent(commandEvent({ name: '/a', sendTime: SEED_TIME_MS + 1 }));
			sim.pushEvent(commandEvent({ name: '/b', sendTime: SEED_TIME_MS + 2 }));
			sim.pushEvent(commandEvent({ name: '/c', sendTime: SEED_TIME_MS + 3 }));
			const sent = [await first.next(), await first.next(), await first.next()];
			expect(sim.dropWsConnections()).toBe(1);
			expect((await first.closed).code).toBe(1006);
			const second = await conn();
			expect(sim.replayEvents(FIRST_SEQUENCE + 1)).toEqual({ events: 2, frames: 2 });
			expect([await second.next(), await second.next()]).toEqual(sent.slice(1));
			expect(sim.replayEvents()).toEqual({ events: 3, frames: 3 });
			expect([await second.next(), await second.next(), await second.next()]).toEqual(sent);
			expect(sim.wsStats.replayed).toBe(5);
			expect(sim.pushedEvents).toHaveLength(3);
			// a new event continues the sequence
			expect(sim.pushEvent('50', {}).sequence).toBe(String(FIRST_SEQUENCE + 3));
		});

		it('replayOnConnect re-sends the last N events to every new connection', async () => {
			for (let i = 0; i < 4; i++) sim.pushEvent('5003', { i });
			expect(sim.wsOptions({ replayOnConnect: 2 }).replayOnConnect).toBe(2);
			const c = await conn();
			expect((await c.nextJson()).data).toEqual({ i: 2 });
			expect((await c.nextJson()).data).toEqual({ i: 3 });
			await c.none(50);
			sim.pushEvent('5003', { i: 4 });
			expect((await c.nextJson()).sequence).toBe(FIRST_SEQUENCE + 4);
			const d = await conn();
			expect((await d.nextJson()).data).toEqual({ i: 3 });
			expect((await d.nextJson()).data).toEqual({ i: 4 });
			expect(sim.wsStats.replayed).toBe(4);
		});

		it('dropWsConnections: abrupt (1006) by default, a close frame with a code', async () => {
			const a = await conn();
			const b = await conn();
			expect(sim.wsConnections()).toBe(2);
			expect(sim.dropWsConnections(4000)).toBe(2);
			expect((await a.closed).code).toBe(4000);
			expect((await b.closed).code).toBe(4000);
			const c = await conn();
			sim.dropWsConnections();
			expect((await c.closed).code).toBe(1006);
			await wait(20);
			expect(sim.wsConnections()).toBe(0);
			expect(sim.pushEvent('50', {}).delivered).toBe(0);
		});

		it('reset clears logs, stats, options and the sequence; open sockets stay open', async () => {
			const c = await conn();
			sim.setWsOptions({ answerPings: false, pongReply: 'x', replayOnConnect: 3, refuseConnections: false });
			c.ws.send('PING');
			sim.pushEvent('50', {});
			await c.next();
			sim.reset();
			expect(sim.wsConnectionLog).toHaveLength(0);
			expect(sim.pushedEvents).toHaveLength(0);
			expect(sim.wsFrames).toHaveLength(0);
			expect(sim.wsStats).toEqual({ pings: 0, pongs: 0, controlPings: 0, otherFrames: 0, replayed: 0 });
			expect(sim.wsOptions()).toEqual({ answerPings: true, pongReply: 'PONG', refuseConnections: false, replayOnConnect: 0 });
			expect(sim.wsConnections()).toBe(1);
			expect(sim.pushEvent('50', {}).sequence).toBe(String(FIRST_SEQUENCE));
			c.ws.send('PING');
			expect((await c.nextJson()).sequence).toBe(FIRST_SEQUENCE);
			expect(await c.next()).toBe('PONG');
		});
	});
});

describe('event builders', () => {
	it('commandEvent (type "50"): bot_id, channel/room base info, command_info, msg_id, send_time, sender_info', () => {
		const ev = commandEvent({ roomId: SEED.room1, channelId: SEED.room1Text2, userId: USERS.master, name: '/weather', options: [{ name: 'city', type: 3, value: '上海' }], msgId: '1843536909979836499' });
		expect(ev.type).toBe(EVENT_TYPES.command);
		expect(ev.type).toBe('50');
		expect(ev.notifyType).toBe('');
		expect(ev.data).toEqual({
			bot_id: USERS.bot,
			channel_base_info: { channel_id: SEED.room1Text2, channel_name: '机器人测试', channel_type: 1 },
			command_info: { id: expect.stringMatching(/^\d{19}$/), name: '/weather', type: 0, options: [{ name: 'city', type: 3, value: '上海' }] },
			msg_id: '1843536909979836499',
			room_base_info: { room_avatar: `https://chat.max-c.com/pic/room_${SEED.room1}.png`, room_id: SEED.room1, room_name: 'n8n 测试房间' },
			send_time: SEED_TIME_MS,
			sender_info: {
				avatar: `https://chat.max-c.com/pic/avatar_${USERS.master}.png`,
				avatar_decoration: { src_type: 'png', src_url: 'https://cdn.max-c.com/decoration/1.png' },
				bot: false,
				level: 50,
				medals: [],
				nickname: '大师级选手',
				roles: [SEED.room1Member],
				room_nickname: '',
				tag: null,
				user_id: USERS.master,
			},
		});
		// deterministic: same input, same output; command id stable per name; msg_id from sendTime
		expect(commandEvent({ name: '/weather' }).data.command_info).toMatchObject({ id: (ev.data.command_info as { id: string }).id });
		expect(commandEvent({ name: '/other' }).data.command_info).not.toMatchObject({ id: (ev.data.command_info as { id: string }).id });
		expect(commandEvent({ name: '/x', commandId: '' }).data.command_info).toMatchObject({ id: '' });
		const a = commandEvent({ name: '/x', sendTime: SEED_TIME_MS + 1 }).data.msg_id as string;
		const b = commandEvent({ name: '/x', sendTime: SEED_TIME_MS + 2 }).data.msg_id as string;
		expect(a).toMatch(/^\d{19}$/);
		expect(a).not.toBe(b);
	});

	it('joinLeaveEvent (3001): state 1 / 0, user_info without roles and room_nickname', () => {
		const j = joinLeaveEvent({ roomId: SEED.room2, userId: USERS.tester, joined: true });
		expect(j.type).toBe('3001');
		expect(j.data).toEqual({
			room_base_info: { room_avatar: expect.any(String), room_id: SEED.room2, room_name: '黑盒开发者社区' },
			state: 1,
			user_info: { avatar: expect.any(String), avatar_decoration: { src_type: '', src_url: '' }, bot: false, level: 3, medals: [], nickname: '测试用户', tag: null, user_id: USERS.tester },
		});
		expect(joinLeaveEvent({ roomId: SEED.room2, userId: USERS.tester, joined: false }).data.state).toBe(0);
	});

	it('reactionEvent (5003): channel_id, emoji, is_add 1/0, msg_id, user_id (int), room_id unless omitted', () => {
		const r = reactionEvent({ roomId: SEED.room1, channelId: SEED.room1Text, msgId: SEED.room1Msg, userId: USERS.ali, emoji: '[cube_doge]', isAdd: true });
		expect(r.type).toBe('5003');
		expect(r.data).toEqual({ channel_id: SEED.room1Text, emoji: '[cube_doge]', is_add: 1, msg_id: SEED.room1Msg, user_id: USERS.ali, room_id: SEED.room1 });
		expect(reactionEvent({ isAdd: false, omitRoomId: true }).data).toEqual({ channel_id: SEED.room1Text, emoji: '[cube_doge]', is_add: 0, msg_id: SEED.room1Msg, user_id: USERS.ali });
	});

	it('buttonClickEvent (card_message_btn_click): event, text, value, os_type, sender_info', () => {
		const b = buttonClickEvent({ roomId: SEED.room1, channelId: SEED.room1Text, msgId: SEED.room1Msg2, userId: USERS.heybox, text: '确认', value: 'confirm:42', event: 'server' });
		expect(b.type).toBe('card_message_btn_click');
		expect(b.data).toMatchObject({
			channel_base_info: { channel_id: SEED.room1Text, channel_name: '综合', channel_type: 1 },
			event: 'server',
			msg_id: SEED.room1Msg2,
			os_type: 'web',
			room_base_info: { room_id: SEED.room1 },
			send_time: SEED_TIME_MS,
			sender_info: { user_id: USERS.heybox, nickname: '小黑盒用户', roles: [SEED.room1Member] },
			text: '确认',
			value: 'confirm:42',
		});
		expect(Object.keys(b.data).sort()).toEqual(['channel_base_info', 'event', 'msg_id', 'os_type', 'room_base_info', 'send_time', 'sender_info', 'text', 'value']);
	});

	it('channelMessageEvent (type "5", unofficial): flat form, USER_IM_MESSAGE, addition a string', () => {
		const m = channelMessageEvent({ roomId: SEED.room1, channelId: SEED.room1Text, userId: USERS.ali, msg: `@{id:${USERS.bot}} hi`, botCommand: { name: '/x' } });
		expect([m.type, m.notifyType]).toEqual(['5', 'USER_IM_MESSAGE']);
		expect(m.data).toMatchObject({
			room_id: SEED.room1,
			channel_id: SEED.room1Text,
			channel_name: '综合',
			channel_type: 1,
			msg: `@{id:${USERS.bot}} hi`,
			msg_type: 10,
			addition: '{"bot_command":{"name":"/x"}}',
			user_id: USERS.ali,
			nickname: '阿狸',
			roles: [SEED.room1Admin],
			room_nickname: '房主阿狸',
			is_master: true,
			send_time: SEED_TIME_MS,
		});
		expect(m.data.msg_id).toMatch(/^\d{19}$/);
		expect(channelMessageEvent({ msg: 'plain' }).data.msg_type).toBe(4);
	});

	it('unknown ids fall back to generic names; extra overrides fields', () => {
		const ev = commandEvent({ roomId: '3999999999999999999', channelId: '3999999999999999998', userId: 424242, name: '/x', extra: { bot_id: 1 } });
		expect(ev.data).toMatchObject({
			bot_id: 1,
			room_base_info: { room_id: '3999999999999999999' },
			channel_base_info: { channel_id: '3999999999999999998', channel_type: 1 },
			sender_info: { user_id: 424242, roles: null },
		});
	});
});

describe('numericIds', () => {
	it('writes room_id / channel_id / msg_id as bare 19-digit integers with exact digits', async () => {
		const sim = await HeyboxSimulator.start({ numericIds: true });
		try {
			const c = await connect(connectUrl(sim));
			sim.pushEvent(commandEvent({ name: '/weather', msgId: '1843536909979836499', options: [{ name: 'room', type: 3, value: SEED.room2 }] }));
			sim.pushEvent(reactionEvent({ isAdd: true }));
			const text = await c.next();
			expect(text).toContain(`"room_id":${SEED.room1},`);
			expect(text).toContain(`"channel_id":${SEED.room1Text},`);
			expect(text).toContain('"msg_id":1843536909979836499,');
			// other digit strings stay strings
			expect(text).toContain(`"value":"${SEED.room2}"`);
			expect(text).toContain(`"roles":["${SEED.room1Admin}"]`);
			const e = parseLossless(text) as any;
			expect(e.data.room_base_info.room_id).toBe(SEED.room1);
			expect(e.data.msg_id).toBe('1843536909979836499');
			// the plain JSON.parse a naive client uses loses the digits
			expect(String(JSON.parse(text).data.msg_id)).not.toBe('1843536909979836499');
			const r = await c.next();
			expect(r).toContain(`"channel_id":${SEED.room1Text},"emoji":"[cube_doge]","is_add":1,"msg_id":${SEED.room1Msg},"user_id":${USERS.ali},"room_id":${SEED.room1}}`);
			// per-event override
			sim.pushEvent(reactionEvent({ isAdd: true }), { numericIds: false });
			expect(await c.next()).toContain(`"room_id":"${SEED.room1}"`);
			c.ws.terminate();
			await c.closed;
		} finally {
			await sim.close();
		}
	});

	it('without numericIds the ids are strings', async () => {
		const sim = await HeyboxSimulator.start();
		try {
			const c = await connect(connectUrl(sim));
			sim.pushEvent(reactionEvent({ isAdd: true }));
			expect(await c.next()).toContain(`"room_id":"${SEED.room1}"`);
			c.ws.terminate();
			await c.closed;
		} finally {
			await sim.close();
		}
	});
});

describe('close()', () => {
	const countResources = () => {
		const out: Record<string, number> = {};
		for (const r of process.getActiveResourcesInfo()) out[r] = (out[r] ?? 0) + 1;
		return out;
	};

	it('closes gateway sockets and leaves no handles behind', async () => {
		const before = countResources();
		const sim = await HeyboxSimulator.start();
		const a = await connect(connectUrl(sim));
		const b = await connect(connectUrl(sim), { token: TOKEN });
		sim.setWsOptions({ replayOnConnect: 5 });
		sim.pushEvent('50', {});
		await a.next();
		await b.next();
		await sim.close();
		expect((await a.closed).code).toBe(1006);
		expect((await b.closed).code).toBe(1006);
		expect(sim.wsConnections()).toBe(0);
		expect(sim.pushEvent('50', {}).delivered).toBe(0);
		await expect(connect(connectUrl(sim))).rejects.toThrow();
		await wait(20);
		const after = countResources();
		for (const k of ['TCPServerWrap', 'TCPSocketWrap', 'Timeout']) expect(after[k] ?? 0).toBeLessThanOrEqual(before[k] ?? 0);
		await sim.close(); // idempotent
	});
});
