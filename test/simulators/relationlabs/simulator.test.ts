import { ADDRESSES, DAY_MS, RelationLabsSimulator, SEED, USERS, decodeJwt, parseLossless } from './index.ts';

const KEY = 'test-relationlabs-apikey';

interface CallOptions {
	method?: string;
	/** unifiedAuthToken for `Authorization: Bearer …`; null = no Authorization header */
	token?: string | null;
	/** ApiKey header; null = none */
	apiKey?: string | null;
	headers?: Record<string, string>;
	query?: Record<string, string>;
	/** raw body text instead of JSON.stringify(body) */
	raw?: string;
	/** Content-Type; null = none */
	contentType?: string | null;
}

interface CallResult {
	status: number;
	headers: Headers;
	text: string;
	json: any;
}

let sim: RelationLabsSimulator;
let bot: string;

const api = (p: string) => `/api/v1/${p}`;

async function call(path: string, body?: unknown, o: CallOptions = {}, s: RelationLabsSimulator = sim): Promise<CallResult> {
	const method = o.method ?? (body === undefined && o.raw === undefined ? 'GET' : 'POST');
	const headers: Record<string, string> = { Accept: 'application/json, text/plain, */*', ...(o.headers ?? {}) };
	if (o.apiKey !== null) headers.ApiKey = o.apiKey ?? KEY;
	if (o.token !== null) headers.Authorization = `Bearer ${o.token ?? bot}`;
	let payload: string | Uint8Array | undefined;
	if (method !== 'GET') {
		payload = o.raw ?? JSON.stringify(body ?? {});
		if (o.contentType === null) payload = new TextEncoder().encode(payload);
		else headers['Content-Type'] = o.contentType ?? 'application/json';
	}
	const qs = o.query ? '?' + new URLSearchParams(o.query).toString() : '';
	const url = path.startsWith('/') ? path : api(path);
	const res = await fetch(`${s.url}${url}${qs}`, { method, headers, body: payload as any });
	const text = await res.text();
	let json: any = null;
	try {
		json = parseLossless(text);
	} catch {
		json = null;
	}
	return { status: res.status, headers: res.headers, text, json };
}

const get = (path: string, query?: Record<string, string>, o: CallOptions = {}) => call(path, undefined, { ...o, query });

function ok(r: CallResult): any {
	expect({ status: r.status, code: r.json?.code, desc: r.json?.desc }).toEqual({ status: 200, code: '0', desc: 'success' });
	expect(Object.keys(r.json)).toEqual(['code', 'desc', 'data']);
	return r.json.data;
}

function err(r: CallResult, code: string, desc?: string | RegExp): void {
	expect(r.status).toBe(200);
	expect(r.json).toEqual({ code, desc: expect.any(String), data: null });
	if (typeof desc === 'string') expect(r.json.desc).toBe(desc);
	else if (desc) expect(r.json.desc).toMatch(desc);
}

let n = 0;
const uuid = () => `${USERS.bot}-${(++n).toString(16).padStart(32, '0')}-${Date.now()}-${n}`;

function sendBody(extra: Record<string, unknown>): Record<string, unknown> {
	return { type: 'TEXT', content: 'hello', sendUuid: uuid(), ...extra };
}

async function tokenFor(relationId: string): Promise<string> {
	return sim.issueUnifiedToken(relationId);
}

beforeAll(async () => {
	sim = await RelationLabsSimulator.start();
});

afterAll(async () => {
	await sim.close();
});

beforeEach(() => {
	sim.reset();
	bot = sim.issueUnifiedToken(USERS.bot);
});

describe('headers and envelope', () => {
	test('ApiKey missing or wrong → HTTP 401 {code:"-1"}; the header name is case-insensitive', async () => {
		for (const apiKey of [null, 'wrong', '']) {
			const r = await get('message/unreadCount', undefined, { apiKey });
			expect(r.status).toBe(401);
			expect(r.json).toEqual({ code: '-1', desc: 'invalid ApiKey', data: null });
		}
		const r = await get('message/unreadCount', undefined, { apiKey: null, headers: { apikey: KEY } });
		ok(r);
		expect(r.headers.get('content-type')).toBe('application/json;charset=UTF-8');
	});

	test('the ApiKey check also guards /api/v1/auth and the optional-auth endpoints', async () => {
		const r1 = await call('auth', {}, { apiKey: null, token: null, headers: { 'I-Authorization': `Bearer ${sim.issueAddressToken()}` } });
		expect(r1.status).toBe(401);
		const r2 = await get('listAddress', { relationId: USERS.alice }, { apiKey: 'nope', token: null });
		expect(r2.status).toBe(401);
		expect(sim.stats.exchanges).toBe(0);
	});

	test('success envelope: {"code":"0","desc":"success","data":…} with string code', async () => {
		const r = await get('message/unreadCount');
		expect(r.text).toBe('{"code":"0","desc":"success","data":{"unreadCount":1,"mentionsCount":0}}');
	});

	test('unknown path 404 and wrong method 405 (Spring-style JSON)', async () => {
		const r = await get('message/recall');
		expect(r.status).toBe(404);
		expect(r.json).toEqual({ timestamp: expect.any(String), status: 404, error: 'Not Found', path: '/api/v1/message/recall' });
		const r2 = await call('message/list', {});
		expect(r2.status).toBe(405);
		expect(r2.json).toMatchObject({ status: 405, error: 'Method Not Allowed', path: '/api/v1/message/list' });
		expect(r2.headers.get('allow')).toBe('GET');
		const r3 = await get('message/send');
		expect(r3.status).toBe(405);
	});

	test('POST needs Content-Type application/json (else HTTP 415) and a JSON object body (else HTTP 400)', async () => {
		const body = sendBody({ channelUuid: SEED.group });
		let r = await call('message/send', body, { contentType: null });
		expect(r.status).toBe(415);
		expect(r.json).toMatchObject({ status: 415, error: 'Unsupported Media Type' });
		r = await call('message/send', body, { contentType: 'text/plain' });
		expect(r.status).toBe(415);
		r = await call('message/send', body, { contentType: 'application/x-www-form-urlencoded' });
		expect(r.status).toBe(415);
		r = await call('message/send', undefined, { raw: '{"type":', method: 'POST' });
		expect(r.status).toBe(400);
		r = await call('message/send', undefined, { raw: '', method: 'POST' });
		expect(r.status).toBe(400);
		r = await call('message/send', undefined, { raw: '[1]', method: 'POST' });
		expect(r.status).toBe(400);
		expect(sim.state.messages.get(SEED.group)).toHaveLength(2);
		r = await call('message/send', body, { contentType: 'Application/JSON; charset=UTF-8' });
		ok(r);
	});

	test('Authorization: missing or not "Bearer <token>" → 10101; "bearer"/"BEARER" accepted', async () => {
		err(await get('message/unreadCount', undefined, { token: null }), '10101', 'token error');
		err(await get('message/unreadCount', undefined, { token: null, headers: { Authorization: bot } }), '10101', 'token error');
		err(await get('message/unreadCount', undefined, { token: null, headers: { Authorization: `Token ${bot}` } }), '10101');
		err(await get('message/unreadCount', undefined, { token: null, headers: { Authorization: 'Bearer' } }), '10101');
		ok(await get('message/unreadCount', undefined, { token: null, headers: { Authorization: `bearer ${bot}` } }));
		ok(await get('message/unreadCount', undefined, { token: null, headers: { Authorization: `BEARER  ${bot}` } }));
	});

	test('token errors are checked before the body', async () => {
		const r = await call('message/send', {}, { token: 'x.y.z', contentType: 'text/plain' });
		err(r, '10101');
	});

	test('the request is recorded: headers, query, rawBody and the lossless body', async () => {
		const raw = `{"channelUuid":"${SEED.group}","type":"TEXT","content":"hi","sendUuid":"u-1","mentionedUser":["${USERS.alice}"],"big":1579047130798100481,"small":5}`;
		await call('message/send', undefined, { raw, method: 'POST' });
		const rec = sim.last('message/send')!;
		expect(rec.method).toBe('POST');
		expect(rec.path).toBe('/api/v1/message/send');
		expect(rec.headers.apikey).toBe(KEY);
		expect(rec.headers.authorization).toBe(`Bearer ${bot}`);
		expect(rec.rawBody).toBe(raw);
		expect(rec.body).toMatchObject({ big: '1579047130798100481', small: 5, mentionedUser: [USERS.alice] });
		expect(rec.response.status).toBe(200);
		expect(JSON.parse(rec.response.body).code).toBe('0');
		await get('message/list', { channelUuid: SEED.group, limit: '2' });
		expect(sim.last()!.query).toEqual({ channelUuid: SEED.group, limit: '2' });
		expect(sim.requestsFor('send')).toHaveLength(1);
		expect(sim.requestsFor('/api/v1/message/list')).toHaveLength(1);
	});
});

describe('tokens', () => {
	test('addressAuthToken: ES256-shaped JWT whose sub holds the address (7 days by default)', () => {
		const t = sim.issueAddressToken();
		const d = decodeJwt(t)!;
		expect(d.header).toEqual({ typ: 'JWT', alg: 'ES256' });
		expect(JSON.parse(d.payload.sub as string)).toEqual({ accountSource: 'eth', address: ADDRESSES.bot, userPrincipal: '' });
		expect((d.payload.exp as number) - (d.payload.iat as number)).toBe(604800);
		expect(d.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
		const t2 = decodeJwt(sim.issueAddressToken({ ttlMs: 60000 }))!;
		expect((t2.payload.exp as number) - (t2.payload.iat as number)).toBe(60);
	});

	test('exchange: POST /api/v1/auth with I-Authorization → unifiedAuthToken (iss, sub, 7 days, jti)', async () => {
		const addressToken = sim.issueAddressToken();
		const r = await call('auth', { inviteCode: '' }, { token: null, headers: { 'I-Authorization': `Bearer ${addressToken}` } });
		const data = ok(r);
		expect(Object.keys(data)).toEqual(['token']);
		const d = decodeJwt(data.token)!;
		expect(d.header).toEqual({ alg: 'ES256' });
		expect(Object.keys(d.payload)).toEqual(['jti', 'iss', 'iat', 'sub', 'exp']);
		expect(d.payload).toMatchObject({ iss: 'relationlabs.ai', sub: USERS.bot });
		expect(d.payload.jti).toMatch(/^[0-9a-f]{32}$/);
		expect((d.payload.exp as number) - (d.payload.iat as number)).toBe(604800);
		expect(Math.abs((d.payload.iat as number) - Math.floor(sim.now() / 1000))).toBeLessThanOrEqual(1);
		expect(sim.stats.exchanges).toBe(1);
		// it works, and a second exchange gives another token
		const me = ok(await get('userInfo', undefined, { token: data.token }));
		expect(me).toEqual({ relationId: USERS.bot, name: 'n8n bot', avatar: expect.any(String) });
		const again = ok(await call('auth', {}, { token: null, headers: { 'i-authorization': `bearer ${addressToken}` } }));
		expect(again.token).not.toBe(data.token);
		expect(sim.stats.exchanges).toBe(2);
	});

	test('issueAddressToken for another relation / address; accounts are created', async () => {
		const t = sim.issueAddressToken({ relationId: USERS.alice });
		const data = ok(await call('auth', {}, { token: null, headers: { 'I-Authorization': `Bearer ${t}` } }));
		expect(decodeJwt(data.token)!.payload.sub).toBe(USERS.alice);
		const addr = '0x' + 'ab'.repeat(20);
		const t2 = sim.issueAddressToken({ address: addr, name: 'Newbie' });
		const d2 = ok(await call('auth', {}, { token: null, headers: { 'I-Authorization': `Bearer ${t2}` } }));
		const sub = decodeJwt(d2.token)!.payload.sub as string;
		expect(sub).toMatch(/^[a-z2-7]{5}-[a-z2-7]{2}aaa-aaaaj-[a-z2-7]{4}q-cai$/);
		expect(ok(await get('userInfo', { address: addr }))).toMatchObject({ relationId: sub, name: 'Newbie' });
		const t3 = sim.issueAddressToken({ relationId: 'abcde-fgaaa-aaaaj-hijkq-cai', name: 'Eve' });
		const d3 = ok(await call('auth', {}, { token: null, headers: { 'I-Authorization': `Bearer ${t3}` } }));
		expect(ok(await get('userInfo', undefined, { token: d3.token }))).toMatchObject({ relationId: 'abcde-fgaaa-aaaaj-hijkq-cai', name: 'Eve' });
		expect(() => sim.issueAddressToken({ relationId: USERS.bob, address: ADDRESSES.alice })).toThrow(/belongs to/);
	});

	test('an unknown address registers a new account at the exchange (name and inviteCode from the body)', async () => {
		const addr = '0x' + 'cd'.repeat(20);
		const t = sim.issueAddressToken({ address: addr });
		sim.reset(); // forget the account; the token stays valid
		const data = ok(await call('auth', { inviteCode: USERS.alice, name: 'Fresh' }, { token: null, headers: { 'I-Authorization': `Bearer ${t}` } }));
		const user = sim.state.findUser(addr)!;
		expect(user).toMatchObject({ name: 'Fresh', inviteCode: USERS.alice });
		expect(decodeJwt(data.token)!.payload.sub).toBe(user.relationId);
	});

	test('exchange errors: no/garbled/forged/expired address token, unified token in its place, bad body', async () => {
		const h = (v: string) => ({ token: null, headers: { 'I-Authorization': v } });
		err(await call('auth', {}, { token: null }), '10101', 'token error');
		err(await call('auth', {}, h('Bearer nonsense')), '10101');
		err(await call('auth', {}, h(`Bearer ${bot}`)), '10101');
		const t = sim.issueAddressToken();
		err(await call('auth', {}, h(t)), '10101');
		const [hd, , sig] = t.split('.');
		const forgedPayload = Buffer.from(JSON.stringify({ sub: JSON.stringify({ accountSource: 'eth', address: ADDRESSES.alice, userPrincipal: '' }), iat: 1, exp: 9999999999, jti: 'x' })).toString('base64url');
		err(await call('auth', {}, h(`Bearer ${hd}.${forgedPayload}.${sig}`)), '10101');
		const short = sim.issueAddressToken({ ttlMs: 1000 });
		sim.advance(2000);
		err(await call('auth', {}, h(`Bearer ${short}`)), '10100', 'token expired');
		err(await call('auth', { inviteCode: 5 }, h(`Bearer ${t}`)), '10112');
		expect((await call('auth', {}, { ...h(`Bearer ${t}`), contentType: 'text/plain' })).status).toBe(415);
		expect(sim.stats.exchanges).toBe(0);
		// the Authorization header is not what /api/v1/auth looks at
		err(await call('auth', {}, { token: bot }), '10101');
	});

	test('unifiedAuthToken lives 7 days on the simulated clock, then 10100 token expired', async () => {
		const t = ok(await call('auth', {}, { token: null, headers: { 'I-Authorization': `Bearer ${sim.issueAddressToken()}` } })).token;
		sim.advance(7 * DAY_MS - 60000);
		ok(await get('message/unreadCount', undefined, { token: t }));
		sim.advance(61000);
		err(await get('message/unreadCount', undefined, { token: t }), '10100', 'token expired');
		// a fresh exchange works again (the address token was issued 7 days ago: also expired)
		const fresh = sim.issueAddressToken();
		const t2 = ok(await call('auth', {}, { token: null, headers: { 'I-Authorization': `Bearer ${fresh}` } })).token;
		ok(await get('message/unreadCount', undefined, { token: t2 }));
	});

	test('unifiedTokenTtlMs option', async () => {
		const s = await RelationLabsSimulator.start({ unifiedTokenTtlMs: 60000 });
		try {
			const t = ok(await call('auth', {}, { token: null, headers: { 'I-Authorization': `Bearer ${s.issueAddressToken()}` } }, s)).token;
			const d = decodeJwt(t)!;
			expect((d.payload.exp as number) - (d.payload.iat as number)).toBe(60);
			ok(await call('message/unreadCount', undefined, { token: t }, s));
			s.advance(61000);
			err(await call('message/unreadCount', undefined, { token: t }, s), '10100');
		} finally {
			await s.close();
		}
	});

	test('forged or altered tokens → 10101 token error', async () => {
		const [h, p, s] = bot.split('.');
		const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
		const swap = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
		const cases = [
			`${h}.${swap({ ...payload, sub: USERS.alice })}.${s}`,
			`${h}.${swap({ ...payload, exp: payload.exp + 1 })}.${s}`,
			`${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BB' : 'AA'}`,
			`${h}.${p}.`,
			`${swap({ alg: 'none' })}.${p}.`,
			`${swap({ alg: 'HS256' })}.${p}.${s}`,
			`${h}.${p}`,
			'not-a-jwt',
			sim.issueAddressToken(),
		];
		for (const t of cases) err(await get('message/unreadCount', undefined, { token: t }), '10101', 'token error');
		ok(await get('message/unreadCount'));
	});

	test('wrong issuer → 10102; expiresAt in the past → 10100', async () => {
		err(await get('message/unreadCount', undefined, { token: sim.issueUnifiedToken(USERS.bot, { issuer: 'evil.example' }) }), '10102', 'token issuer error');
		err(await get('message/unreadCount', undefined, { token: sim.issueUnifiedToken(USERS.bot, { expiresAt: sim.now() - 1000 }) }), '10100', 'token expired');
		const soon = sim.issueUnifiedToken(USERS.bot, { expiresAt: sim.now() + 5000 });
		ok(await get('message/unreadCount', undefined, { token: soon }));
		sim.advance(5000);
		err(await get('message/unreadCount', undefined, { token: soon }), '10100');
	});

	test('expireTokens(): every token issued so far answers 10100; new ones work', async () => {
		const viaApi = ok(await call('auth', {}, { token: null, headers: { 'I-Authorization': `Bearer ${sim.issueAddressToken()}` } })).token;
		const alice = sim.issueUnifiedToken(USERS.alice);
		sim.expireTokens();
		for (const t of [bot, viaApi, alice]) err(await get('message/unreadCount', undefined, { token: t }), '10100');
		ok(await get('message/unreadCount', undefined, { token: sim.issueUnifiedToken(USERS.bot) }));
	});

	test('a token for an unknown relationId creates that account', async () => {
		const t = sim.issueUnifiedToken('zzzzz-zzaaa-aaaaj-zzzzq-cai');
		expect(ok(await get('userInfo', undefined, { token: t })).relationId).toBe('zzzzz-zzaaa-aaaaj-zzzzq-cai');
	});
});

describe('message/send', () => {
	test('to a group: {channelUuid, id} with a 19-digit string id; stored with every field', async () => {
		const r = await call('message/send', { type: 'TEXT', channelUuid: SEED.group, toRelationId: null, content: 'hello', sendUuid: 'abc-1', mentionedUser: [USERS.alice] });
		const data = ok(r);
		expect(Object.keys(data)).toEqual(['channelUuid', 'id']);
		expect(data).toEqual({ channelUuid: SEED.group, id: '1900000000000000001' });
		expect(r.text).toContain('"id":"1900000000000000001"');
		const stored = sim.state.messages.get(SEED.group)!.at(-1)!;
		expect(stored).toMatchObject({ id: data.id, sendUuid: 'abc-1', from: USERS.bot, fromName: 'n8n bot', type: 'TEXT', content: 'hello', quoteId: null, mentionedUser: [USERS.alice], hidden: false });
		expect(Math.abs(stored.createAt - sim.now())).toBeLessThan(1000);
		const next = ok(await call('message/send', sendBody({ channelUuid: SEED.group })));
		expect(BigInt(next.id)).toBeGreaterThan(BigInt(data.id));
	});

	test('a DM by toRelationId alone creates (then reuses) the p2p channel', async () => {
		const a = ok(await call('message/send', sendBody({ toRelationId: USERS.bob, content: 'hi bob' })));
		expect(a.channelUuid).toMatch(/^[0-9a-f]{32}$/);
		const ch = sim.state.channels.get(a.channelUuid)!;
		expect(ch.type).toBe('P');
		expect(ch.members.map((m) => m.relationId).sort()).toEqual([USERS.bot, USERS.bob].sort());
		const b = ok(await call('message/send', sendBody({ toRelationId: USERS.bob })));
		expect(b.channelUuid).toBe(a.channelUuid);
		const c = ok(await call('message/send', sendBody({ toRelationId: USERS.alice })));
		expect(c.channelUuid).toBe(SEED.dmAlice);
		// by channelUuid of the p2p chat too
		ok(await call('message/send', sendBody({ channelUuid: a.channelUuid })));
		// bob sees it unread
		expect(ok(await get('message/unreadCount', undefined, { token: await tokenFor(USERS.bob) }))).toEqual({ unreadCount: 5, mentionsCount: 0 });
	});

	test('10112: neither channelUuid nor toRelationId (null/empty count as missing)', async () => {
		err(await call('message/send', sendBody({})), '10112', 'parameter error');
		err(await call('message/send', sendBody({ channelUuid: null, toRelationId: null })), '10112', 'parameter error');
		err(await call('message/send', sendBody({ channelUuid: '', toRelationId: '' })), '10112', 'parameter error');
	});

	test('10112: type, content, sendUuid required strings; mentionedUser array of strings', async () => {
		for (const bad of [
			{ type: undefined },
			{ type: '' },
			{ type: 1 },
			{ content: undefined },
			{ content: '' },
			{ content: { text: 'x' } },
			{ sendUuid: undefined },
			{ sendUuid: '' },
			{ sendUuid: 123 },
			{ mentionedUser: USERS.alice },
			{ mentionedUser: [1] },
			{ channelUuid: 42 },
		]) {
			const body: Record<string, unknown> = { ...sendBody({ channelUuid: SEED.group }), ...bad };
			for (const k of Object.keys(bad)) if ((bad as Record<string, unknown>)[k] === undefined) delete body[k];
			err(await call('message/send', body), '10112', /^parameter error: /);
		}
		expect(sim.state.messages.get(SEED.group)).toHaveLength(2);
	});

	test('quoteId must be a JSON string of digits that exists in the channel; a bare number → 10112 "quoteId must be a string"', async () => {
		const raw = `{"type":"TEXT","channelUuid":"${SEED.group}","toRelationId":null,"content":"hello","sendUuid":"q-1","quoteId":1579047130798100481,"mentionedUser":["${USERS.alice}"]}`;
		err(await call('message/send', undefined, { raw, method: 'POST' }), '10112', 'quoteId must be a string');
		expect(sim.last('message/send')!.body.quoteId).toBe('1579047130798100481');
		err(await call('message/send', sendBody({ channelUuid: SEED.group, quoteId: 5 })), '10112', 'quoteId must be a string');
		err(await call('message/send', sendBody({ channelUuid: SEED.group, quoteId: 'abc' })), '10112');
		err(await call('message/send', sendBody({ channelUuid: SEED.group, quoteId: '1579047130798100480' })), '10112', /not found/);
		err(await call('message/send', sendBody({ channelUuid: SEED.group, quoteId: SEED.msgAliceDm })), '10112', /not found/);
		const d = ok(await call('message/send', sendBody({ channelUuid: SEED.group, quoteId: SEED.msgAliceHello, content: 'quoting' })));
		const list = ok(await get('message/list', { channelUuid: SEED.group, limit: '1' }));
		expect(list[0]).toMatchObject({ id: d.id, content: 'quoting', quote: { id: SEED.msgAliceHello, content: 'hello everyone', from: USERS.alice, quote: null } });
	});

	test('sendUuid is idempotent per sender: the same id again, nothing posted twice', async () => {
		const body = sendBody({ channelUuid: SEED.group, sendUuid: 'retry-me' });
		const a = ok(await call('message/send', body));
		const b = ok(await call('message/send', body));
		expect(b).toEqual(a);
		expect(sim.stats.duplicateSendUuids).toBe(1);
		expect(sim.state.messages.get(SEED.group)).toHaveLength(3);
		// even when the retry names another target: the first answer stands
		expect(ok(await call('message/send', { ...body, channelUuid: undefined, toRelationId: USERS.bob }))).toEqual(a);
		expect(sim.stats.duplicateSendUuids).toBe(2);
		// another sender with the same sendUuid posts its own message
		const c = ok(await call('message/send', body, { token: await tokenFor(USERS.alice) }));
		expect(c.id).not.toBe(a.id);
		expect(sim.state.messages.get(SEED.group)).toHaveLength(4);
		// a refused send does not take the sendUuid
		err(await call('message/send', sendBody({ channelUuid: SEED.otherGroup, sendUuid: 'later' })), '13108');
		ok(await call('message/send', sendBody({ channelUuid: SEED.group, sendUuid: 'later' })));
		expect(sim.stats.duplicateSendUuids).toBe(2);
	});

	test('13108 in a group the sender is not in; 13301 to a user who blocks strangers', async () => {
		err(await call('message/send', sendBody({ channelUuid: SEED.otherGroup })), '13108', 'Not the member of this group');
		err(await call('message/send', sendBody({ toRelationId: USERS.carol })), '13301', 'block stranger messages');
		expect(sim.state.findP2P(USERS.bot, USERS.carol)).toBeUndefined();
		// carol follows alice, so alice may write to her
		ok(await call('message/send', sendBody({ toRelationId: USERS.carol }), { token: await tokenFor(USERS.alice) }));
		// once carol follows the bot, the bot may write too; after unfollowing, the p2p chat is refused again
		ok(await call('follow', { address: USERS.bot }, { token: await tokenFor(USERS.carol) }));
		const dm = ok(await call('message/send', sendBody({ toRelationId: USERS.carol })));
		ok(await call('unfollow', { address: USERS.bot }, { token: await tokenFor(USERS.carol) }));
		err(await call('message/send', sendBody({ channelUuid: dm.channelUuid })), '13301');
	});

	test('other refusals: unknown channel 10112, unknown user 11602, yourself 10112, dismissed 13104, mismatched p2p 10112', async () => {
		err(await call('message/send', sendBody({ channelUuid: 'ffffffffffffffffffffffffffffffff' })), '10112', /not found/);
		err(await call('message/send', sendBody({ toRelationId: 'nobody-aaaaa-aaaaj-aaaaa-cai' })), '11602');
		err(await call('message/send', sendBody({ toRelationId: USERS.bot })), '10112');
		err(await call('message/send', sendBody({ channelUuid: SEED.dmAlice, toRelationId: USERS.bob })), '10112');
		ok(await call('message/send', sendBody({ channelUuid: SEED.dmAlice, toRelationId: USERS.alice })));
		ok(await call('channel/disband', { channelUuid: SEED.group }));
		err(await call('message/send', sendBody({ channelUuid: SEED.group })), '13104', 'chat dismissed');
	});

	test('numericIds: ids written as bare 19-digit numbers with every digit', async () => {
		const s = await RelationLabsSimulator.start({ numericIds: true });
		try {
			const t = s.issueUnifiedToken(USERS.bot);
			const r = await call('message/send', sendBody({ channelUuid: SEED.group, quoteId: SEED.msgBotHello }), { token: t }, s);
			expect(r.text).toBe(`{"code":"0","desc":"success","data":{"channelUuid":"${SEED.group}","id":1900000000000000001}}`);
			expect(JSON.parse(r.text).data.id).not.toBe(1900000000000000001n.toString()); // JSON.parse rounds it
			expect(r.json.data.id).toBe('1900000000000000001');
			const list = await call('message/list', undefined, { token: t, query: { channelUuid: SEED.group, limit: '2' } }, s);
			expect(list.text).toContain('"id":1900000000000000001,');
			expect(list.text).toContain(`"quote":{"id":${SEED.msgBotHello},`);
			expect(list.text).toContain(`"id":${SEED.msgBotHello},`);
			expect(list.text).toMatch(/"createAt":"\d{13}"/);
			expect(list.json.data.map((m: any) => m.id)).toEqual(['1900000000000000001', SEED.msgBotHello]);
			// a channelUuid of 32 hex digits and other digit strings stay strings
			expect(list.text).toContain(`"channelUuid":"${SEED.group}"`);
		} finally {
			await s.close();
		}
	});
});

describe('message/list, read, hide, unreadCount', () => {
	test('list: MessageInfo newest first, createAt as a string, quote one level deep', async () => {
		const list = ok(await get('message/list', { channelUuid: SEED.group }));
		expect(list).toEqual([
			{
				id: SEED.msgBotHello,
				sendUuid: expect.stringMatching(/^dhkyq-sqaaa-aaaaj-sgz3q-cai-[0-9a-f]{32}-\d{13}-\d+$/),
				channelUuid: SEED.group,
				createAt: '1665371575954',
				type: 'TEXT',
				from: USERS.bot,
				fromName: 'n8n bot',
				fromAvatar: expect.stringMatching(/^https:/),
				content: 'hello',
				quote: {
					id: SEED.msgAliceHello,
					sendUuid: expect.any(String),
					channelUuid: SEED.group,
					createAt: String(1665371575954 - 3600000),
					type: 'TEXT',
					from: USERS.alice,
					fromName: 'Alice',
					fromAvatar: expect.any(String),
					content: 'hello everyone',
					quote: null,
				},
			},
			expect.objectContaining({ id: SEED.msgAliceHello, quote: null }),
		]);
	});

	test('list: limit (default 10, 1..100) and maxCreateAt (inclusive) paging; by toRelationId', async () => {
		const t0 = sim.now() - 60000;
		for (let i = 0; i < 12; i++) sim.postMessage({ channelUuid: SEED.group, from: USERS.bob, content: `m${i}`, createAt: t0 + i * 1000 });
		const first = ok(await get('message/list', { channelUuid: SEED.group, maxCreateAt: String(sim.now()) }));
		expect(first.map((m: any) => m.content)).toEqual(['m11', 'm10', 'm9', 'm8', 'm7', 'm6', 'm5', 'm4', 'm3', 'm2']);
		const older = ok(await get('message/list', { channelUuid: SEED.group, maxCreateAt: first[9].createAt, limit: '5' }));
		expect(older.map((m: any) => m.content)).toEqual(['m2', 'm1', 'm0', 'hello', 'hello everyone']);
		expect(ok(await get('message/list', { channelUuid: SEED.group, maxCreateAt: String(t0 - 1) })).map((m: any) => m.id)).toEqual([SEED.msgBotHello, SEED.msgAliceHello]);
		// default maxCreateAt = now: a message in the future is not listed yet
		sim.postMessage({ channelUuid: SEED.group, from: USERS.bob, content: 'future', createAt: sim.now() + 3600000 });
		expect(ok(await get('message/list', { channelUuid: SEED.group, limit: '1' }))[0].content).toBe('m11');
		expect(ok(await get('message/list', { toRelationId: USERS.alice })).map((m: any) => m.id)).toEqual([SEED.msgAliceDm]);
		expect(ok(await get('message/list', { toRelationId: USERS.bob }))).toEqual([]);
	});

	test('list errors: 10112 without channel, bad limit/maxCreateAt; 10120 not a member; 11602 unknown user', async () => {
		err(await get('message/list'), '10112', 'parameter error');
		err(await get('message/list', { channelUuid: SEED.group, limit: '0' }), '10112');
		err(await get('message/list', { channelUuid: SEED.group, limit: '101' }), '10112');
		err(await get('message/list', { channelUuid: SEED.group, limit: 'ten' }), '10112');
		err(await get('message/list', { channelUuid: SEED.group, maxCreateAt: '2024-01-01' }), '10112');
		err(await get('message/list', { channelUuid: SEED.otherGroup }), '10120', 'permission denied');
		err(await get('message/list', { toRelationId: 'nobody' }), '11602');
		ok(await get('message/list', { channelUuid: SEED.group, limit: '100' }));
	});

	test('unreadCount counts incoming unread messages; postMessage raises it, message/read resets one channel', async () => {
		expect(ok(await get('message/unreadCount'))).toEqual({ unreadCount: 1, mentionsCount: 0 });
		sim.postMessage({ channelUuid: SEED.group, from: USERS.bob, content: 'hey @bot', mentionedUser: [USERS.bot] });
		sim.postMessage({ from: USERS.alice, content: 'ping' });
		ok(await call('message/send', sendBody({ channelUuid: SEED.group })));
		expect(ok(await get('message/unreadCount'))).toEqual({ unreadCount: 3, mentionsCount: 1 });
		const r = await call('message/read', { channelUuid: SEED.group, total: 1 });
		expect(ok(r)).toBe(1);
		expect(r.text).toBe('{"code":"0","desc":"success","data":1}');
		expect(ok(await get('message/unreadCount'))).toEqual({ unreadCount: 2, mentionsCount: 0 });
		ok(await call('message/read', { channelUuid: SEED.dmAlice, total: 2 }));
		expect(ok(await get('message/unreadCount'))).toEqual({ unreadCount: 0, mentionsCount: 0 });
		expect(sim.state.chat(USERS.bot, SEED.dmAlice).lastRead).toEqual({ at: expect.any(Number), total: 2 });
	});

	test('read errors: 10112 missing/invalid total or channel; 10120 not a member', async () => {
		err(await call('message/read', { channelUuid: SEED.group }), '10112');
		err(await call('message/read', { channelUuid: SEED.group, total: '1' }), '10112');
		err(await call('message/read', { channelUuid: SEED.group, total: -1 }), '10112');
		err(await call('message/read', { total: 1 }), '10112');
		err(await call('message/read', { channelUuid: SEED.otherGroup, total: 1 }), '10120');
	});

	test('hide: only your own messages; hidden ones leave message/list', async () => {
		const d = ok(await call('message/send', sendBody({ channelUuid: SEED.group, content: 'oops' })));
		expect(ok(await call('message/hide', { id: d.id, sendUuid: 'whatever' }))).toBeNull();
		expect(ok(await get('message/list', { channelUuid: SEED.group })).map((m: any) => m.id)).toEqual([SEED.msgBotHello, SEED.msgAliceHello]);
		expect(sim.state.findMessage(d.id)!.hidden).toBe(true);
		ok(await call('message/hide', { id: d.id }));
		err(await call('message/hide', { id: SEED.msgAliceHello }), '10120');
		err(await call('message/hide', { id: '1234567890123456789' }), '10112', /not found/);
		err(await call('message/hide', {}), '10112');
		err(await call('message/hide', undefined, { raw: `{"id":${SEED.msgBotHello}}`, method: 'POST' }), '10112', 'id must be a string');
		// hiding a quoted message drops the quote from listings
		ok(await call('message/hide', { id: SEED.msgBotHello }));
		const q = ok(await call('message/send', sendBody({ channelUuid: SEED.group, quoteId: SEED.msgAliceHello })));
		ok(await call('message/hide', { id: SEED.msgAliceHello }, { token: await tokenFor(USERS.alice) }));
		expect(ok(await get('message/list', { channelUuid: SEED.group }))).toEqual([expect.objectContaining({ id: q.id, quote: null })]);
	});
});

describe('channels', () => {
	test('create G: caller is admin; info and members', async () => {
		const d = ok(await call('channel/create', { name: 'Ops', type: 'G', members: [USERS.alice, USERS.bob, USERS.alice] }));
		expect(Object.keys(d)).toEqual(['channelUuid']);
		expect(d.channelUuid).toMatch(/^[0-9a-f]{32}$/);
		const info = ok(await get('channel/info', { channelUuid: d.channelUuid }));
		expect(info).toEqual({
			uuid: d.channelUuid,
			name: 'Ops',
			icon: '',
			announcement: '',
			pinAnnouncement: false,
			openAccess: true,
			type: 'G',
			mute: false,
			pin: false,
			members: [
				{ relationId: USERS.bot, name: 'n8n bot', avatar: expect.any(String), isAdmin: true },
				{ relationId: USERS.alice, name: 'Alice', avatar: expect.any(String), isAdmin: false },
				{ relationId: USERS.bob, name: 'Bob', avatar: expect.any(String), isAdmin: false },
			],
		});
		expect(ok(await get('channel/members', { channelUuid: d.channelUuid }))).toEqual(info.members);
		expect(ok(await get('channel/isAdmin', { channelUuid: d.channelUuid }))).toBe(true);
		expect(ok(await get('channel/isAdmin', { channelUuid: d.channelUuid }, { token: await tokenFor(USERS.alice) }))).toBe(false);
		ok(await call('message/send', sendBody({ channelUuid: d.channelUuid })));
	});

	test('create: 13101 bad type; 10112 name/members; P reuses the p2p chat', async () => {
		err(await call('channel/create', { name: 'x', type: 'X', members: [] }), '13101', 'group type error');
		err(await call('channel/create', { name: 'x', type: 'g', members: [] }), '13101');
		err(await call('channel/create', { name: 'x', members: [] }), '10112');
		err(await call('channel/create', { type: 'G', members: [] }), '10112');
		err(await call('channel/create', { name: 'x', type: 'G' }), '10112');
		err(await call('channel/create', { name: 'x', type: 'G', members: ['nobody'] }), '10112', /nobody/);
		err(await call('channel/create', { name: 'x', type: 'P', members: [] }), '10112');
		err(await call('channel/create', { name: 'x', type: 'P', members: [USERS.bot] }), '10112');
		expect(ok(await call('channel/create', { name: '', type: 'P', members: [USERS.alice, USERS.bob] }))).toEqual({ channelUuid: SEED.dmAlice });
		const p = ok(await call('channel/create', { name: '', type: 'P', members: [USERS.dave] }));
		expect(sim.state.channels.get(p.channelUuid)!.type).toBe('P');
		expect(ok(await call('message/send', sendBody({ toRelationId: USERS.dave }))).channelUuid).toBe(p.channelUuid);
		ok(await call('channel/create', { name: 'empty', type: 'G', members: [] }));
	});

	test('join: open G groups; 13302 already joined; 13109 p2p; 13104 dismissed', async () => {
		expect(ok(await call('channel/join', { channelUuid: SEED.otherGroup }))).toBeNull();
		expect(ok(await get('message/list', { channelUuid: SEED.otherGroup })).map((m: any) => m.id)).toEqual([SEED.msgDaveClub]);
		ok(await call('message/send', sendBody({ channelUuid: SEED.otherGroup })));
		err(await call('channel/join', { channelUuid: SEED.otherGroup }), '13302', 'already joined');
		err(await call('channel/join', { channelUuid: SEED.dmAlice }), '13109', 'group type not supported');
		err(await call('channel/join', { channelUuid: 'nope' }), '10112');
		ok(await call('channel/disband', { channelUuid: SEED.otherGroup }, { token: await tokenFor(USERS.dave) }));
		err(await call('channel/join', { channelUuid: SEED.otherGroup }, { token: await tokenFor(USERS.bob) }), '13104');
	});

	test('members/add (any member), members/remove (admin only, 13107) → removed users get 13102', async () => {
		expect(ok(await call('channel/members/add', { channelUuid: SEED.group, members: [USERS.dave, USERS.alice] }))).toBeNull();
		expect(ok(await get('channel/members', { channelUuid: SEED.group })).map((m: any) => m.relationId)).toEqual([USERS.bot, USERS.alice, USERS.bob, USERS.dave]);
		err(await call('channel/members/add', { channelUuid: SEED.otherGroup, members: [USERS.bob] }), '13108');
		err(await call('channel/members/add', { channelUuid: SEED.dmAlice, members: [USERS.bob] }), '13109');
		err(await call('channel/members/add', { channelUuid: SEED.group, members: [] }), '10112');
		err(await call('channel/members/add', { channelUuid: SEED.group, members: ['ghost'] }), '10112');
		const alice = await tokenFor(USERS.alice);
		err(await call('channel/members/remove', { channelUuid: SEED.group, members: [USERS.bob] }, { token: alice }), '13107', 'not the admin of this channel');
		err(await call('channel/members/remove', { channelUuid: SEED.group, members: [USERS.bot] }), '10112');
		err(await call('channel/members/remove', { channelUuid: SEED.dmAlice, members: [USERS.alice] }), '13109');
		ok(await call('channel/members/remove', { channelUuid: SEED.group, members: [USERS.bob] }));
		const bob = await tokenFor(USERS.bob);
		err(await get('channel/info', { channelUuid: SEED.group }, { token: bob }), '13102', 'removed from the chat');
		err(await get('channel/members', { channelUuid: SEED.group }, { token: bob }), '13102');
		err(await call('message/send', sendBody({ channelUuid: SEED.group }), { token: bob }), '13108');
		err(await get('message/list', { channelUuid: SEED.group }, { token: bob }), '10120');
		const chats = ok(await get('userChannels/list', undefined, { token: bob }));
		expect(chats.list.find((c: any) => c.channelUuid === SEED.group)).toMatchObject({ status: 2, unreadMessageCount: 0 });
		// re-added: a member again
		ok(await call('channel/members/add', { channelUuid: SEED.group, members: [USERS.bob] }));
		ok(await get('channel/info', { channelUuid: SEED.group }, { token: bob }));
	});

	test('members/leave → 13103 for the leaver; an admin leaving hands admin to the next member', async () => {
		const alice = await tokenFor(USERS.alice);
		expect(ok(await call('channel/members/leave', { channelUuid: SEED.group }, { token: alice }))).toBeNull();
		err(await get('channel/info', { channelUuid: SEED.group }, { token: alice }), '13103', 'left the chat');
		err(await call('channel/members/leave', { channelUuid: SEED.group }, { token: alice }), '13108');
		err(await call('channel/members/leave', { channelUuid: SEED.dmAlice }), '13109');
		const list = ok(await get('userChannels/list', undefined, { token: alice }));
		expect(list.list.find((c: any) => c.channelUuid === SEED.group).status).toBe(1);
		ok(await call('channel/members/leave', { channelUuid: SEED.group }));
		expect(ok(await get('channel/members', { channelUuid: SEED.group }, { token: await tokenFor(USERS.bob) }))).toEqual([expect.objectContaining({ relationId: USERS.bob, isAdmin: true })]);
	});

	test('disband (admin only) → 13104 everywhere; status 3 in the chat list', async () => {
		err(await call('channel/disband', { channelUuid: SEED.group }, { token: await tokenFor(USERS.alice) }), '13107');
		err(await call('channel/disband', { channelUuid: SEED.otherGroup }), '13108');
		err(await call('channel/disband', { channelUuid: SEED.dmAlice }), '13109');
		expect(ok(await call('channel/disband', { channelUuid: SEED.group }))).toBeNull();
		err(await get('channel/info', { channelUuid: SEED.group }), '13104', 'chat dismissed');
		err(await get('channel/members', { channelUuid: SEED.group }), '13104');
		err(await call('channel/disband', { channelUuid: SEED.group }), '13104');
		err(await get('message/list', { channelUuid: SEED.group }), '10120');
		expect(ok(await get('channel/isAdmin', { channelUuid: SEED.group }))).toBe(false);
		const list = ok(await get('userChannels/list'));
		expect(list.list.find((c: any) => c.channelUuid === SEED.group)).toMatchObject({ status: 3, unreadMessageCount: 0 });
	});

	test('ownerTransfer: admin only; the new admin must be a member', async () => {
		err(await call('channel/ownerTransfer', { channelUuid: SEED.group, relationId: USERS.dave }), '13108');
		err(await call('channel/ownerTransfer', { channelUuid: SEED.group, relationId: USERS.bot }), '10112');
		err(await call('channel/ownerTransfer', { channelUuid: SEED.group }), '10112');
		expect(ok(await call('channel/ownerTransfer', { channelUuid: SEED.group, relationId: USERS.alice }))).toBeNull();
		expect(ok(await get('channel/isAdmin', { channelUuid: SEED.group }))).toBe(false);
		expect(ok(await get('channel/isAdmin', { channelUuid: SEED.group }, { token: await tokenFor(USERS.alice) }))).toBe(true);
		err(await call('channel/ownerTransfer', { channelUuid: SEED.group, relationId: USERS.bob }), '13107');
	});

	test('info: members only (13108 never joined, 10112 unknown); p2p info named after the other user', async () => {
		err(await get('channel/info', { channelUuid: SEED.otherGroup }), '13108');
		err(await get('channel/info', { channelUuid: 'nope' }), '10112');
		err(await get('channel/info'), '10112');
		expect(ok(await get('channel/info', { channelUuid: SEED.dmAlice }))).toMatchObject({ name: 'Alice', type: 'P', openAccess: false, members: [expect.objectContaining({ isAdmin: false }), expect.objectContaining({ isAdmin: false })] });
		expect(ok(await get('channel/isAdmin', { channelUuid: SEED.otherGroup }))).toBe(false);
		err(await get('channel/isAdmin', { channelUuid: 'nope' }), '10112');
	});

	test('announcement get/update', async () => {
		expect(ok(await get('channel/announcement/get', { channelUuid: SEED.group }))).toEqual({ announcement: 'Welcome! Be nice.', pinAnnouncement: false });
		expect(ok(await call('channel/announcement/update', { channelUuid: SEED.group, announcement: 'Maintenance at 10', pinAnnouncement: true }))).toBeNull();
		expect(ok(await get('channel/announcement/get', { channelUuid: SEED.group }, { token: await tokenFor(USERS.bob) }))).toEqual({ announcement: 'Maintenance at 10', pinAnnouncement: true });
		expect(ok(await get('channel/info', { channelUuid: SEED.group }))).toMatchObject({ announcement: 'Maintenance at 10', pinAnnouncement: true });
		err(await call('channel/announcement/update', { channelUuid: SEED.group, announcement: 'x' }, { token: await tokenFor(USERS.alice) }), '13107');
		err(await call('channel/announcement/update', { channelUuid: SEED.group }), '10112');
		err(await call('channel/announcement/update', { channelUuid: SEED.group, announcement: 'x', pinAnnouncement: 'yes' }), '10112');
		ok(await call('channel/announcement/update', { channelUuid: SEED.group, announcement: '' }));
		err(await get('channel/announcement/get', { channelUuid: SEED.otherGroup }), '13108');
	});

	test('channel/update renames (admin only)', async () => {
		expect(ok(await call('channel/update', { channelUuid: SEED.group, channelName: 'Renamed', channelIcon: 'https://x.invalid/i.png' }))).toBeNull();
		expect(ok(await get('channel/info', { channelUuid: SEED.group }))).toMatchObject({ name: 'Renamed', icon: 'https://x.invalid/i.png' });
		err(await call('channel/update', { channelUuid: SEED.group, channelName: '' }), '10112');
		err(await call('channel/update', { channelUuid: SEED.group, channelName: 'x' }, { token: await tokenFor(USERS.bob) }), '13107');
		err(await call('channel/update', { channelUuid: SEED.dmAlice, channelName: 'x' }), '13109');
	});
});

describe('userChannels', () => {
	test('list: the caller chats, newest first, with counters and last message', async () => {
		const r = ok(await get('userChannels/list'));
		expect(r).toEqual({
			cursor: null,
			list: [
				{
					status: 0,
					channelUuid: SEED.dmAlice,
					displayName: 'Alice',
					channelIcon: expect.stringContaining('alice'),
					channelType: 'P',
					unreadMessageCount: 1,
					mentionsCount: 0,
					lastMessageType: 'TEXT',
					lastMessageContent: 'hi bot, are you there?',
					lastPostAt: String(1665371575954 + 60000),
					mute: false,
					pin: false,
				},
				expect.objectContaining({ channelUuid: SEED.group, displayName: 'n8n Test Group', channelType: 'G', unreadMessageCount: 0, lastMessageContent: 'hello', lastPostAt: '1665371575954' }),
			],
		});
		sim.postMessage({ channelUuid: SEED.group, from: USERS.alice, content: 'new!', mentionedUser: [USERS.bot] });
		const r2 = ok(await get('userChannels/list'));
		expect(r2.list[0]).toMatchObject({ channelUuid: SEED.group, unreadMessageCount: 1, mentionsCount: 1, lastMessageContent: 'new!' });
		const alice = ok(await get('userChannels/list', undefined, { token: await tokenFor(USERS.alice) }));
		expect(alice.list.map((c: any) => c.channelUuid).sort()).toEqual([SEED.group, SEED.otherGroup, SEED.dmAlice].sort());
		expect(alice.list.find((c: any) => c.channelUuid === SEED.dmAlice).displayName).toBe('n8n bot');
	});

	test('list: keyword, limit and cursor', async () => {
		for (let i = 0; i < 3; i++) ok(await call('channel/create', { name: `Team ${i}`, type: 'G', members: [] }));
		expect(ok(await get('userChannels/list', { keyword: 'TEST' })).list.map((c: any) => c.channelUuid)).toEqual([SEED.group]);
		expect(ok(await get('userChannels/list', { keyword: 'team' })).list).toHaveLength(3);
		const p1 = ok(await get('userChannels/list', { limit: '2' }));
		expect(p1.list).toHaveLength(2);
		expect(p1.cursor).toEqual(expect.any(String));
		const p2 = ok(await get('userChannels/list', { limit: '2', cursor: p1.cursor }));
		const p3 = ok(await get('userChannels/list', { limit: '2', cursor: p2.cursor }));
		expect(p3.cursor).toBeNull();
		expect([...p1.list, ...p2.list, ...p3.list]).toHaveLength(5);
		err(await get('userChannels/list', { limit: '101' }), '10112');
		err(await get('userChannels/list', { cursor: 'abc' }), '10112');
	});

	test('pin moves a chat first; mute shows in channel/info; hide until a new message arrives', async () => {
		expect(ok(await call('userChannels/pin', { channelUuid: SEED.group, pin: true }))).toBeNull();
		let list = ok(await get('userChannels/list')).list;
		expect(list[0]).toMatchObject({ channelUuid: SEED.group, pin: true });
		ok(await call('userChannels/mute', { channelUuid: SEED.group, mute: true }));
		expect(ok(await get('channel/info', { channelUuid: SEED.group }))).toMatchObject({ mute: true, pin: true });
		ok(await call('userChannels/hide', { channelUuid: SEED.dmAlice }));
		list = ok(await get('userChannels/list')).list;
		expect(list.map((c: any) => c.channelUuid)).toEqual([SEED.group]);
		sim.postMessage({ from: USERS.alice, content: 'still there?' });
		list = ok(await get('userChannels/list')).list;
		expect(list.map((c: any) => c.channelUuid)).toEqual([SEED.group, SEED.dmAlice]);
		err(await call('userChannels/pin', { channelUuid: SEED.group, pin: 'true' }), '10112');
		err(await call('userChannels/pin', { channelUuid: SEED.group }), '10112');
		err(await call('userChannels/mute', { channelUuid: SEED.otherGroup, mute: true }), '13108');
		err(await call('userChannels/hide', { channelUuid: 'nope' }), '10112');
	});
});

describe('users and follows', () => {
	test('userInfo: self, by relationId or address (Authorization optional), fields', async () => {
		expect(ok(await get('userInfo'))).toEqual({ relationId: USERS.bot, name: 'n8n bot', avatar: expect.any(String) });
		expect(ok(await get('userInfo', { address: USERS.alice }, { token: null }))).toEqual({ relationId: USERS.alice, name: 'Alice', avatar: expect.any(String) });
		expect(ok(await get('userInfo', { address: ADDRESSES.dave.toUpperCase().replace('0X', '0x') }, { token: null })).relationId).toBe(USERS.dave);
		const full = ok(await get('userInfo', { address: USERS.dave, fields: 'CREATE_AT,FOLLOW_COUNT,ADDRESS_WITH_CHAIN' }));
		expect(full).toEqual({
			relationId: USERS.dave,
			name: 'Dave',
			avatar: expect.any(String),
			createdAt: expect.any(Number),
			followCount: { followingCount: 0, followerCount: 0 },
			addressWithChain: [
				{ address: ADDRESSES.dave, chainName: 'eth' },
				{ address: ADDRESSES.davePolygon, chainName: 'polygon' },
			],
		});
		const repeated = await call(`${api('userInfo')}?fields=FOLLOW_COUNT&fields=CREATE_AT`);
		expect(ok(repeated)).toMatchObject({ followCount: { followingCount: 1, followerCount: 2 }, createdAt: expect.any(Number) });
	});

	test('userInfo errors: no address and no token 10101; 11602; 11601 unknown field; a bad token sent along is checked', async () => {
		err(await get('userInfo', undefined, { token: null }), '10101');
		err(await get('userInfo', { address: 'nobody' }), '11602', 'user not found');
		err(await get('userInfo', { address: '0x' + '00'.repeat(20) }), '11602');
		err(await get('userInfo', { fields: 'AVATAR' }), '11601', /field not supported/);
		err(await get('userInfo', { address: USERS.alice }, { token: 'bad' }), '10101');
	});

	test('listAddress (Authorization optional)', async () => {
		expect(ok(await get('listAddress', { relationId: USERS.dave }, { token: null }))).toEqual([{ address: ADDRESSES.dave }, { address: ADDRESSES.davePolygon }]);
		ok(await get('listAddress', { relationId: USERS.alice }));
		err(await get('listAddress', { relationId: 'nobody' }), '11602');
		err(await get('listAddress'), '10112');
	});

	test('follow / unfollow / follower / following', async () => {
		expect(ok(await call('follow', { address: USERS.carol }))).toBeNull();
		ok(await call('follow', { address: ADDRESSES.dave }));
		ok(await call('follow', { address: USERS.dave })); // again: no-op
		expect(ok(await get('following'))).toEqual({
			cursor: null,
			list: [
				{ relationId: USERS.alice, name: 'Alice', avatar: expect.any(String) },
				{ relationId: USERS.carol, name: 'Carol', avatar: expect.any(String) },
				{ relationId: USERS.dave, name: 'Dave', avatar: expect.any(String) },
			],
		});
		expect(ok(await get('follower', { address: USERS.carol })).list.map((u: any) => u.relationId)).toEqual([USERS.bot]);
		expect(ok(await get('follower')).list.map((u: any) => u.relationId)).toEqual([USERS.alice, USERS.bob]);
		const p1 = ok(await get('following', { limit: '2' }));
		expect(p1.list).toHaveLength(2);
		expect(ok(await get('following', { limit: '2', cursor: p1.cursor }))).toEqual({ cursor: null, list: [expect.objectContaining({ relationId: USERS.dave })] });
		ok(await call('unfollow', { address: USERS.dave }));
		ok(await call('unfollow', { address: USERS.dave }));
		expect(ok(await get('following', { address: USERS.bot })).list).toHaveLength(2);
		err(await call('follow', { address: USERS.bot }), '11601', 'cannot follow yourself');
		err(await call('follow', { address: ADDRESSES.bot }), '11601');
		err(await call('follow', { address: 'nobody' }), '11602');
		err(await call('follow', {}), '10112');
		err(await get('follower', { limit: '101' }), '10112');
		err(await get('following', { address: 'nobody' }), '11602');
		err(await get('following', undefined, { token: null }), '10101');
	});
});

describe('rate limit', () => {
	test('beyond N per path per minute: HTTP 200 {"code":"10110","desc":"rate limit"} with no effect', async () => {
		const s = await RelationLabsSimulator.start({ rateLimitPerMinute: 3 });
		try {
			const t = s.issueUnifiedToken(USERS.bot);
			for (let i = 0; i < 3; i++) ok(await call('message/send', sendBody({ channelUuid: SEED.group }), { token: t }, s));
			const r = await call('message/send', sendBody({ channelUuid: SEED.group }), { token: t }, s);
			expect(r.status).toBe(200);
			expect(r.text).toBe('{"code":"10110","desc":"rate limit","data":null}');
			expect(s.state.messages.get(SEED.group)).toHaveLength(5);
			expect(s.stats.rateLimited).toBe(1);
			// other paths have their own window
			ok(await call('message/unreadCount', undefined, { token: t }, s));
			// a wrong ApiKey takes no slot; a token error does
			s.advance(60000);
			expect((await call('message/unreadCount', undefined, { token: t, apiKey: 'x' }, s)).status).toBe(401);
			err(await call('message/unreadCount', undefined, { token: 'bad' }, s), '10101');
			ok(await call('message/unreadCount', undefined, { token: t }, s));
			ok(await call('message/unreadCount', undefined, { token: t }, s));
			err(await call('message/unreadCount', undefined, { token: t }, s), '10110');
			// the window slides on the simulated clock
			ok(await call('message/send', sendBody({ channelUuid: SEED.group }), { token: t }, s));
			s.setRateLimit(null);
			for (let i = 0; i < 5; i++) ok(await call('message/unreadCount', undefined, { token: t }, s));
			s.reset();
			const t2 = s.issueUnifiedToken(USERS.bot);
			for (let i = 0; i < 3; i++) ok(await call('message/unreadCount', undefined, { token: t2 }, s));
			err(await call('message/unreadCount', undefined, { token: t2 }, s), '10110');
		} finally {
			await s.close();
		}
	});
});

describe('faults', () => {
	test('code: an error envelope with HTTP 200 (desc defaults to the documented one); nothing happens', async () => {
		sim.fault({ path: 'message/send', code: '10111' });
		const r = await call('message/send', sendBody({ channelUuid: SEED.group }));
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ code: '10111', desc: 'daily limit', data: null });
		expect(sim.state.messages.get(SEED.group)).toHaveLength(2);
		sim.fault({ code: '10002', desc: 'busy', status: 500 });
		const r2 = await get('message/unreadCount');
		expect(r2.status).toBe(500);
		expect(r2.json).toEqual({ code: '10002', desc: 'busy', data: null });
		ok(await get('message/unreadCount'));
	});

	test('status, body, contentType, times and path matching', async () => {
		sim.fault({ path: 'userInfo', status: 503, times: 2 });
		ok(await get('message/unreadCount'));
		expect((await get('userInfo')).status).toBe(503);
		const r = await get('userInfo');
		expect(r.status).toBe(503);
		expect(r.text).toBe('');
		ok(await get('userInfo'));
		sim.fault({ status: 502, body: '<html><body>Bad Gateway</body></html>' });
		const h = await get('userInfo');
		expect(h.status).toBe(502);
		expect(h.headers.get('content-type')).toBe('text/html; charset=utf-8');
		sim.fault({ body: 'oops', contentType: 'text/plain' });
		const t = await get('userInfo');
		expect({ status: t.status, text: t.text, ct: t.headers.get('content-type') }).toEqual({ status: 200, text: 'oops', ct: 'text/plain' });
		expect(sim.last('userInfo')!.response).toEqual({ status: 200, body: 'oops' });
	});

	test('reset destroys the socket; delayMs delays a normal answer', async () => {
		sim.fault({ path: 'message/send', reset: true });
		await expect(call('message/send', sendBody({ channelUuid: SEED.group }))).rejects.toThrow();
		expect(sim.last('message/send')!.response.status).toBe(0);
		expect(sim.state.messages.get(SEED.group)).toHaveLength(2);
		sim.fault({ delayMs: 300 });
		const t0 = Date.now();
		ok(await get('message/unreadCount'));
		expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
	});

	test('afterAction: the request lands, the answer is lost; a retry with the same sendUuid gets the same id', async () => {
		const body = sendBody({ channelUuid: SEED.group, content: 'landed' });
		sim.fault({ path: 'message/send', afterAction: true, reset: true });
		await expect(call('message/send', body)).rejects.toThrow();
		expect(sim.state.messages.get(SEED.group)!.at(-1)!.content).toBe('landed');
		const retry = ok(await call('message/send', body));
		expect(retry.id).toBe(sim.state.messages.get(SEED.group)!.at(-1)!.id);
		expect(sim.state.messages.get(SEED.group)).toHaveLength(3);
		expect(sim.stats.duplicateSendUuids).toBe(1);

		sim.fault({ path: 'channel/create', afterAction: true });
		const r = await call('channel/create', { name: 'Ghost', type: 'G', members: [] });
		expect({ status: r.status, text: r.text }).toEqual({ status: 502, text: '' });
		expect([...sim.state.channels.values()].some((c) => c.name === 'Ghost')).toBe(true);

		sim.fault({ path: 'follow', afterAction: true, code: '10002' });
		err(await call('follow', { address: USERS.dave }), '10002');
		expect(sim.state.users.get(USERS.bot)!.follows.has(USERS.dave)).toBe(true);

		// a token fault after the exchange: the exchange counted
		sim.fault({ path: '/api/v1/auth', afterAction: true, status: 504 });
		expect((await call('auth', {}, { token: null, headers: { 'I-Authorization': `Bearer ${sim.issueAddressToken()}` } })).status).toBe(504);
		expect(sim.stats.exchanges).toBe(1);
	});
});

describe('sandbox endpoints, postMessage, clock, reset', () => {
	test('GET /__inbox (HTML, newest first) and GET /__requests (JSON) need no ApiKey and are not recorded', async () => {
		ok(await call('message/send', sendBody({ channelUuid: SEED.group, content: 'newest <b>one</b>' })));
		const res = await fetch(`${sim.url}/__inbox`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('text/html');
		const html = await res.text();
		expect(html).toContain('newest &lt;b&gt;one&lt;/b&gt;');
		expect(html.indexOf('newest &lt;b&gt;')).toBeLessThan(html.indexOf('hi bot, are you there?'));
		expect(html.indexOf('hi bot, are you there?')).toBeLessThan(html.indexOf('welcome to the club'));
		const reqs: any = await (await fetch(`${sim.url}/__requests`)).json();
		expect(reqs).toHaveLength(1);
		expect(reqs[0]).toMatchObject({ method: 'POST', path: '/api/v1/message/send' });
		expect(sim.requests).toHaveLength(1);
	});

	test('postMessage: DMs to the bot by default, into groups, with createAt and type; validates its input', async () => {
		const dm = sim.postMessage({ from: USERS.bob, content: 'hello bot' });
		expect(dm.id).toMatch(/^\d{19}$/);
		expect(sim.state.channels.get(dm.channelUuid)!.type).toBe('P');
		const g = sim.postMessage({ channelUuid: SEED.group, from: USERS.alice, content: '{"card":1}', type: 'CARD', createAt: 1700000000000 });
		expect(g.channelUuid).toBe(SEED.group);
		const list = ok(await get('message/list', { channelUuid: SEED.group, limit: '1' }));
		expect(list[0]).toMatchObject({ id: g.id, type: 'CARD', createAt: '1700000000000', fromName: 'Alice' });
		expect(ok(await get('message/unreadCount'))).toEqual({ unreadCount: 3, mentionsCount: 0 });
		sim.postMessage({ from: USERS.dave, toRelationId: USERS.alice, content: 'not for the bot' });
		expect(ok(await get('message/unreadCount'))).toEqual({ unreadCount: 3, mentionsCount: 0 });
		expect(() => sim.postMessage({ channelUuid: SEED.otherGroup, from: USERS.bob, content: 'x' })).toThrow(/not a member/);
		expect(() => sim.postMessage({ from: 'ghost', content: 'x' })).toThrow(/unknown sender/);
		expect(() => sim.postMessage({ from: USERS.bot, content: 'x' })).toThrow();
	});

	test('the simulated clock stamps createAt; reset restores seed, ids, stats and clock', async () => {
		const before = sim.now();
		sim.advance(DAY_MS);
		expect(sim.now() - before).toBeGreaterThanOrEqual(DAY_MS);
		const d = ok(await call('message/send', sendBody({ channelUuid: SEED.group })));
		expect(sim.state.findMessage(d.id)!.createAt).toBeGreaterThanOrEqual(before + DAY_MS);
		ok(await call('channel/disband', { channelUuid: SEED.group }));
		sim.fault({ code: '10110', times: Infinity });
		sim.reset();
		expect(sim.now() - Date.now()).toBeLessThan(1000);
		expect(sim.requests).toHaveLength(0);
		expect(sim.state.channels.get(SEED.group)!.dismissed).toBe(false);
		const t = sim.issueUnifiedToken(USERS.bot);
		expect(ok(await call('message/send', sendBody({ channelUuid: SEED.group }), { token: t })).id).toBe('1900000000000000001');
	});
});
