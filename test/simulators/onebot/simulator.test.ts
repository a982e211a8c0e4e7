import { DIALECTS, OneBotSimulator, decodeCQ, encodeCQ } from './index.ts';
import type { Dialect } from './index.ts';

interface CallOptions {
	method?: string;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	/** raw body; default JSON.stringify(body) */
	raw?: string;
	/** no Content-Type header */
	noContentType?: boolean;
	path?: string;
}

interface CallResult {
	status: number;
	headers: Headers;
	text: string;
	json: any;
}

async function call(sim: OneBotSimulator, action: string, body?: unknown, o: CallOptions = {}): Promise<CallResult> {
	const method = o.method ?? 'POST';
	const qs = o.query ? '?' + new URLSearchParams(o.query).toString() : '';
	const headers: Record<string, string> = { ...(o.headers ?? {}) };
	let payload: string | undefined;
	if (method !== 'GET' && method !== 'HEAD') {
		payload = o.raw ?? JSON.stringify(body ?? {});
		if (!o.noContentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
			headers['Content-Type'] = 'application/json';
		}
	}
	// a Uint8Array body makes fetch send no Content-Type at all (a string would get text/plain)
	const fetchBody = payload !== undefined && o.noContentType ? new TextEncoder().encode(payload) : payload;
	const res = await fetch(`${sim.url}${o.path ?? '/' + action}${qs}`, { method, headers, body: fetchBody });
	const text = await res.text();
	let json: any = null;
	try {
		json = JSON.parse(text);
	} catch {
		json = null;
	}
	return { status: res.status, headers: res.headers, text, json };
}

const ok = (r: CallResult) => {
	expect(r.status).toBe(200);
	expect(r.json).toMatchObject({ status: 'ok', retcode: 0 });
	return r.json.data;
};

const sims = {} as Record<Dialect, OneBotSimulator>;

beforeAll(async () => {
	for (const d of DIALECTS) sims[d] = await OneBotSimulator.start({ dialect: d });
});
afterAll(async () => {
	await Promise.all(DIALECTS.map((d) => sims[d].close()));
});
beforeEach(() => {
	for (const d of DIALECTS) sims[d].reset();
});

const text = (t: string) => ({ type: 'text', data: { text: t } });

// -------------------------------------------------------------------------------------------------

describe('envelopes and basic info', () => {
	const keys: Record<Dialect, string[]> = {
		gocqhttp: ['data', 'message', 'retcode', 'status'],
		napcat: ['status', 'retcode', 'data', 'message', 'wording', 'echo', 'stream'],
		llonebot: ['status', 'retcode', 'data', 'message', 'wording', 'echo'],
		lagrange: ['status', 'retcode', 'data', 'echo'],
	};
	const appNames: Record<Dialect, string> = {
		napcat: 'NapCat.Onebot',
		gocqhttp: 'go-cqhttp',
		llonebot: 'LLOneBot',
		lagrange: 'Lagrange.OneBot',
	};

	it.each(DIALECTS)('%s: success envelope fields, login info and version', async (d) => {
		const r = await call(sims[d], 'get_login_info', { echo: 'e-1' });
		expect(Object.keys(r.json)).toEqual(keys[d]);
		expect(r.json.data).toEqual({ user_id: 10001, nickname: 'imkit-bot' });
		if (d === 'napcat') expect(r.json).toMatchObject({ stream: 'normal-action', echo: 'e-1', message: '', wording: '' });
		if (d === 'lagrange') expect(r.json.echo).toBeNull();
		expect(r.headers.get('content-type')).toContain('application/json');
		const v = ok(await call(sims[d], 'get_version_info'));
		expect(v).toEqual({ app_name: appNames[d], app_version: expect.any(String), protocol_version: 'v11' });
		expect(ok(await call(sims[d], 'get_status'))).toMatchObject({ online: true, good: true });
	});

	it('honours selfId / nickname options', async () => {
		const sim = await OneBotSimulator.start({ dialect: 'llonebot', selfId: 42424242, nickname: 'other' });
		try {
			expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			expect(ok(await call(sim, 'get_login_info'))).toEqual({ user_id: 42424242, nickname: 'other' });
			expect(sim.state.member(20002, 42424242)?.role).toBe('admin');
		} finally {
			await sim.close();
		}
	});

	it('failure envelopes carry the dialect text fields', async () => {
		const gocq = await call(sims.gocqhttp, 'get_group_info', { group_id: 99999 });
		expect(gocq.json).toEqual({
			data: null,
			message: expect.stringContaining('99999'),
			msg: 'GROUP_NOT_FOUND',
			retcode: 100,
			status: 'failed',
			wording: expect.stringContaining('99999'),
		});
		const nc = await call(sims.napcat, 'get_group_info', { group_id: 99999 });
		expect(nc.json).toMatchObject({ status: 'failed', retcode: 200, data: null, stream: 'normal-action' });
		expect(nc.json.message).toMatch(/^Error: .*99999/);
		expect(nc.json.wording).toBe(nc.json.message);
		const ll = await call(sims.llonebot, 'get_group_info', { group_id: 99999 });
		expect(ll.json).toMatchObject({ status: 'failed', retcode: 200, data: null });
		expect(ll.json.message).toContain('99999');
		const lg = await call(sims.lagrange, 'get_group_info', { group_id: 99999 });
		expect(lg.json).toEqual({ status: 'failed', retcode: 200, data: null, echo: null });
	});
});

describe('unknown actions', () => {
	it.each([
		['gocqhttp', 200, 404],
		['napcat', 200, 200],
		['llonebot', 404, 404],
		['lagrange', 200, 404],
	] as Array<[Dialect, number, number]>)('%s: HTTP %i, retcode %i', async (d, http, retcode) => {
		const r = await call(sims[d], 'no_such_action', {});
		expect(r.status).toBe(http);
		expect(r.json).toMatchObject({ status: 'failed', retcode, data: null });
		if (d === 'gocqhttp') expect(r.json).toMatchObject({ msg: 'API_NOT_FOUND' });
		if (d === 'napcat') expect(r.json.message).toBe('不支持的Api no_such_action');
		if (d === 'llonebot') expect(r.json.message).toContain('no_such_action');
		if (d === 'lagrange') expect(r.json).not.toHaveProperty('message');
	});

	it('support matrix: reactions and pokes exist only where implemented', async () => {
		const like = { message_id: 12345, emoji_id: 76 };
		expect((await call(sims.gocqhttp, 'set_msg_emoji_like', like)).json.retcode).toBe(404);
		expect((await call(sims.lagrange, 'set_msg_emoji_like', like)).json.retcode).toBe(404);
		expect((await call(sims.napcat, 'set_group_reaction', { group_id: 20002, message_id: 12345, code: '76' })).json.retcode).toBe(200);
		expect((await call(sims.gocqhttp, 'group_poke', { group_id: 20002, user_id: 987654321 })).json.retcode).toBe(404);
		expect((await call(sims.llonebot, 'send_poke', { user_id: 123456 })).status).toBe(404);
		expect((await call(sims.napcat, 'unset_msg_emoji_like', like)).json.retcode).toBe(200);
	});

	it('action suffixes: _async runs synchronously except on Lagrange', async () => {
		for (const d of ['gocqhttp', 'napcat', 'llonebot'] as Dialect[]) {
			expect(ok(await call(sims[d], 'send_group_msg_async', { group_id: 20002, message: 'x' }))).toEqual({ message_id: 1000 });
		}
		expect((await call(sims.napcat, 'get_status_rate_limited', {})).json.retcode).toBe(0);
		expect((await call(sims.gocqhttp, 'get_status_rate_limited', {})).json.retcode).toBe(404);
		expect((await call(sims.lagrange, 'send_group_msg_async', { group_id: 20002, message: 'x' })).json.retcode).toBe(404);
	});
});

// -------------------------------------------------------------------------------------------------

describe('authentication', () => {
	const authSims = {} as Record<Dialect, OneBotSimulator>;
	beforeAll(async () => {
		for (const d of DIALECTS) authSims[d] = await OneBotSimulator.start({ dialect: d, token: 's3cret' });
	});
	afterAll(async () => {
		await Promise.all(DIALECTS.map((d) => authSims[d].close()));
	});

	const missing: Record<Dialect, { status: number; body: string }> = {
		gocqhttp: { status: 401, body: '' },
		napcat: { status: 403, body: '{"message":"token verify failed!"}' },
		llonebot: { status: 403, body: '{"message":"403"}' },
		lagrange: { status: 401, body: '' },
	};

	it.each(DIALECTS)('%s: missing / wrong / right token', async (d) => {
		const sim = authSims[d];
		const none = await call(sim, 'get_login_info');
		expect(none.status).toBe(missing[d].status);
		expect(none.text).toBe(missing[d].body);
		if (d === 'lagrange') expect(none.headers.get('www-authenticate')).toBe('Bearer');

		const wrong = await call(sim, 'get_login_info', {}, { headers: { Authorization: 'Bearer nope' } });
		expect(wrong.status).toBe(403);

		expect(ok(await call(sim, 'get_login_info', {}, { headers: { Authorization: 'Bearer s3cret' } }))).toMatchObject({ user_id: 10001 });
		expect(ok(await call(sim, 'get_login_info', {}, { query: { access_token: 's3cret' } }))).toMatchObject({ user_id: 10001 });

		// rejected requests are recorded with their answer
		expect(sim.requestsFor('get_login_info')[0].response).toEqual({ status: missing[d].status, body: missing[d].body });
	});

	it('gocqhttp takes the header value after the first space, the query only without a header', async () => {
		const sim = authSims.gocqhttp;
		expect((await call(sim, 'get_status', {}, { headers: { Authorization: 'Token s3cret' } })).status).toBe(200);
		expect((await call(sim, 'get_status', {}, { headers: { Authorization: 'Bearer bad' }, query: { access_token: 's3cret' } })).status).toBe(403);
		expect((await call(sim, 'get_status', {}, { query: { access_token: 'bad' } })).status).toBe(403);
	});

	it('napcat gives the query token priority over the header', async () => {
		const sim = authSims.napcat;
		expect((await call(sim, 'get_status', {}, { headers: { Authorization: 'Bearer bad' }, query: { access_token: 's3cret' } })).status).toBe(200);
		expect((await call(sim, 'get_status', {}, { headers: { Authorization: 'Bearer s3cret' }, query: { access_token: 'bad' } })).status).toBe(403);
		// split('Bearer ').pop(): a bare token in the header works too
		expect((await call(sim, 'get_status', {}, { headers: { Authorization: 's3cret' } })).status).toBe(200);
	});

	it('lagrange needs exactly `Bearer <token>`; the query is used only without a header', async () => {
		const sim = authSims.lagrange;
		expect((await call(sim, 'get_status', {}, { headers: { Authorization: 'bearer s3cret' } })).status).toBe(403);
		expect((await call(sim, 'get_status', {}, { headers: { Authorization: 'Token s3cret' } })).status).toBe(403);
		expect((await call(sim, 'get_status', {}, { headers: { Authorization: 'Bearer bad' }, query: { access_token: 's3cret' } })).status).toBe(403);
		expect((await call(sim, 'get_status', {}, { query: { access_token: 'bad' } })).status).toBe(403);
	});

	it('llonebot reads the header first, then the query', async () => {
		const sim = authSims.llonebot;
		expect((await call(sim, 'get_status', {}, { headers: { Authorization: 'Bearer bad' }, query: { access_token: 's3cret' } })).status).toBe(403);
		expect((await call(sim, 'get_status', {}, { query: { access_token: 'bad' } })).text).toBe('{"message":"403"}');
	});
});

// -------------------------------------------------------------------------------------------------

describe('transport: methods, content types, paths', () => {
	it.each(DIALECTS)('%s: GET with query parameters and a trailing slash', async (d) => {
		const g = ok(await call(sims[d], 'get_group_info', undefined, { method: 'GET', query: { group_id: '20002' } }));
		expect(g).toMatchObject({ group_id: 20002, group_name: 'Dev Group', member_count: 6, max_member_count: 200 });
		const r = ok(await call(sims[d], 'get_group_info', { group_id: 20003 }, { path: '/get_group_info/' }));
		expect(r.group_name).toBe('Ops Alerts');
		expect(sims[d].last()!.action).toBe('get_group_info');
	});

	it.each(DIALECTS)('%s: form-urlencoded bodies', async (d) => {
		const r = await call(sims[d], 'send_group_msg', undefined, {
			raw: 'group_id=20002&message=hello%20form',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		expect(ok(r)).toEqual({ message_id: 1000 });
		expect(sims[d].state.messages.get(1000)!.message).toEqual([text('hello form')]);
	});

	it('lagrange: 406 for other content types, 405 for other methods', async () => {
		const sim = sims.lagrange;
		const plain = await call(sim, 'send_group_msg', undefined, {
			raw: JSON.stringify({ group_id: 20002, message: 'x' }),
			headers: { 'Content-Type': 'text/plain' },
		});
		expect(plain.status).toBe(406);
		expect(plain.text).toBe('');
		const none = await call(sim, 'get_status', undefined, { raw: '{}', noContentType: true });
		expect(none.status).toBe(406);
		expect((await call(sim, 'get_status', {}, { method: 'PUT' })).status).toBe(405);
		expect((await call(sim, 'get_status', {}, { headers: { 'Content-Type': 'application/json; charset=utf-8' } })).status).toBe(200);
		expect(sim.requests.map((r) => r.response.status)).toEqual([406, 406, 405, 200]);
		expect(sim.state.sentMessages()).toHaveLength(0);
	});

	it('gocqhttp: reads the body only for JSON/form, 400 on bad JSON, 404 for other methods', async () => {
		const sim = sims.gocqhttp;
		const plain = await call(sim, 'send_group_msg', undefined, {
			raw: JSON.stringify({ group_id: 20002, message: 'x' }),
			headers: { 'Content-Type': 'text/plain' },
		});
		expect(plain.status).toBe(200);
		expect(plain.json).toMatchObject({ status: 'failed', retcode: 100 });
		expect(plain.json.wording).toContain('group_id');
		const bad = await call(sim, 'send_group_msg', undefined, { raw: '{"group_id":' });
		expect(bad.status).toBe(400);
		expect(bad.text).toBe('');
		expect(sim.last()!.body).toBeNull();
		expect(sim.last()!.rawBody).toBe('{"group_id":');
		expect((await call(sim, 'get_status', {}, { method: 'DELETE' })).status).toBe(404);
		// POST / with {action, params}
		const root = await call(sim, '', { action: 'get_group_info', params: { group_id: 20004 } }, { path: '/' });
		expect(ok(root).group_name).toBe('闲聊群');
		expect(sim.last()!.action).toBe('get_group_info');
	});

	it('napcat: a body without content type is JSON; bad JSON is 400 "Invalid JSON"', async () => {
		const sim = sims.napcat;
		const r = await call(sim, 'send_group_msg', undefined, { raw: JSON.stringify({ group_id: 20002, message: 'no ct' }), noContentType: true });
		expect(ok(r)).toEqual({ message_id: 1000 });
		const bad = await call(sim, 'send_group_msg', undefined, { raw: '{oops' });
		expect(bad.status).toBe(400);
		expect(bad.text).toBe('Invalid JSON');
		const hello = await call(sim, '', undefined, { method: 'GET', path: '/' });
		expect(hello.json).toMatchObject({ status: 'ok', message: 'NapCat4 Is Running' });
	});

	it('llonebot and lagrange: bad JSON is 400', async () => {
		expect((await call(sims.llonebot, 'get_status', undefined, { raw: '{oops' })).status).toBe(400);
		expect((await call(sims.lagrange, 'get_status', undefined, { raw: '{oops' })).status).toBe(400);
	});

	it('records method, path, action, query, headers, raw and parsed body, response', async () => {
		const sim = sims.napcat;
		await call(sim, 'send_private_msg', { user_id: 123456, message: 'hi' }, { query: { echo: 'q' }, headers: { 'X-Test': '1' } });
		const rec = sim.last('send_private_msg')!;
		expect(rec).toMatchObject({
			method: 'POST',
			path: '/send_private_msg',
			action: 'send_private_msg',
			query: { echo: 'q' },
			body: { user_id: 123456, message: 'hi' },
			rawBody: '{"user_id":123456,"message":"hi"}',
		});
		expect(rec.headers['x-test']).toBe('1');
		expect(rec.headers['content-type']).toBe('application/json');
		expect(rec.response.status).toBe(200);
		expect(JSON.parse(rec.response.body)).toMatchObject({ retcode: 0, data: { message_id: 1000 }, echo: 'q' });
		expect(sim.requestsFor('send_private_msg')).toHaveLength(1);
		expect(sim.last('nothing')).toBeUndefined();
	});
});

// -------------------------------------------------------------------------------------------------

describe('messages', () => {
	it('stores the seed example 001 (reply to 1263753202) as sent', async () => {
		const body = {
			user_id: 123456,
			message: [
				{ type: 'reply', data: { id: 1263753202 } },
				{ type: 'text', data: { text: '回复你了' } },
			],
		};
		for (const d of DIALECTS) {
			expect(ok(await call(sims[d], 'send_private_msg', body))).toEqual({ message_id: 1000 });
			const m = sims[d].state.messages.get(1000)!;
			expect(m).toMatchObject({ message_id: 1000, message_type: 'private', user_id: 123456, message: body.message });
			expect(m.sender).toEqual({ user_id: 10001, nickname: 'imkit-bot' });
			expect(m.raw_message).toBe('[CQ:reply,id=1263753202]回复你了');
			expect(m.time).toBeGreaterThan(1700000000);
		}
	});

	it('decodes CQ strings, unless auto_escape', async () => {
		const sim = sims.napcat;
		ok(await call(sim, 'send_group_msg', { group_id: 20002, message: 'a &#91;x&#93; [CQ:at,qq=123456] b&amp;c [CQ:face,id=14][CQ:image,file=https://e.x/a.png?a=1&#44;2]' }));
		expect(sim.state.messages.get(1000)!.message).toEqual([
			text('a [x] '),
			{ type: 'at', data: { qq: '123456' } },
			text(' b&c '),
			{ type: 'face', data: { id: '14' } },
			{ type: 'image', data: { file: 'https://e.x/a.png?a=1,2' } },
		]);
		ok(await call(sim, 'send_group_msg', { group_id: 20002, message: '[CQ:at,qq=all] hi', auto_escape: true }));
		expect(sim.state.messages.get(1001)!.message).toEqual([text('[CQ:at,qq=all] hi')]);
		expect(sim.state.messages.get(1001)!.raw_message).toBe('&#91;CQ:at,qq=all&#93; hi');
		ok(await call(sim, 'send_group_msg', { group_id: 20002, message: text('single segment') }));
		expect(sim.state.messages.get(1002)!.message).toEqual([text('single segment')]);
	});

	it('CQ codec round-trips', () => {
		const segs = [text('[a], b & c'), { type: 'share', data: { url: 'http://x/?a=1&b=2', title: '震惊,小伙' } }];
		const cq = encodeCQ(segs);
		expect(cq).toBe('&#91;a&#93;, b &amp; c[CQ:share,url=http://x/?a=1&amp;b=2,title=震惊&#44;小伙]');
		expect(decodeCQ(cq)).toEqual(segs);
		expect(decodeCQ('[CQ:broken')).toEqual([text('[CQ:broken')]);
	});

	it('send_msg infers the type; ids accept digit strings', async () => {
		const sim = sims.gocqhttp;
		expect(ok(await call(sim, 'send_msg', { group_id: '20003', message: 'g' }))).toEqual({ message_id: 1000 });
		expect(ok(await call(sim, 'send_msg', { user_id: 987654321, message: 'p' }))).toEqual({ message_id: 1001 });
		expect(ok(await call(sim, 'send_msg', { message_type: 'private', user_id: 112233445, group_id: 20002, message: 'p2' }))).toEqual({
			message_id: 1002,
		});
		const [a, b, c] = [1000, 1001, 1002].map((id) => sim.state.messages.get(id)!);
		expect([a.message_type, a.group_id]).toEqual(['group', 20003]);
		expect([b.message_type, b.user_id]).toEqual(['private', 987654321]);
		expect([c.message_type, c.user_id]).toEqual(['private', 112233445]);
		expect(a.sender).toMatchObject({ user_id: 10001, role: 'admin' });
	});

	it('get_msg / delete_msg; go-cqhttp answers string messages', async () => {
		const nc = ok(await call(sims.napcat, 'get_msg', { message_id: 12345 }));
		expect(nc).toMatchObject({ message_id: 12345, real_id: 12345, message_type: 'group', group_id: 20002, message: [text('大家好')] });
		expect(nc.sender).toMatchObject({ user_id: 987654321, nickname: '用户A' });
		const gc = ok(await call(sims.gocqhttp, 'get_msg', { message_id: '12345' }));
		expect(gc.message).toBe('大家好');

		const sim = sims.llonebot;
		expect(ok(await call(sim, 'delete_msg', { message_id: 1263753202 }))).toBeNull();
		expect(sim.state.messages.has(1263753202)).toBe(false);
		expect(sim.state.deletedMessages).toEqual([1263753202]);
		const again = await call(sim, 'get_msg', { message_id: 1263753202 });
		expect(again.json).toMatchObject({ status: 'failed', retcode: 200 });
		expect((await call(sims.gocqhttp, 'delete_msg', { message_id: 777 })).json).toMatchObject({ retcode: 100, msg: 'MSG_NOT_FOUND' });
	});

	it('private message to a stranger fails with a handler error; temp session through a group works', async () => {
		const gc = await call(sims.gocqhttp, 'send_private_msg', { user_id: 30003, message: 'x' });
		expect(gc.json).toMatchObject({ status: 'failed', retcode: 100, msg: 'SEND_MSG_API_ERROR' });
		const lg = await call(sims.lagrange, 'send_private_msg', { user_id: 30003, message: 'x' });
		expect(lg.json).toMatchObject({ status: 'failed', retcode: 200 });
		expect(ok(await call(sims.napcat, 'send_private_msg', { user_id: 30003, group_id: 20002, message: 'x' }))).toEqual({ message_id: 1000 });
		expect((await call(sims.napcat, 'send_group_msg', { group_id: 99, message: 'x' })).json.retcode).toBe(200);
		expect((await call(sims.gocqhttp, 'send_group_msg', { group_id: 20002, message: [] })).json).toMatchObject({ msg: 'EMPTY_MSG_ERROR' });
	});

	it('message history', async () => {
		const sim = sims.napcat;
		ok(await call(sim, 'send_group_msg', { group_id: 20002, message: 'one' }));
		ok(await call(sim, 'send_group_msg', { group_id: 20002, message: 'two' }));
		const h = ok(await call(sim, 'get_group_msg_history', { group_id: 20002, count: 2 }));
		expect(h.messages.map((m: any) => m.message_id)).toEqual([1000, 1001]);
		const f = ok(await call(sim, 'get_friend_msg_history', { user_id: 123456 }));
		expect(f.messages.map((m: any) => m.message_id)).toEqual([1263753202]);
		expect((await call(sims.gocqhttp, 'get_friend_msg_history', { user_id: 123456 })).json.retcode).toBe(404);
	});
});

// -------------------------------------------------------------------------------------------------

describe('parameter validation', () => {
	const retcodes: Record<Dialect, number> = { napcat: 400, llonebot: 400, lagrange: 200, gocqhttp: 100 };

	it.each(DIALECTS)('%s: bad id → bad-parameter envelope naming the field, nothing stored', async (d) => {
		const r = await call(sims[d], 'send_private_msg', { user_id: 'abc', message: 'x' });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ status: 'failed', retcode: retcodes[d], data: null });
		if (d === 'lagrange') expect(Object.keys(r.json)).toEqual(['status', 'retcode', 'data', 'echo']);
		else expect(r.json.message).toContain('user_id');
		if (d === 'gocqhttp') expect(r.json).toMatchObject({ msg: 'PARAM_ERROR', wording: expect.stringContaining('user_id') });
		expect(sims[d].state.sentMessages()).toHaveLength(0);
	});

	const badMessages: Array<[string, unknown, string]> = [
		['missing message', undefined, 'message'],
		['number message', 42, 'message'],
		['segment without data', [{ type: 'text' }], 'message[0].data'],
		['segment without type', [{ data: { text: 'x' } }], 'message[0].type'],
		['text not a string', [{ type: 'text', data: { text: 5 } }], 'message[0].data.text'],
		['at with a name', [{ type: 'at', data: { qq: 'bob' } }], 'message[0].data.qq'],
		['reply id not numeric', [text('a'), { type: 'reply', data: { id: 'x1' } }], 'message[1].data.id'],
		['face id not numeric', [{ type: 'face', data: { id: 'smile' } }], 'message[0].data.id'],
		['image without file', [{ type: 'image', data: {} }], 'message[0].data.file'],
		['image relative file', [{ type: 'image', data: { file: 'a.png' } }], 'message[0].data.file'],
		['CQ string with bad at', 'hi [CQ:at,qq=bob]', 'message[1].data.qq'],
		['node mixed with other segments', [text('a'), { type: 'node', data: { id: 1 } }], 'message'],
	];
	it.each(badMessages)('napcat rejects %s', async (_name, message, field) => {
		const r = await call(sims.napcat, 'send_group_msg', { group_id: 20002, message: message as any });
		expect(r.json).toMatchObject({ status: 'failed', retcode: 400 });
		expect(r.json.message.startsWith(field)).toBe(true);
		expect(sims.napcat.state.sentMessages()).toHaveLength(0);
	});

	it('media file forms differ per dialect', async () => {
		const seg = (file: string) => ({ group_id: 20002, message: [{ type: 'image', data: { file } }] });
		for (const d of DIALECTS) {
			for (const f of ['https://example.com/a.png', 'file:///tmp/a.png', 'base64://iVBORw0KGgo=']) {
				expect((await call(sims[d], 'send_group_msg', seg(f))).json.retcode).toBe(0);
			}
			const abs = (await call(sims[d], 'send_group_msg', seg('/tmp/a.png'))).json.retcode;
			const data = (await call(sims[d], 'send_group_msg', seg('data:image/png;base64,iVBORw0KGgo='))).json.retcode;
			if (d === 'napcat' || d === 'llonebot') {
				expect([abs, data]).toEqual([0, 0]);
			} else {
				expect([abs, data]).toEqual([retcodes[d], retcodes[d]]);
			}
		}
	});

	it('ids must be numbers or digit strings; booleans and ints are checked', async () => {
		expect((await call(sims.napcat, 'get_group_info', { group_id: 20002.5 })).json.retcode).toBe(400);
		expect((await call(sims.napcat, 'get_group_info', { group_id: [20002] })).json.retcode).toBe(400);
		expect((await call(sims.napcat, 'get_group_info', {})).json.message).toBe('group_id: is required');
		expect((await call(sims.napcat, 'set_group_whole_ban', { group_id: 20002, enable: 'maybe' })).json.message).toContain('enable');
		expect((await call(sims.napcat, 'set_group_ban', { group_id: 20002, user_id: 30003, duration: -5 })).json.message).toContain('duration');
		expect((await call(sims.napcat, 'send_msg', { message_type: 'channel', group_id: 1, message: 'x' })).json.message).toContain('message_type');
	});
});

// -------------------------------------------------------------------------------------------------

describe('forward messages', () => {
	// seed document 004
	const seed004 = {
		user_id: 123456789,
		messages: [
			{
				type: 'node',
				data: {
					nickname: '用户A',
					user_id: 987654321,
					content: [text('这是用户A发送的第一条消息。'), { type: 'image', data: { file: 'base64://iVBORw0KGgo=' } }],
				},
			},
			{ type: 'node', data: { nickname: '用户B', user_id: 112233445, content: [text('这是用户B的回复。'), { type: 'reply', data: { id: 12345 } }] } },
		],
	};
	const responseKeys: Record<Dialect, string[]> = {
		gocqhttp: ['message_id', 'forward_id'],
		napcat: ['message_id', 'res_id', 'forward_id'],
		llonebot: ['message_id', 'forward_id'],
		lagrange: ['message_id', 'forward_id'],
	};

	it.each(DIALECTS)('%s: send_private_forward_msg response and get_forward_msg shape', async (d) => {
		const sim = sims[d];
		const data = ok(await call(sim, 'send_private_forward_msg', seed004));
		expect(Object.keys(data)).toEqual(responseKeys[d]);
		expect(data).toMatchObject({ message_id: 1000, forward_id: 'fwd-1' });
		if (d === 'napcat') expect(data.res_id).toBe('fwd-1');
		const stored = sim.state.messages.get(1000)!;
		expect(stored).toMatchObject({ message_type: 'private', user_id: 123456789, forward_id: 'fwd-1' });
		expect(stored.message).toEqual([{ type: 'forward', data: { id: 'fwd-1' } }]);
		expect(sim.state.forwards.get('fwd-1')!.nodes.map((n) => n.nickname)).toEqual(['用户A', '用户B']);

		const got = ok(await call(sim, 'get_forward_msg', { id: 'fwd-1' }));
		if (d === 'lagrange') {
			expect(Object.keys(got)).toEqual(['message']);
			expect(got.message[0]).toEqual({
				type: 'node',
				data: { user_id: '987654321', nickname: '用户A', content: seed004.messages[0].data.content },
			});
		} else {
			expect(Object.keys(got)).toEqual(['messages']);
			expect(got.messages).toHaveLength(2);
			expect(got.messages[1]).toMatchObject({ sender: { nickname: '用户B', user_id: 112233445 }, time: expect.any(Number) });
			if (d === 'gocqhttp') expect(got.messages[1].content).toBe('这是用户B的回复。[CQ:reply,id=12345]');
			else expect(got.messages[1].content).toEqual(seed004.messages[1].data.content);
		}
	});

	it('get_forward_msg parameter names: message_id works except on Lagrange', async () => {
		for (const d of DIALECTS) ok(await call(sims[d], 'send_group_forward_msg', { group_id: 20002, messages: seed004.messages }));
		expect(ok(await call(sims.gocqhttp, 'get_forward_msg', { message_id: 'fwd-1' })).messages).toHaveLength(2);
		expect(ok(await call(sims.napcat, 'get_forward_msg', { message_id: 1000 })).messages).toHaveLength(2);
		const lg = await call(sims.lagrange, 'get_forward_msg', { message_id: 'fwd-1' });
		expect(lg.json).toEqual({ status: 'failed', retcode: 200, data: null, echo: null });
		expect((await call(sims.llonebot, 'get_forward_msg', { id: 'fwd-9' })).json).toMatchObject({ status: 'failed', retcode: 200 });
	});

	it('reference nodes {id}: resolved from stored messages, rejected by Lagrange', async () => {
		const messages = [{ type: 'node', data: { id: 12345 } }, { type: 'node', data: { uin: '30003', name: 'n', content: 'hi [CQ:face,id=1]' } }];
		ok(await call(sims.gocqhttp, 'send_forward_msg', { group_id: 20002, messages }));
		const nodes = sims.gocqhttp.state.forwards.get('fwd-1')!.nodes;
		expect(nodes[0]).toMatchObject({ user_id: 987654321, source_message_id: 12345, content: [text('大家好')] });
		expect(nodes[1]).toMatchObject({ user_id: 30003, nickname: 'n', content: [text('hi '), { type: 'face', data: { id: '1' } }] });

		const lg = await call(sims.lagrange, 'send_forward_msg', { group_id: 20002, messages });
		expect(lg.json).toMatchObject({ status: 'failed', retcode: 200 });
		expect(sims.lagrange.state.forwards.size).toBe(0);
		const missing = await call(sims.napcat, 'send_group_forward_msg', { group_id: 20002, messages: [{ type: 'node', data: { id: 4242 } }] });
		expect(missing.json).toMatchObject({ status: 'failed', retcode: 200 });
	});

	it('napcat accepts `message` as alias of `messages` and node-only send_group_msg; others do not', async () => {
		expect(ok(await call(sims.napcat, 'send_group_forward_msg', { group_id: 20002, message: seed004.messages }))).toMatchObject({
			forward_id: 'fwd-1',
		});
		expect(ok(await call(sims.napcat, 'send_group_msg', { group_id: 20002, message: seed004.messages }))).toMatchObject({
			message_id: 1001,
			forward_id: 'fwd-2',
		});
		const lg = await call(sims.lagrange, 'send_group_forward_msg', { group_id: 20002, message: seed004.messages });
		expect(lg.json.retcode).toBe(200);
		const gc = await call(sims.gocqhttp, 'send_group_forward_msg', { group_id: 20002, message: seed004.messages });
		expect(gc.json).toMatchObject({ retcode: 100, wording: 'messages: is required' });
		expect((await call(sims.llonebot, 'send_group_msg', { group_id: 20002, message: seed004.messages })).json.retcode).toBe(400);
	});

	const badForwards: Array<[string, unknown, string]> = [
		['empty list', [], 'messages'],
		['not an array', { type: 'node', data: {} }, 'messages'],
		['non-node segment', [text('x')], 'messages[0].type'],
		['node without user', [{ type: 'node', data: { nickname: 'a', content: 'x' } }], 'messages[0].data.uin'],
		['node without nickname', [{ type: 'node', data: { user_id: 1, content: 'x' } }], 'messages[0].data.nickname'],
		['node without content', [{ type: 'node', data: { user_id: 1, nickname: 'a' } }], 'messages[0].data.content'],
		['empty content', [{ type: 'node', data: { user_id: 1, nickname: 'a', content: [] } }], 'messages[0].data.content'],
		[
			'bad nested content',
			[{ type: 'node', data: { user_id: 1, nickname: 'a', content: [text('x'), { type: 'image', data: { file: 'nope' } }] } }],
			'messages[0].data.content[1].data.file',
		],
		[
			'bad nested node',
			[{ type: 'node', data: { user_id: 1, nickname: 'a', content: [{ type: 'node', data: { user_id: 'x', nickname: 'b', content: 'y' } }] } }],
			'messages[0].data.content[0].data.user_id',
		],
	];
	it.each(badForwards)('napcat rejects %s', async (_name, messages, field) => {
		const r = await call(sims.napcat, 'send_group_forward_msg', { group_id: 20002, messages });
		expect(r.json).toMatchObject({ status: 'failed', retcode: 400 });
		expect(r.json.message.startsWith(field)).toBe(true);
		expect(sims.napcat.state.forwards.size).toBe(0);
	});

	it('nested nodes: allowed by NapCat and go-cqhttp, rejected by LLOneBot and Lagrange', async () => {
		const inner = { type: 'node', data: { user_id: 2, nickname: 'inner', content: [text('deep')] } };
		const messages = [{ type: 'node', data: { user_id: 1, nickname: 'outer', content: [inner] } }];
		expect((await call(sims.napcat, 'send_group_forward_msg', { group_id: 20002, messages })).json.retcode).toBe(0);
		expect((await call(sims.gocqhttp, 'send_group_forward_msg', { group_id: 20002, messages })).json.retcode).toBe(0);
		expect((await call(sims.llonebot, 'send_group_forward_msg', { group_id: 20002, messages })).json.retcode).toBe(400);
		expect((await call(sims.lagrange, 'send_group_forward_msg', { group_id: 20002, messages })).json.retcode).toBe(200);
	});
});

// -------------------------------------------------------------------------------------------------

describe('group moderation and state', () => {
	it.each([
		['gocqhttp', 1800],
		['llonebot', 1800],
		['napcat', 0],
		['lagrange', 0],
	] as Array<[Dialect, number]>)('%s: set_group_ban without duration uses %i', async (d, dur) => {
		const sim = sims[d];
		ok(await call(sim, 'set_group_ban', { group_id: 20002, user_id: 30003, duration: 600 }));
		expect(sim.state.isMuted(20002, 30003)).toBe(true);
		ok(await call(sim, 'set_group_ban', { group_id: 20002, user_id: 30003 }));
		const m = sim.state.member(20002, 30003)!;
		expect(m.ban_duration).toBe(dur);
		expect(sim.state.isMuted(20002, 30003)).toBe(dur > 0);
		if (dur > 0) expect(m.shut_up_timestamp).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + dur - 2);
		else expect(m.shut_up_timestamp).toBe(0);
		expect(sim.state.bans.map((b) => b.duration)).toEqual([600, dur]);
	});

	it('cannot ban or kick the owner, admins or the bot', async () => {
		const r = await call(sims.gocqhttp, 'set_group_ban', { group_id: 20002, user_id: 30001, duration: 60 });
		expect(r.json).toMatchObject({ retcode: 100, msg: 'PERMISSION_DENIED' });
		expect((await call(sims.napcat, 'set_group_kick', { group_id: 20003, user_id: 987654321 })).json.retcode).toBe(200);
		expect((await call(sims.napcat, 'set_group_kick', { group_id: 20002, user_id: 10001 })).json.retcode).toBe(200);
		expect((await call(sims.napcat, 'set_group_ban', { group_id: 20002, user_id: 55555 })).json.retcode).toBe(200);
	});

	it('kick, whole ban, card, name, leave', async () => {
		const sim = sims.napcat;
		ok(await call(sim, 'set_group_kick', { group_id: 20002, user_id: 30003, reject_add_request: true }));
		expect(sim.state.member(20002, 30003)).toBeUndefined();
		expect(sim.state.kicks).toMatchObject([{ group_id: 20002, user_id: 30003, reject_add_request: true }]);
		expect(ok(await call(sim, 'get_group_info', { group_id: 20002 })).member_count).toBe(5);

		ok(await call(sim, 'set_group_whole_ban', { group_id: 20003 }));
		expect(sim.state.groups.get(20003)!.whole_ban).toBe(true);
		expect(ok(await call(sim, 'get_group_info', { group_id: 20003 })).group_all_shut).toBe(-1);
		ok(await call(sim, 'set_group_whole_ban', { group_id: 20003, enable: false }));
		expect(sim.state.groups.get(20003)!.whole_ban).toBe(false);

		ok(await call(sim, 'set_group_card', { group_id: 20002, user_id: 112233445, card: '新名片' }));
		expect(ok(await call(sim, 'get_group_member_info', { group_id: 20002, user_id: 112233445 })).card).toBe('新名片');
		ok(await call(sim, 'set_group_card', { group_id: 20002, user_id: 112233445 }));
		expect(sim.state.member(20002, 112233445)!.card).toBe('');

		ok(await call(sim, 'set_group_name', { group_id: 20004, group_name: '新群名' }));
		expect(sim.state.groups.get(20004)!.group_name).toBe('新群名');

		ok(await call(sim, 'set_group_leave', { group_id: 20004 }));
		expect(sim.state.leftGroups.has(20004)).toBe(true);
		expect(ok(await call(sim, 'get_group_list')).map((g: any) => g.group_id)).toEqual([20002, 20003]);
		expect((await call(sim, 'send_group_msg', { group_id: 20004, message: 'x' })).json.retcode).toBe(200);
	});

	it('member and friend lists', async () => {
		const members = ok(await call(sims.lagrange, 'get_group_member_list', { group_id: 20003 }));
		expect(members.map((m: any) => [m.user_id, m.role])).toEqual([
			[30002, 'owner'],
			[10001, 'admin'],
			[987654321, 'admin'],
			[30004, 'member'],
		]);
		const friends = ok(await call(sims.gocqhttp, 'get_friend_list'));
		expect(friends).toContainEqual({ user_id: 123456, nickname: '测试用户', remark: '测试' });
		expect(friends.length).toBeGreaterThanOrEqual(3);
		expect(ok(await call(sims.napcat, 'get_stranger_info', { user_id: 987654321 }))).toMatchObject({ nickname: '用户A', sex: 'female' });
		expect((await call(sims.gocqhttp, 'get_group_member_info', { group_id: 20002, user_id: 4242 })).json.msg).toBe('MEMBER_NOT_FOUND');
	});

	it('likes and pokes', async () => {
		ok(await call(sims.napcat, 'send_like', { user_id: 123456, times: 7 }));
		expect(sims.napcat.state.likes.get(123456)).toBe(7);
		expect((await call(sims.napcat, 'send_like', { user_id: 123456, times: 5 })).json.retcode).toBe(200);
		expect((await call(sims.napcat, 'send_like', { user_id: 123456, times: 11 })).json.retcode).toBe(400);
		ok(await call(sims.napcat, 'send_like', { user_id: 123456 }));
		expect(sims.napcat.state.likes.get(123456)).toBe(8);

		ok(await call(sims.napcat, 'group_poke', { group_id: 20002, user_id: 987654321 }));
		ok(await call(sims.lagrange, 'send_poke', { user_id: 123456 }));
		ok(await call(sims.llonebot, 'friend_poke', { user_id: 112233445 }));
		expect((await call(sims.llonebot, 'group_poke', { user_id: 112233445 })).json.retcode).toBe(400);
		expect(sims.napcat.state.pokes).toMatchObject([{ action: 'group_poke', group_id: 20002, user_id: 987654321 }]);
		expect(sims.lagrange.state.pokes).toMatchObject([{ action: 'send_poke', user_id: 123456 }]);
		expect(sims.llonebot.state.pokes).toMatchObject([{ action: 'friend_poke', user_id: 112233445 }]);
	});

	it('reactions: napcat set/unset via `set`, llonebot unset action, lagrange set_group_reaction', async () => {
		ok(await call(sims.napcat, 'set_msg_emoji_like', { message_id: 12345, emoji_id: 76 }));
		expect([...sims.napcat.state.reactions.get(12345)!]).toEqual(['76']);
		expect(ok(await call(sims.napcat, 'get_msg', { message_id: 12345 })).emoji_likes_list).toEqual([{ emoji_id: '76', count: 1 }]);
		ok(await call(sims.napcat, 'set_msg_emoji_like', { message_id: 12345, emoji_id: '76', set: false }));
		expect(sims.napcat.state.reactions.has(12345)).toBe(false);
		expect(sims.napcat.state.reactionLog.map((r) => r.add)).toEqual([true, false]);

		ok(await call(sims.llonebot, 'set_msg_emoji_like', { message_id: 12345, emoji_id: 66, set: false }));
		expect(sims.llonebot.state.reactions.get(12345)!.has('66')).toBe(true);
		ok(await call(sims.llonebot, 'unset_msg_emoji_like', { message_id: 12345, emoji_id: 66 }));
		expect(sims.llonebot.state.reactions.has(12345)).toBe(false);

		ok(await call(sims.lagrange, 'set_group_reaction', { group_id: 20002, message_id: 12345, code: '424' }));
		expect(sims.lagrange.state.reactions.get(12345)!.has('424')).toBe(true);
		ok(await call(sims.lagrange, 'set_group_reaction', { group_id: 20002, message_id: 12345, code: '424', is_add: false }));
		expect(sims.lagrange.state.reactions.has(12345)).toBe(false);
		expect((await call(sims.napcat, 'set_msg_emoji_like', { message_id: 1, emoji_id: 76 })).json.retcode).toBe(200);
	});

	it('mark_msg_as_read', async () => {
		ok(await call(sims.gocqhttp, 'mark_msg_as_read', { message_id: 12345 }));
		expect(sims.gocqhttp.state.readMarks).toMatchObject([{ message_id: 12345 }]);
		expect((await call(sims.gocqhttp, 'mark_msg_as_read', { user_id: 123456 })).json.retcode).toBe(100);
		ok(await call(sims.napcat, 'mark_msg_as_read', { user_id: 123456 }));
		ok(await call(sims.napcat, 'mark_group_msg_as_read', { group_id: 20002 }));
		expect(sims.napcat.state.readMarks).toMatchObject([{ user_id: 123456 }, { action: 'mark_group_msg_as_read', group_id: 20002 }]);
	});

	it('uploads: local path only on go-cqhttp/Lagrange, any source on NapCat/LLOneBot', async () => {
		const b64 = 'base64://' + Buffer.from('hello world').toString('base64');
		const gc = await call(sims.gocqhttp, 'upload_group_file', { group_id: 20002, file: b64, name: 'a.txt' });
		expect(gc.json).toMatchObject({ status: 'failed', retcode: 100, msg: 'FILE_NOT_FOUND' });
		expect((await call(sims.lagrange, 'upload_private_file', { user_id: 123456, file: 'https://e.x/a.txt' })).json.retcode).toBe(200);
		expect(ok(await call(sims.gocqhttp, 'upload_group_file', { group_id: 20002, file: __filename, name: 'test.ts' }))).toBeNull();
		expect(sims.gocqhttp.state.uploadedFiles[0]).toMatchObject({ name: 'test.ts', size: expect.any(Number) });
		expect(sims.gocqhttp.state.uploadedFiles[0].size).toBeGreaterThan(1000);
		expect((await call(sims.gocqhttp, 'upload_group_file', { group_id: 20002, file: __filename })).json.retcode).toBe(100);

		expect(ok(await call(sims.napcat, 'upload_group_file', { group_id: 20003, file: b64, name: 'hello.txt', folder: '/docs' }))).toEqual({
			file_id: 'file-1',
		});
		expect(sims.napcat.state.uploadedFiles[0]).toMatchObject({ group_id: 20003, name: 'hello.txt', size: 11, folder: '/docs' });
		expect((await call(sims.napcat, 'upload_private_file', { user_id: 123456, file: b64 })).json.retcode).toBe(400);
		ok(await call(sims.llonebot, 'upload_private_file', { user_id: 123456, file: 'data:text/plain;base64,aGk=' }));
		expect(sims.llonebot.state.uploadedFiles[0]).toMatchObject({ user_id: 123456, size: 2, name: 'file' });
		expect((await call(sims.llonebot, 'upload_private_file', { user_id: 55555, file: b64 })).json.retcode).toBe(200);
	});
});

// -------------------------------------------------------------------------------------------------

describe('fault injection', () => {
	it('status, html body, broken JSON, with action filter and times', async () => {
		const sim = sims.napcat;
		sim.fault({ action: 'send_group_msg', status: 502, times: 2 });
		sim.fault({ body: '<html>502 Bad Gateway</html>', status: 502 });
		sim.fault({ body: '{"status":' });

		const s1 = await call(sim, 'send_group_msg', { group_id: 20002, message: 'a' });
		expect([s1.status, s1.text]).toEqual([502, '']);
		// the any-action faults apply in queue order to other actions
		const html = await call(sim, 'get_status');
		expect(html.status).toBe(502);
		expect(html.headers.get('content-type')).toContain('text/html');
		expect(html.text).toBe('<html>502 Bad Gateway</html>');
		const s2 = await call(sim, 'send_group_msg', { group_id: 20002, message: 'b' });
		expect(s2.status).toBe(502);
		const broken = await call(sim, 'send_group_msg', { group_id: 20002, message: 'c' });
		expect([broken.status, broken.text]).toEqual([200, '{"status":']);
		expect(broken.headers.get('content-type')).toContain('application/json');
		// faults used up: normal again; faulted requests changed nothing
		expect(ok(await call(sim, 'send_group_msg', { group_id: 20002, message: 'd' }))).toEqual({ message_id: 1000 });
		expect(sim.state.sentMessages().map((m) => m.message[0].data.text)).toEqual(['d']);
		expect(sim.requests.map((r) => r.response.status)).toEqual([502, 502, 502, 200, 200]);
	});

	it('delay, then a normal answer', async () => {
		const sim = sims.lagrange;
		sim.fault({ action: 'get_status', delayMs: 150 });
		const t0 = Date.now();
		ok(await call(sim, 'get_status'));
		expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
		const t1 = Date.now();
		ok(await call(sim, 'get_status'));
		expect(Date.now() - t1).toBeLessThan(140);
	});

	it('reset destroys the socket; nothing is stored', async () => {
		const sim = sims.gocqhttp;
		sim.fault({ action: 'send_private_msg', reset: true });
		await expect(call(sim, 'send_private_msg', { user_id: 123456, message: 'x' })).rejects.toThrow();
		expect(sim.last()!.response.status).toBe(0);
		expect(sim.state.sentMessages()).toHaveLength(0);
		expect(ok(await call(sim, 'send_private_msg', { user_id: 123456, message: 'x' }))).toEqual({ message_id: 1000 });
	});

	it('delay + reset simulates a hung upstream that drops the connection', async () => {
		const sim = sims.llonebot;
		sim.fault({ delayMs: 50, reset: true });
		await expect(call(sim, 'get_status')).rejects.toThrow();
	});

	it.each(DIALECTS)('%s: retcode fault uses the dialect text fields', async (d) => {
		const sim = sims[d];
		sim.fault({ action: 'send_group_msg', retcode: 1400, message: 'risk control' });
		const r = await call(sim, 'send_group_msg', { group_id: 20002, message: 'x', echo: 'e' });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ status: 'failed', retcode: 1400, data: null });
		if (d === 'gocqhttp') expect(r.json).toMatchObject({ msg: 'risk control', wording: 'risk control', message: 'risk control' });
		if (d === 'napcat') expect(r.json).toMatchObject({ message: 'risk control', wording: 'risk control', echo: 'e', stream: 'normal-action' });
		if (d === 'llonebot') expect(r.json).toMatchObject({ message: 'risk control', wording: 'risk control' });
		if (d === 'lagrange') expect(r.json).toEqual({ status: 'failed', retcode: 1400, data: null, echo: null });
		expect(sim.state.sentMessages()).toHaveLength(0);
	});

	it('retcode with an HTTP status; async retcode 1', async () => {
		const sim = sims.napcat;
		sim.fault({ retcode: 1404, status: 404, message: 'nope' });
		sim.fault({ retcode: 1 });
		const r = await call(sim, 'get_status');
		expect(r.status).toBe(404);
		expect(r.json).toMatchObject({ retcode: 1404, message: 'nope' });
		expect((await call(sim, 'get_status')).json).toMatchObject({ status: 'async', retcode: 1, data: null });
	});

	it('reset() clears queued faults', async () => {
		const sim = sims.napcat;
		sim.fault({ status: 500, times: Infinity });
		expect((await call(sim, 'get_status')).status).toBe(500);
		expect((await call(sim, 'get_status')).status).toBe(500);
		sim.reset();
		expect(sim.requests).toHaveLength(0);
		ok(await call(sim, 'get_status'));
	});
});

// -------------------------------------------------------------------------------------------------

describe('sandbox endpoints and reset', () => {
	it('GET /__inbox lists messages newest first, HTML-escaped', async () => {
		const sim = sims.napcat;
		ok(await call(sim, 'send_group_msg', { group_id: 20002, message: [text('<b>first</b>')] }));
		ok(await call(sim, 'send_private_msg', { user_id: 123456, message: 'second' }));
		const res = await fetch(`${sim.url}/__inbox`);
		expect(res.headers.get('content-type')).toContain('text/html');
		const html = await res.text();
		expect(html).toContain('&lt;b&gt;first&lt;/b&gt;');
		expect(html).not.toContain('<b>first</b>');
		expect(html.indexOf('second')).toBeLessThan(html.indexOf('first'));
		expect(html).not.toMatch(/<(script|link|img)\b/);
		expect(sim.requests.some((r) => r.path === '/__inbox')).toBe(false);
	});

	it('GET /__requests returns the recorded requests as JSON', async () => {
		const sim = sims.llonebot;
		await call(sim, 'get_status', { a: 1 });
		const list: any = await (await fetch(`${sim.url}/__requests`)).json();
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ action: 'get_status', body: { a: 1 }, response: { status: 200 } });
	});

	it('reset() restores the seeded state in place', async () => {
		const sim = sims.napcat;
		const state = sim.state;
		ok(await call(sim, 'send_group_msg', { group_id: 20002, message: 'x' }));
		ok(await call(sim, 'set_group_name', { group_id: 20002, group_name: 'changed' }));
		ok(await call(sim, 'delete_msg', { message_id: 12345 }));
		sim.reset();
		expect(sim.state).toBe(state);
		expect(state.groups.get(20002)!.group_name).toBe('Dev Group');
		expect(state.messages.has(12345)).toBe(true);
		expect(state.messages.has(1000)).toBe(false);
		expect(state.nextMessageId).toBe(1000);
		expect(state.deletedMessages).toHaveLength(0);
		expect(ok(await call(sim, 'send_group_msg', { group_id: 20002, message: 'x' }))).toEqual({ message_id: 1000 });
	});

	it('close() ends pending delayed requests and frees the port', async () => {
		const sim = await OneBotSimulator.start({ dialect: 'gocqhttp' });
		sim.fault({ delayMs: 10_000 });
		const pending = call(sim, 'get_status').catch((e: unknown) => e);
		await new Promise((r) => setTimeout(r, 30));
		const t0 = Date.now();
		await sim.close();
		expect(Date.now() - t0).toBeLessThan(1000);
		// fetch rejects (its TypeError comes from another realm than jest's Error)
		expect(await pending).toMatchObject({ name: 'TypeError' });
	});
});
