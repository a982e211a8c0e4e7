import { ALL_PERMISSIONS, HeyboxSimulator, SEED, USERS, parseLossless } from './index.ts';

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

interface CallOptions {
	method?: string;
	/** extra query parameters (merged over the common ones) */
	query?: Record<string, string>;
	/** replaces the common query entirely */
	rawQuery?: Record<string, string>;
	/** token header; null = none */
	token?: string | null;
	headers?: Record<string, string>;
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

async function call(sim: HeyboxSimulator, path: string, body?: unknown, o: CallOptions = {}): Promise<CallResult> {
	const method = o.method ?? (body === undefined && o.raw === undefined ? 'GET' : 'POST');
	const qs = new URLSearchParams(o.rawQuery ?? { ...COMMON, ...(o.query ?? {}) }).toString();
	const headers: Record<string, string> = { ...(o.headers ?? {}) };
	if (o.token !== null) headers.token = o.token ?? TOKEN;
	let payload: string | Uint8Array | undefined;
	if (method !== 'GET') {
		payload = o.raw ?? JSON.stringify(body ?? {});
		if (o.contentType === null) payload = new TextEncoder().encode(payload);
		else headers['Content-Type'] = o.contentType ?? 'application/json;charset=UTF-8';
	}
	const res = await fetch(`${sim.url}${path}${qs ? '?' + qs : ''}`, { method, headers, body: payload as any });
	const text = await res.text();
	let json: any = null;
	try {
		json = parseLossless(text);
	} catch {
		json = null;
	}
	return { status: res.status, headers: res.headers, text, json };
}

function ok(r: CallResult): any {
	expect({ status: r.status, body: r.json }).toEqual({ status: 200, body: expect.objectContaining({ status: 'ok', msg: '' }) });
	return r.json.result;
}

function failed(r: CallResult, msg: string | RegExp): void {
	expect(r.status).toBe(200);
	expect(r.json).toEqual({ status: 'failed', msg: expect.any(String), result: {} });
	if (typeof msg === 'string') expect(r.json.msg).toContain(msg);
	else expect(r.json.msg).toMatch(msg);
}

const P = {
	send: '/chatroom/v2/channel_msg/send',
	update: '/chatroom/v2/channel_msg/update',
	del: '/chatroom/v2/channel_msg/delete',
	react: '/chatroom/v2/channel_msg/emoji/reply',
	dm: '/chatroom/v3/msg/user',
	upload: '/upload',
	joined: '/chatroom/v2/room/joined',
	view: '/chatroom/v2/room/view',
	users: '/chatroom/v2/room/users',
	kick: '/chatroom/v2/room/kick_out',
	leave: '/chatroom/v2/room/leave',
	nickname: '/chatroom/v2/room/nickname',
	ban: '/chatroom/v2/room/ban',
	roles: '/chatroom/v2/room_role/roles',
	roleCreate: '/chatroom/v2/room_role/create',
	roleUpdate: '/chatroom/v2/room_role/update',
	roleDelete: '/chatroom/v2/room_role/delete',
	grant: '/chatroom/v2/room_role/grant',
	revoke: '/chatroom/v2/room_role/revoke',
	memeList: '/chatroom/v3/msg/meme/room/list',
	memeDel: '/chatroom/v2/msg/meme/room/del',
	memeEdit: '/chatroom/v2/msg/meme/room/edit',
};

let ackSeq = 0;
const ack = () => `ack-${Date.now()}-${++ackSeq}`;

/** a valid markdown send body (raw JSON text can be substituted for number-typed fields) */
function md(extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		msg: 'hello **n8n**',
		msg_type: 4,
		heychat_ack_id: ack(),
		reply_id: '',
		room_id: SEED.room1,
		channel_id: SEED.room1Text,
		addition: '{}',
		at_user_id: '',
		at_role_id: '',
		mention_channel_id: '',
		channel_type: 1,
		...extra,
	};
}

function dmBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
	return { msg: '你好', msg_type: 4, heychat_ack_id: ack(), addition: '{}', to_user_id: USERS.ali, ...extra };
}

const CARD = JSON.stringify({
	data: [
		{
			type: 'card',
			border_color: '#4A90D9',
			size: 'medium',
			modules: [
				{ type: 'header', content: { type: 'plain-text', text: '标题' } },
				{ type: 'section', paragraph: [{ type: 'plain-text', text: '黑盒语音' }, { type: 'markdown', text: '**粗体**' }, { type: 'plain-text', text: '!' }] },
				{ type: 'section', paragraph: [{ type: 'plain-text', text: '图' }, { type: 'image', url: 'https://chat.max-c.com/pic/1.png', size: 'small' }] },
				{ type: 'section', paragraph: [{ type: 'plain-text', text: '链接' }, { type: 'button', text: '打开', event: 'link-to', value: 'https://n8n.io', theme: 'success', size: 'lg' }] },
				{ type: 'images', urls: [{ url: 'https://chat.max-c.com/pic/2.png' }] },
				{ type: 'button-group', btns: [{ type: 'button', text: '确认', event: 'server', value: 'ok', theme: 'primary' }] },
				{ type: 'divider', text: '分割' },
				{ type: 'countdown', mode: 'calendar', end_time: 1893456000 },
			],
		},
	],
});

const IMG = 'https://chat.max-c.com/attachments/2024-09-03/1830944049440231424_bqHFSPHaIF.png';
const imgAddition = (url = IMG) => JSON.stringify({ img_files_info: [{ url, width: 200, height: 120 }] });

let sim: HeyboxSimulator;

beforeAll(async () => {
	sim = await HeyboxSimulator.start();
});
afterAll(async () => {
	await sim.close();
});
beforeEach(() => {
	sim.reset();
});

// -------------------------------------------------------------------------------------------------

describe('server basics', () => {
	it('listens on 127.0.0.1 with the upload base on the same server', () => {
		expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sim.uploadUrl).toBe(sim.url);
	});

	it('answers the ok envelope as application/json', async () => {
		const r = await call(sim, P.joined, undefined, { query: { offset: '0', limit: '1' } });
		expect(r.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(Object.keys(r.json)).toEqual(['status', 'msg', 'result']);
		expect(ok(r).rooms.total).toBe(3);
	});

	it('unknown paths are HTTP 404, wrong methods 405 (recorded)', async () => {
		const r = await call(sim, '/chatroom/v2/nope', {});
		expect(r.status).toBe(404);
		const v3 = await call(sim, '/chatroom/v3/channel/message/send', {});
		expect(v3.status).toBe(404);
		const m = await call(sim, P.send, undefined, { method: 'GET' });
		expect(m.status).toBe(405);
		expect(m.headers.get('allow')).toBe('POST');
		expect(sim.requestsFor('/chatroom/v2/nope')[0].response.status).toBe(404);
	});
});

describe('authentication', () => {
	it.each([
		['missing', null],
		['wrong', 'nope'],
		['Bearer-prefixed', `Bearer ${TOKEN}`],
		['lower-case variant', TOKEN.toUpperCase()],
	])('%s token header → HTTP 401 failed envelope', async (_name, token) => {
		const r = await call(sim, P.send, md(), { token });
		expect(r.status).toBe(401);
		expect(r.json).toEqual({ status: 'failed', msg: 'token无效', result: {} });
		expect(sim.state.sentMessages()).toHaveLength(0);
	});

	it('an Authorization header is not the token header', async () => {
		const r = await call(sim, P.joined, undefined, { token: null, headers: { Authorization: TOKEN } });
		expect(r.status).toBe(401);
	});

	it('honours the token option', async () => {
		const other = await HeyboxSimulator.start({ token: 'abc==' });
		try {
			expect((await call(other, P.joined, undefined, { token: TOKEN })).status).toBe(401);
			ok(await call(other, P.joined, undefined, { token: 'abc==' }));
		} finally {
			await other.close();
		}
	});
});

describe('common query string', () => {
	it.each(Object.keys(COMMON))('missing %s → failed naming it', async (name) => {
		const q = { ...COMMON };
		delete q[name];
		const r = await call(sim, P.send, md(), { rawQuery: q });
		failed(r, name);
		expect(sim.state.sentMessages()).toHaveLength(0);
	});

	it.each([
		['client_type', 'heybox'],
		['x_client_type', 'android'],
		['os_type', 'ios'],
		['x_os_type', 'web'],
		['x_app', 'heybox'],
		['chat_os_type', 'web'],
	])('wrong %s → failed naming it', async (name, value) => {
		const r = await call(sim, P.joined, undefined, { query: { [name]: value } });
		failed(r, name);
	});

	it('any non-empty chat_version is accepted; empty is not', async () => {
		ok(await call(sim, P.joined, undefined, { query: { chat_version: '999.0.0' } }));
		ok(await call(sim, P.joined, undefined, { query: { chat_version: '1.29.0', nonce: 'x' } }));
		failed(await call(sim, P.joined, undefined, { query: { chat_version: '' } }), 'chat_version');
	});
});

describe('request bodies', () => {
	it('accepts application/json with or without charset', async () => {
		ok(await call(sim, P.send, md(), { contentType: 'application/json' }));
		ok(await call(sim, P.send, md(), { contentType: 'application/json; charset=utf-8' }));
	});

	it.each([
		['text/plain', 'text/plain;charset=UTF-8'],
		['form', 'application/x-www-form-urlencoded'],
	])('refuses a %s Content-Type', async (_n, ct) => {
		failed(await call(sim, P.send, md(), { contentType: ct }), 'Content-Type');
	});

	it('refuses a missing Content-Type, invalid JSON, an empty body and a non-object', async () => {
		failed(await call(sim, P.send, md(), { contentType: null }), 'Content-Type');
		failed(await call(sim, P.send, undefined, { raw: '{"msg":' }), 'JSON');
		failed(await call(sim, P.send, undefined, { raw: '' }), '请求体为空');
		failed(await call(sim, P.send, undefined, { raw: '[1,2]' }), 'JSON 对象');
		expect(sim.state.sentMessages()).toHaveLength(0);
	});

	it('records bodies losslessly: integers above 2^53 as exact strings', async () => {
		const raw = JSON.stringify(md()).replace(`"room_id":"${SEED.room1}"`, `"room_id":${SEED.room1}`);
		await call(sim, P.send, undefined, { raw });
		const rec = sim.last('channel_msg/send');
		expect(rec?.body.room_id).toBe(SEED.room1);
		expect(rec?.body.msg_type).toBe(4);
		expect(rec?.rawBody).toBe(raw);
		expect(rec?.query).toEqual(COMMON);
		expect(rec?.headers.token).toBe(TOKEN);
	});
});

describe('type rules', () => {
	/** the body as JSON text with one field's value replaced by raw JSON */
	function withRaw(body: Record<string, unknown>, field: string, rawValue: string): string {
		const text = JSON.stringify({ ...body, [field]: '__RAW__' });
		return text.replace('"__RAW__"', rawValue);
	}

	it.each(['room_id', 'channel_id', 'reply_id'])('send: %s as a JSON number → failed naming it', async (field) => {
		const body = md(field === 'reply_id' ? { reply_id: SEED.room1Msg } : {});
		const value = field === 'channel_id' ? SEED.room1Text : field === 'reply_id' ? SEED.room1Msg : SEED.room1;
		const r = await call(sim, P.send, undefined, { raw: withRaw(body, field, value) });
		failed(r, `参数错误: ${field}`);
		expect(r.json.msg).toContain('2^53');
		expect(sim.state.sentMessages()).toHaveLength(0);
	});

	it('send: a small id as a JSON number is refused as well', async () => {
		failed(await call(sim, P.send, undefined, { raw: withRaw(md(), 'room_id', '123') }), 'room_id');
	});

	it('update / delete / reaction: msg_id as a JSON number → failed', async () => {
		const sent = ok(await call(sim, P.send, md()));
		failed(await call(sim, P.update, undefined, { raw: withRaw(md({ msg_id: 'x' }), 'msg_id', sent.msg_id) }), 'msg_id');
		failed(await call(sim, P.del, undefined, { raw: withRaw({ room_id: SEED.room1, channel_id: SEED.room1Text }, 'msg_id', sent.msg_id) }), 'msg_id');
		const react = { emoji: '[cube_doge]', is_add: 1, channel_id: SEED.room1Text, room_id: SEED.room1 };
		failed(await call(sim, P.react, undefined, { raw: withRaw(react, 'msg_id', sent.msg_id) }), 'msg_id');
		expect(sim.state.messages.get(sent.msg_id)?.edits).toBe(0);
	});

	it('role_id and meme path as JSON numbers → failed', async () => {
		failed(await call(sim, P.roleDelete, undefined, { raw: withRaw({ room_id: SEED.room1 }, 'role_id', SEED.room1Member) }), 'role_id');
		failed(await call(sim, P.memeDel, undefined, { raw: withRaw({ room_id: SEED.room1 }, 'path', SEED.room1Emoji) }), 'path');
		expect(sim.state.roles.has(SEED.room1Member)).toBe(true);
		expect(sim.state.emoji.has(SEED.room1Emoji)).toBe(true);
	});

	it.each([
		['dm', P.dm, () => dmBody({ to_user_id: String(USERS.ali) })],
		['nickname', P.nickname, () => ({ nickname: 'x', room_id: SEED.room1, to_user_id: String(USERS.heybox) })],
		['ban', P.ban, () => ({ duration: 60, reason: '', room_id: SEED.room1, to_user_id: String(USERS.heybox) })],
		['grant', P.grant, () => ({ to_user_id: String(USERS.heybox), role_id: SEED.room1Admin, room_id: SEED.room1 })],
		['revoke', P.revoke, () => ({ to_user_id: String(USERS.heybox), role_id: SEED.room1Member, room_id: SEED.room1 })],
	])('%s: to_user_id as a string → failed', async (_n, path, body) => {
		failed(await call(sim, path, body()), 'to_user_id');
	});

	it('to_user_id must be an integer', async () => {
		failed(await call(sim, P.dm, dmBody({ to_user_id: 8829926.5 })), 'to_user_id');
	});

	it.each([
		['a string', '"4"'],
		['not allowed (1 = text)', '1'],
		['not allowed (5)', '5'],
		['a float', '4.5'],
	])('msg_type %s → failed', async (_n, value) => {
		failed(await call(sim, P.send, undefined, { raw: withRaw(md(), 'msg_type', value) }), 'msg_type');
		failed(await call(sim, P.dm, undefined, { raw: withRaw(dmBody(), 'msg_type', value) }), 'msg_type');
	});

	it.each([
		['an object instead of a string', { img_files_info: [] }, 'JSON 字符串'],
		['invalid JSON text', '{img_files_info:[]}', '不是合法的 JSON'],
		['a JSON array string', '[]', 'JSON 对象'],
		['missing', undefined, '缺少'],
	])('addition %s → failed', async (_n, value, text) => {
		failed(await call(sim, P.send, md({ addition: value })), text);
		failed(await call(sim, P.dm, dmBody({ addition: value })), 'addition');
	});

	it.each([
		['at_user_id', 8829926],
		['at_user_id', '8829926;84005510'],
		['at_role_id', 'abc'],
		['mention_channel_id', [SEED.room1Text]],
	])('%s = %j → failed', async (field, value) => {
		failed(await call(sim, P.send, md({ msg_type: 10, [field]: value })), field);
	});

	it.each([
		['missing', undefined],
		['empty', ''],
		['a number', 17],
	])('heychat_ack_id %s → failed', async (_n, value) => {
		failed(await call(sim, P.send, md({ heychat_ack_id: value })), 'heychat_ack_id');
		failed(await call(sim, P.dm, dmBody({ heychat_ack_id: value })), 'heychat_ack_id');
	});

	it('missing required fields are named', async () => {
		const b = md();
		delete b.channel_id;
		failed(await call(sim, P.send, b), 'channel_id');
		failed(await call(sim, P.send, md({ msg: '' })), 'msg');
		failed(await call(sim, P.send, md({ msg: 42 })), 'msg');
	});
});

describe('heychat_ack_id', () => {
	it('a repeat within 60 s fails, nothing is posted twice; a different ack succeeds', async () => {
		const body = md({ heychat_ack_id: 'dup-1' });
		const first = ok(await call(sim, P.send, body));
		expect(first.heychat_ack_id).toBe('dup-1');
		failed(await call(sim, P.send, body), '消息已发送，请勿重复发送');
		failed(await call(sim, P.send, { ...body, msg: 'other text' }), '消息已发送，请勿重复发送');
		expect(sim.stats.duplicateAcks).toBe(2);
		expect(sim.state.sentMessages()).toHaveLength(1);
		ok(await call(sim, P.send, { ...body, heychat_ack_id: 'dup-2' }));
		expect(sim.state.sentMessages()).toHaveLength(2);
	});

	it('DMs and updates share the namespace', async () => {
		ok(await call(sim, P.send, md({ heychat_ack_id: 'shared' })));
		failed(await call(sim, P.dm, dmBody({ heychat_ack_id: 'shared' })), '请勿重复发送');
		expect(sim.state.dms).toHaveLength(0);
	});

	it('a refused request does not use up its ack', async () => {
		failed(await call(sim, P.send, md({ heychat_ack_id: 'retry', channel_id: SEED.room1Voice })), '文字频道');
		ok(await call(sim, P.send, md({ heychat_ack_id: 'retry' })));
	});

	it('the ack can be reused after 60 simulated seconds (advance)', async () => {
		ok(await call(sim, P.send, md({ heychat_ack_id: 'again' })));
		sim.advance(59000);
		failed(await call(sim, P.send, md({ heychat_ack_id: 'again' })), '请勿重复发送');
		sim.advance(1500);
		ok(await call(sim, P.send, md({ heychat_ack_id: 'again' })));
	});

	it('timeScale shortens the window in real time', async () => {
		const fast = await HeyboxSimulator.start({ timeScale: 300 }); // 60 s = 200 ms
		try {
			ok(await call(fast, P.send, md({ heychat_ack_id: 'fast' })));
			failed(await call(fast, P.send, md({ heychat_ack_id: 'fast' })), '请勿重复发送');
			await new Promise((r) => setTimeout(r, 260));
			ok(await call(fast, P.send, md({ heychat_ack_id: 'fast' })));
			expect(fast.stats.duplicateAcks).toBe(1);
		} finally {
			await fast.close();
		}
	});
});

describe('channel_msg/send', () => {
	it('markdown (4): stored with a new 19-digit msg_id and answered with the ack fields', async () => {
		const body = md({ heychat_ack_id: 'a-1' });
		const res = ok(await call(sim, P.send, body));
		expect(res).toEqual({ chatmobile_ack_id: '', heychat_ack_id: 'a-1', msg_id: expect.stringMatching(/^\d{19}$/), msg_seq: expect.stringMatching(/^\d{19}$/) });
		const m = sim.state.messages.get(res.msg_id);
		expect(m).toMatchObject({ room_id: SEED.room1, channel_id: SEED.room1Text, msg: 'hello **n8n**', msg_type: 4, addition: '{}', sender_id: USERS.bot, via: 'channel_msg/send' });
		const second = ok(await call(sim, P.send, md()));
		expect(BigInt(second.msg_id) > BigInt(res.msg_id)).toBe(true);
	});

	it('the minimal documented body (no optional fields, no channel_type) is accepted', async () => {
		ok(await call(sim, P.send, { msg: 'x', msg_type: 4, heychat_ack_id: ack(), room_id: SEED.room1, channel_id: SEED.room1Text, addition: '{}' }));
	});

	it('markdown with mentions (10): ids in msg must match the lists', async () => {
		const msg = `@{id:${USERS.ali}}@{id:${SEED.room1Member}} #{id:${SEED.room1Text2}} 看这里`;
		const good = { msg, msg_type: 10, at_user_id: String(USERS.ali), at_role_id: SEED.room1Member, mention_channel_id: SEED.room1Text2 };
		const res = ok(await call(sim, P.send, md(good)));
		expect(sim.state.messages.get(res.msg_id)).toMatchObject({ at_user_id: '8829926', at_role_id: SEED.room1Member, mention_channel_id: SEED.room1Text2 });
		// a listed id that is not in msg, an id in msg that is not listed
		failed(await call(sim, P.send, md({ ...good, at_user_id: `${USERS.ali},${USERS.heybox}` })), 'at_user_id');
		failed(await call(sim, P.send, md({ ...good, at_role_id: '' })), 'at_user_id');
		failed(await call(sim, P.send, md({ ...good, mention_channel_id: '' })), 'mention_channel_id');
		// ids may be split between the lists either way round, but the union must match
		ok(await call(sim, P.send, md({ msg: `@{id:${USERS.ali}} hi`, msg_type: 10, at_user_id: String(USERS.ali) })));
		expect(sim.state.sentMessages()).toHaveLength(2);
	});

	it('@{all} / @{here} need the mention-all permission; unknown tokens are refused', async () => {
		ok(await call(sim, P.send, md({ msg: '@{all} 开会了', msg_type: 10 })));
		ok(await call(sim, P.send, md({ msg: '@{here} 在线的', msg_type: 10 })));
		failed(await call(sim, P.send, md({ msg: '@{all}', msg_type: 10, room_id: SEED.room2, channel_id: SEED.room2Text })), '权限不足');
		failed(await call(sim, P.send, md({ msg: '@{hear}', msg_type: 10 })), '@{hear}');
		failed(await call(sim, P.send, md({ msg: '@{id:all}', msg_type: 10 })), '@{id:all}');
	});

	it('mentions with msg_type 4 are refused (use 10)', async () => {
		failed(await call(sim, P.send, md({ msg: `@{id:${USERS.ali}} hi`, at_user_id: String(USERS.ali) })), 'msg_type 10');
		failed(await call(sim, P.send, md({ msg: 'hi', at_user_id: String(USERS.ali) })), 'msg_type 10');
	});

	it('image (3): img URL and addition.img_files_info are required', async () => {
		const res = ok(await call(sim, P.send, md({ msg_type: 3, msg: '', img: IMG, addition: imgAddition() })));
		expect(sim.state.messages.get(res.msg_id)).toMatchObject({ msg_type: 3, img: IMG, addition: imgAddition() });
		const noMsg = md({ msg_type: 3, img: IMG, addition: imgAddition() });
		delete noMsg.msg;
		ok(await call(sim, P.send, noMsg));
		failed(await call(sim, P.send, md({ msg_type: 3, addition: imgAddition() })), 'img');
		failed(await call(sim, P.send, md({ msg_type: 3, img: 'not a url', addition: imgAddition() })), 'img');
		failed(await call(sim, P.send, md({ msg_type: 3, img: IMG, addition: '{}' })), 'img_files_info');
		failed(await call(sim, P.send, md({ msg_type: 3, img: IMG, addition: '{"img_files_info":[]}' })), 'img_files_info');
		failed(await call(sim, P.send, md({ msg_type: 3, img: IMG, addition: JSON.stringify({ img_files_info: [{ url: IMG, width: '200', height: 1 }] }) })), 'width');
		failed(await call(sim, P.send, md({ msg_type: 3, img: IMG, addition: JSON.stringify({ img_files_info: [{ uri: IMG, width: 2, height: 1 }] }) })), 'url');
		expect(sim.state.sentMessages()).toHaveLength(2);
	});

	it('markdown with an embedded image lists it in addition', async () => {
		ok(await call(sim, P.send, md({ msg: `![](${IMG})\n\n大师级选手`, addition: imgAddition() })));
		failed(await call(sim, P.send, md({ addition: JSON.stringify({ img_files_info: [{ url: IMG }] }) })), 'width');
	});

	it('card (20): msg is a JSON string {"data":[{type:"card",modules}]}', async () => {
		const res = ok(await call(sim, P.send, md({ msg_type: 20, msg: CARD })));
		expect(JSON.parse(sim.state.messages.get(res.msg_id)?.msg ?? '')).toEqual(JSON.parse(CARD));
	});

	it.each([
		['not JSON', 'plain text', 'JSON'],
		['no data', '{"cards":[]}', 'data'],
		['empty data', '{"data":[]}', 'data'],
		['wrong card type', '{"data":[{"type":"box","modules":[{"type":"divider"}]}]}', 'card'],
		['no modules', '{"data":[{"type":"card","modules":[]}]}', 'modules'],
		['unknown module', '{"data":[{"type":"card","modules":[{"type":"table"}]}]}', 'table'],
		['unknown node', '{"data":[{"type":"card","modules":[{"type":"section","paragraph":[{"type":"kmarkdown","text":"x"}]}]}]}', 'kmarkdown'],
		['button without event', '{"data":[{"type":"card","modules":[{"type":"button-group","btns":[{"type":"button","text":"a","value":"b"}]}]}]}', 'event'],
		['countdown mode', '{"data":[{"type":"card","modules":[{"type":"countdown","mode":"calender","end_time":1893456000}]}]}', 'mode'],
		['header with an image', '{"data":[{"type":"card","modules":[{"type":"header","content":{"type":"image","url":"x"}}]}]}', 'image'],
		['card as an object, not a string', { data: [] }, 'msg'],
	])('card %s → failed', async (_n, msg, text) => {
		failed(await call(sim, P.send, md({ msg_type: 20, msg })), text);
	});

	it('reply_id must be a message in the channel', async () => {
		const res = ok(await call(sim, P.send, md({ reply_id: SEED.room1Msg })));
		expect(sim.state.messages.get(res.msg_id)?.reply_id).toBe(SEED.room1Msg);
		failed(await call(sim, P.send, md({ reply_id: '1111111111111111111' })), '回复的消息不存在');
	});

	it('room, channel and permission checks', async () => {
		failed(await call(sim, P.send, md({ room_id: '1234567890123456789' })), '请加入房间后再发送消息');
		failed(await call(sim, P.send, md({ channel_id: SEED.room2Text })), '频道不存在');
		failed(await call(sim, P.send, md({ channel_id: SEED.room1Voice, channel_type: 0 })), '文字频道');
		failed(await call(sim, P.send, md({ room_id: SEED.room2, channel_id: SEED.room2Private })), '该频道为私密频道，无法发送消息');
		failed(await call(sim, P.send, md({ channel_type: 0 })), 'channel_type');
		ok(await call(sim, P.send, md({ room_id: SEED.room2, channel_id: SEED.room2Text })));
		expect(sim.state.sentMessages()).toHaveLength(1);
	});
});

describe('channel_msg/update and delete', () => {
	it('updates the bot own message', async () => {
		const sent = ok(await call(sim, P.send, md()));
		const res = ok(await call(sim, P.update, md({ msg_id: sent.msg_id, msg: 'edited', heychat_ack_id: 'u-1' })));
		expect(res).toEqual({ chatmobile_ack_id: '', heychat_ack_id: 'u-1' });
		expect(sim.state.messages.get(sent.msg_id)).toMatchObject({ msg: 'edited', edits: 1 });
		ok(await call(sim, P.update, md({ msg_id: sent.msg_id, msg_type: 20, msg: CARD })));
		expect(sim.state.messages.get(sent.msg_id)).toMatchObject({ msg_type: 20, edits: 2 });
	});

	it('update requires msg_id, the bot as the sender and valid fields', async () => {
		failed(await call(sim, P.update, md()), 'msg_id');
		failed(await call(sim, P.update, md({ msg_id: SEED.room1Msg })), '权限不足');
		failed(await call(sim, P.update, md({ msg_id: '1111111111111111111' })), '消息不存在');
		const sent = ok(await call(sim, P.send, md()));
		failed(await call(sim, P.update, md({ msg_id: sent.msg_id, addition: undefined })), 'addition');
		failed(await call(sim, P.update, md({ msg_id: sent.msg_id, channel_id: SEED.room1Text2 })), '消息不存在');
		expect(sim.state.messages.get(sent.msg_id)?.edits).toBe(0);
	});

	it('deletes own messages; others need the manage-messages permission', async () => {
		const sent = ok(await call(sim, P.send, md()));
		expect(ok(await call(sim, P.del, { msg_id: sent.msg_id, room_id: SEED.room1, channel_id: SEED.room1Text }))).toEqual({});
		expect(sim.state.messages.has(sent.msg_id)).toBe(false);
		expect(sim.state.deletedMessages.map((m) => m.msg_id)).toEqual([sent.msg_id]);
		failed(await call(sim, P.del, { msg_id: sent.msg_id, room_id: SEED.room1, channel_id: SEED.room1Text }), '消息不存在');
		// room 1: the bot is administrator
		ok(await call(sim, P.del, { msg_id: SEED.room1Msg, room_id: SEED.room1, channel_id: SEED.room1Text }));
		// room 2: no manage-messages
		failed(await call(sim, P.del, { msg_id: SEED.room2Msg, room_id: SEED.room2, channel_id: SEED.room2Text }), '权限不足');
		expect(sim.state.messages.has(SEED.room2Msg)).toBe(true);
		const own2 = ok(await call(sim, P.send, md({ room_id: SEED.room2, channel_id: SEED.room2Text })));
		ok(await call(sim, P.del, { msg_id: own2.msg_id, room_id: SEED.room2, channel_id: SEED.room2Text }));
	});
});

describe('channel_msg/emoji/reply', () => {
	const react = (extra: Record<string, unknown> = {}) => ({ msg_id: SEED.room1Msg, emoji: '[cube_doge]', is_add: 1, channel_id: SEED.room1Text, room_id: SEED.room1, ...extra });

	it('adds and removes built-in and room emoji', async () => {
		expect(ok(await call(sim, P.react, react()))).toEqual({});
		ok(await call(sim, P.react, react({ emoji: '[7_👀]' })));
		const custom = `[custom${SEED.room1}_${SEED.room1Emoji}.jpg]`;
		ok(await call(sim, P.react, react({ emoji: custom })));
		expect([...(sim.state.reactions.get(SEED.room1Msg) ?? [])]).toEqual(['[cube_doge]', '[7_👀]', custom]);
		ok(await call(sim, P.react, react({ is_add: 0 })));
		expect([...(sim.state.reactions.get(SEED.room1Msg) ?? [])]).toEqual(['[7_👀]', custom]);
		expect(sim.state.reactionLog.map((r) => r.is_add)).toEqual([1, 1, 1, 0]);
	});

	it.each([
		['no brackets', 'cube_doge', 'emoji'],
		['no group', '[doge]', 'emoji'],
		['custom in another room', `[custom${SEED.room2}_${SEED.room1Emoji}.jpg]`, 'emoji'],
		['custom with a wrong extension', `[custom${SEED.room1}_${SEED.room1Emoji}.png]`, '.jpg'],
		['custom unknown path', `[custom${SEED.room1}_1111111111111111111.png]`, '表情不存在'],
		['custom by name', `[custom${SEED.room1}_狗头]`, 'emoji'],
	])('emoji %s → failed', async (_n, emoji, text) => {
		failed(await call(sim, P.react, react({ emoji })), text);
		expect(sim.state.reactionLog).toHaveLength(0);
	});

	it('is_add must be the integer 1 or 0', async () => {
		failed(await call(sim, P.react, react({ is_add: 2 })), 'is_add');
		failed(await call(sim, P.react, react({ is_add: '1' })), 'is_add');
		failed(await call(sim, P.react, react({ is_add: true })), 'is_add');
	});

	it('the message must exist in the channel', async () => {
		failed(await call(sim, P.react, react({ channel_id: SEED.room1Text2 })), '消息不存在');
	});
});

describe('direct messages', () => {
	it('sends markdown, image, mention-markdown and card DMs', async () => {
		const res = ok(await call(sim, P.dm, dmBody({ heychat_ack_id: 'dm-1' })));
		expect(res).toEqual({ heybox_ack_id: '', heychat_ack_id: 'dm-1', msg_id: expect.stringMatching(/^\d{19}$/), msg_seq: expect.stringMatching(/^\d{19}$/) });
		ok(await call(sim, P.dm, dmBody({ msg_type: 3, msg: '', img: IMG, addition: imgAddition() })));
		ok(await call(sim, P.dm, dmBody({ msg_type: 10, msg: `@{id:${USERS.ali}} hi` })));
		ok(await call(sim, P.dm, dmBody({ msg_type: 20, msg: CARD, to_user_id: USERS.master })));
		expect(sim.state.dms.map((d) => [d.to_user_id, d.msg_type])).toEqual([
			[USERS.ali, 4],
			[USERS.ali, 3],
			[USERS.ali, 10],
			[USERS.master, 20],
		]);
		expect(sim.state.dms[0]).toMatchObject({ msg_id: res.msg_id, msg: '你好', addition: '{}', heychat_ack_id: 'dm-1' });
	});

	it('refuses unknown users, users sharing no room, the bot itself and bad bodies', async () => {
		failed(await call(sim, P.dm, dmBody({ to_user_id: 99999999 })), '用户不存在');
		failed(await call(sim, P.dm, dmBody({ to_user_id: USERS.stranger })), '同房间');
		failed(await call(sim, P.dm, dmBody({ to_user_id: USERS.bot })), '自己');
		failed(await call(sim, P.dm, dmBody({ msg_type: 3, addition: '{}' })), 'img');
		failed(await call(sim, P.dm, dmBody({ msg_type: 20, msg: 'x' })), 'JSON');
		const noUser = dmBody();
		delete noUser.to_user_id;
		failed(await call(sim, P.dm, noUser), 'to_user_id');
		expect(sim.state.dms).toHaveLength(0);
	});
});

describe('upload', () => {
	async function upload(form: FormData, o: { token?: string | null; query?: string } = {}): Promise<CallResult> {
		const headers: Record<string, string> = {};
		if (o.token !== null) headers.token = o.token ?? TOKEN;
		const res = await fetch(`${sim.uploadUrl}/upload${o.query ?? ''}`, { method: 'POST', headers, body: form });
		const text = await res.text();
		return { status: res.status, headers: res.headers, text, json: JSON.parse(text) };
	}

	it('stores the file and answers the CDN URL with version 1.0', async () => {
		const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255, 13, 10, 45, 45]);
		const form = new FormData();
		form.append('file', new Blob([bytes], { type: 'image/png' }), 'cat.png');
		const r = await upload(form);
		expect(r.status).toBe(200);
		expect(Object.keys(r.json)).toEqual(['status', 'msg', 'version', 'result']);
		expect(r.json).toMatchObject({ status: 'ok', msg: '', version: '1.0' });
		expect(r.json.result.url).toMatch(/^https:\/\/chat\.max-c\.com\/attachments\/\d{4}-\d{2}-\d{2}\/\d{19}_cat\.png$/);
		const b64 = Buffer.from(bytes).toString('base64');
		expect(sim.state.uploads).toEqual([{ url: r.json.result.url, filename: 'cat.png', contentType: 'image/png', size: bytes.length, base64: b64, time: expect.any(Number) }]);
		const rec = sim.last('/upload');
		expect(rec?.multipart?.files).toEqual([{ field: 'file', filename: 'cat.png', contentType: 'image/png', size: bytes.length, base64: b64 }]);
		expect(rec?.body).toBeNull();
	});

	it('accepts the common query string and extra fields, keeps non-ASCII names', async () => {
		const form = new FormData();
		form.append('note', '说明');
		form.append('file', new Blob(['hello'], { type: 'text/plain' }), '报告 1.txt');
		const r = await upload(form, { query: '?' + new URLSearchParams(COMMON).toString() });
		expect(r.json.status).toBe('ok');
		expect(decodeURIComponent(r.json.result.url)).toMatch(/_报告 1\.txt$/);
		expect(sim.last('upload')?.multipart?.fields).toEqual({ note: '说明' });
		expect(sim.state.uploads[0]).toMatchObject({ filename: '报告 1.txt', size: 5, base64: Buffer.from('hello').toString('base64') });
	});

	it('refuses a missing file field, an empty file, a non-multipart body and a missing token', async () => {
		const wrongField = new FormData();
		wrongField.append('image', new Blob(['x']), 'x.png');
		const r1 = await upload(wrongField);
		expect(r1.json).toMatchObject({ status: 'failed', msg: expect.stringContaining('file') });
		const empty = new FormData();
		empty.append('file', new Blob([]), 'e.png');
		expect((await upload(empty)).json).toMatchObject({ status: 'failed', msg: expect.stringContaining('文件为空') });
		const textField = new FormData();
		textField.append('file', 'not a file');
		expect((await upload(textField)).json.status).toBe('failed');
		const json = await fetch(`${sim.uploadUrl}/upload`, { method: 'POST', headers: { token: TOKEN, 'Content-Type': 'application/json' }, body: '{}' });
		expect(await json.json()).toMatchObject({ status: 'failed', msg: expect.stringContaining('multipart/form-data') });
		const form = new FormData();
		form.append('file', new Blob(['x']), 'x.png');
		expect((await upload(form, { token: null })).status).toBe(401);
		expect(sim.state.uploads).toHaveLength(0);
	});
});

describe('rooms', () => {
	it('room/joined is nested and paged (limit ≤ 50)', async () => {
		const all = ok(await call(sim, P.joined, undefined, { query: { offset: '0', limit: '50' } }));
		expect(Object.keys(all)).toEqual(['rooms']);
		expect(all.rooms).toMatchObject({ total: 3, offset: 0, limit: 50 });
		expect(all.rooms.rooms.map((r: any) => r.room_id)).toEqual([SEED.room1, SEED.room2, SEED.room3]);
		expect(all.rooms.rooms[0]).toEqual({
			room_id: SEED.room1,
			room_name: 'n8n 测试房间',
			room_avatar: expect.stringMatching(/^https:/),
			create_by: USERS.ali,
			room_pic: '',
			is_public: 1,
			public_id: '10086',
			is_hot: 1,
			join_time: expect.any(Number),
		});
		const page = ok(await call(sim, P.joined, undefined, { query: { offset: '2', limit: '2' } }));
		expect(page.rooms.rooms.map((r: any) => r.room_id)).toEqual([SEED.room3]);
		failed(await call(sim, P.joined, undefined, { query: { offset: '0', limit: '51' } }), 'limit');
		failed(await call(sim, P.joined, undefined, { query: { offset: '-1', limit: '5' } }), 'offset');
	});

	it('room/view answers the room and nested channels', async () => {
		const v = ok(await call(sim, P.view, undefined, { query: { room_id: SEED.room1 } }));
		expect(v.room).toMatchObject({ room_id: SEED.room1, room_name: 'n8n 测试房间', user_count: 5, member_count: 5 });
		expect(v.channels.map((c: any) => [c.channel_id, c.channel_type])).toEqual([
			[SEED.room1Category, 3],
			[SEED.room1Voice, 0],
		]);
		expect(v.channels[0].channel_list.map((c: any) => [c.channel_id, c.channel_name, c.channel_type, c.parent_id])).toEqual([
			[SEED.room1Text, '综合', 1, SEED.room1Category],
			[SEED.room1Text2, '机器人测试', 1, SEED.room1Category],
		]);
		failed(await call(sim, P.view, undefined, { query: { room_id: '1234' } }), '房间不存在');
		failed(await call(sim, P.view, undefined), 'room_id');
	});

	it('room/users answers room_info with paging (limit ≤ 300)', async () => {
		const r = ok(await call(sim, P.users, undefined, { query: { room_id: SEED.room1, offset: '0', limit: '300', heybox_id: String(USERS.heybox) } }));
		expect(r.room_info).toMatchObject({ room_id: SEED.room1, user_count: 5, online_count: 3, offline_count: 2 });
		expect(r.room_info.user_info).toHaveLength(5);
		expect(r.room_info.user_info[1]).toEqual({
			avatar: expect.any(String),
			avatar_decoration: { src_type: '', src_url: '' },
			bot: false,
			level: 32,
			medals: [],
			nickname: '阿狸',
			roles: [SEED.room1Admin],
			room_nickname: '房主阿狸',
			tag: null,
			user_id: USERS.ali,
			is_master: true,
		});
		const page = ok(await call(sim, P.users, undefined, { query: { room_id: SEED.room1, offset: '4', limit: '2' } }));
		expect(page.room_info.user_info.map((u: any) => u.user_id)).toEqual([USERS.tester]);
		expect(page.room_info.user_count).toBe(5);
		failed(await call(sim, P.users, undefined, { query: { room_id: SEED.room1, offset: '0', limit: '301' } }), 'limit');
	});

	it('room/kick_out accepts to_user_id as a number or a string and records which', async () => {
		ok(await call(sim, P.kick, { room_id: SEED.room1, to_user_id: USERS.heybox }));
		ok(await call(sim, P.kick, { room_id: SEED.room1, to_user_id: String(USERS.tester) }));
		expect(sim.state.kicks.map((k) => [k.to_user_id, k.toUserIdType])).toEqual([
			[USERS.heybox, 'number'],
			[USERS.tester, 'string'],
		]);
		expect(sim.state.member(SEED.room1, USERS.heybox)).toBeUndefined();
		failed(await call(sim, P.kick, { room_id: SEED.room1, to_user_id: USERS.heybox }), '不在该房间');
		failed(await call(sim, P.kick, { room_id: SEED.room1, user_id: USERS.master }), 'to_user_id');
		failed(await call(sim, P.kick, { room_id: SEED.room1, to_user_id: 'abc' }), 'to_user_id');
		failed(await call(sim, P.kick, { room_id: SEED.room1, to_user_id: USERS.ali }), '权限不足');
		failed(await call(sim, P.kick, { room_id: SEED.room2, to_user_id: USERS.heybox }), '权限不足');
		expect(sim.state.kicks).toHaveLength(2);
	});

	it('room/leave removes the room from joined; sending there fails afterwards', async () => {
		ok(await call(sim, P.leave, { room_id: SEED.room3 }));
		expect(sim.state.leftRooms.has(SEED.room3)).toBe(true);
		const j = ok(await call(sim, P.joined, undefined, { query: { offset: '0', limit: '20' } }));
		expect(j.rooms.total).toBe(2);
		failed(await call(sim, P.send, md({ room_id: SEED.room3, channel_id: SEED.room3Text })), '请加入房间后再发送消息');
		failed(await call(sim, P.leave, { room_id: SEED.room3 }), '房间不存在');
	});

	it('room/nickname: ≤ 20 characters, empty clears, permissions', async () => {
		const twenty = '一二三四五六七八九十一二三四五六七八九十';
		ok(await call(sim, P.nickname, { nickname: twenty, room_id: SEED.room1, to_user_id: USERS.heybox }));
		expect(sim.state.member(SEED.room1, USERS.heybox)?.room_nickname).toBe(twenty);
		failed(await call(sim, P.nickname, { nickname: twenty + '!', room_id: SEED.room1, to_user_id: USERS.heybox }), '20');
		ok(await call(sim, P.nickname, { nickname: '', room_id: SEED.room1, to_user_id: USERS.heybox }));
		expect(sim.state.member(SEED.room1, USERS.heybox)?.room_nickname).toBe('');
		ok(await call(sim, P.nickname, { nickname: '新机器人', room_id: SEED.room1, to_user_id: USERS.bot }));
		expect(sim.state.member(SEED.room1, USERS.bot)?.room_nickname).toBe('新机器人');
		failed(await call(sim, P.nickname, { nickname: 'x', room_id: SEED.room2, to_user_id: USERS.heybox }), '权限不足');
		failed(await call(sim, P.nickname, { nickname: 'x', room_id: SEED.room2, to_user_id: USERS.bot }), '权限不足');
		expect(sim.state.nicknames.map((n) => n.nickname)).toEqual([twenty, '', '新机器人']);
	});

	it('room/ban: duration in seconds, 0 lifts', async () => {
		ok(await call(sim, P.ban, { duration: 600, reason: 'spam', room_id: SEED.room1, to_user_id: USERS.heybox }));
		expect(sim.state.member(SEED.room1, USERS.heybox)?.ban_until).toBeGreaterThan(sim.now() + 590000);
		ok(await call(sim, P.ban, { duration: 0, room_id: SEED.room1, to_user_id: USERS.heybox }));
		expect(sim.state.member(SEED.room1, USERS.heybox)?.ban_until).toBe(0);
		expect(sim.state.bans.map((b) => [b.duration, b.reason])).toEqual([
			[600, 'spam'],
			[0, ''],
		]);
		failed(await call(sim, P.ban, { duration: -1, room_id: SEED.room1, to_user_id: USERS.heybox }), 'duration');
		failed(await call(sim, P.ban, { duration: '60', room_id: SEED.room1, to_user_id: USERS.heybox }), 'duration');
		failed(await call(sim, P.ban, { duration: 60, room_id: SEED.room2, to_user_id: USERS.heybox }), '权限不足');
	});
});

describe('room roles', () => {
	it('lists roles with decimal-string permissions (one above 2^32)', async () => {
		const r = ok(await call(sim, P.roles, undefined, { query: { room_id: SEED.room1 } }));
		expect(r.roles.map((x: any) => x.id)).toEqual([SEED.room1Everyone, SEED.room1Member, SEED.room1Admin, SEED.room1BotRole]);
		for (const role of r.roles) expect(role.permissions).toMatch(/^\d+$/);
		expect(r.roles[3].permissions).toBe(ALL_PERMISSIONS);
		expect(BigInt(r.roles[1].permissions) > 2n ** 32n).toBe(true);
		expect(Object.keys(r.roles[0]).sort()).toEqual(
			['id', 'name', 'icon', 'color', 'color_list', 'room_id', 'department_id', 'permissions', 'type', 'position', 'hoist', 'mentionable', 'del_tag', 'creator', 'create_time'].sort(),
		);
	});

	it('create answers result.role; a repeated nonce returns the same role', async () => {
		const perms = ((1n << 34n) | (1n << 14n)).toString();
		const body = { name: '主播', icon: '', color_list: [1, 2], room_id: SEED.room1, permissions: perms, type: 0, color: 255, hoist: 1, nonce: 'n-1' };
		const res = ok(await call(sim, P.roleCreate, body));
		expect(res.role).toMatchObject({ id: expect.stringMatching(/^\d{19}$/), name: '主播', permissions: perms, type: 0, hoist: 1, color: 255, color_list: [1, 2], room_id: SEED.room1, creator: USERS.bot });
		const again = ok(await call(sim, P.roleCreate, body));
		expect(again.role.id).toBe(res.role.id);
		expect(sim.state.rolesOf(SEED.room1)).toHaveLength(5);
		failed(await call(sim, P.roleCreate, { ...body, nonce: 'n-2', permissions: 16384 }), 'permissions');
		failed(await call(sim, P.roleCreate, { ...body, nonce: 'n-3', type: 2 }), 'type');
		failed(await call(sim, P.roleCreate, { ...body, nonce: 'n-4', name: '' }), 'name');
		failed(await call(sim, P.roleCreate, { ...body, nonce: 'n-5', room_id: SEED.room2 }), '权限不足');
		expect(sim.state.rolesOf(SEED.room1)).toHaveLength(5);
	});

	it('update needs id, icon, color_list, color and position; only custom roles', async () => {
		const full = { id: SEED.room1Member, name: '老成员', icon: '', color_list: [], color: 0, position: 1, room_id: SEED.room1, permissions: '16384', type: 0, hoist: 0 };
		const res = ok(await call(sim, P.roleUpdate, full));
		expect(res.role).toMatchObject({ id: SEED.room1Member, name: '老成员', permissions: '16384', hoist: 0 });
		expect(sim.state.roles.get(SEED.room1Member)?.name).toBe('老成员');
		for (const f of ['id', 'icon', 'color_list', 'color', 'position']) {
			const b: Record<string, unknown> = { ...full };
			delete b[f];
			failed(await call(sim, P.roleUpdate, b), f);
		}
		failed(await call(sim, P.roleUpdate, { ...full, id: SEED.room1BotRole }), '权限不足');
		failed(await call(sim, P.roleUpdate, { ...full, id: '1111111111111111111' }), '角色不存在');
	});

	it('delete removes the role from members', async () => {
		ok(await call(sim, P.roleDelete, { role_id: SEED.room1Member, room_id: SEED.room1 }));
		expect(sim.state.roles.has(SEED.room1Member)).toBe(false);
		expect(sim.state.member(SEED.room1, USERS.heybox)?.roles).toEqual([]);
		failed(await call(sim, P.roleDelete, { role_id: SEED.room1Everyone, room_id: SEED.room1 }), '权限不足');
		failed(await call(sim, P.roleDelete, { role_id: SEED.room1Member, room_id: SEED.room1 }), '角色不存在');
	});

	it('grant / revoke answer result.user with roles', async () => {
		const g = ok(await call(sim, P.grant, { to_user_id: USERS.heybox, role_id: SEED.room1Admin, room_id: SEED.room1 }));
		expect(g).toEqual({ user: { roles: [SEED.room1Member, SEED.room1Admin], user_id: USERS.heybox, room_id: SEED.room1, department_id: SEED.room1 } });
		const r = ok(await call(sim, P.revoke, { to_user_id: USERS.heybox, role_id: SEED.room1Member, room_id: SEED.room1 }));
		expect(r.user.roles).toEqual([SEED.room1Admin]);
		expect(sim.state.member(SEED.room1, USERS.heybox)?.roles).toEqual([SEED.room1Admin]);
		expect(sim.state.roleGrants.map((x) => x.action)).toEqual(['grant', 'revoke']);
		failed(await call(sim, P.grant, { to_user_id: USERS.stranger, role_id: SEED.room1Admin, room_id: SEED.room1 }), '不在该房间');
		failed(await call(sim, P.grant, { to_user_id: USERS.heybox, role_id: SEED.room2Role, room_id: SEED.room1 }), '角色不存在');
		failed(await call(sim, P.grant, { to_user_id: USERS.heybox, role_id: SEED.room2Role, room_id: SEED.room2 }), '权限不足');
	});
});

describe('room emoji', () => {
	it('lists emoji and stickers with user_info and meme_info', async () => {
		const r = ok(await call(sim, P.memeList, undefined, { query: { room_id: SEED.room1 } }));
		expect(r.emoji.map((e: any) => e.meme_info.path)).toEqual([SEED.room1Emoji, SEED.room1Emoji2]);
		expect(r.sticker).toHaveLength(1);
		expect(r.emoji[0]).toEqual({
			user_info: expect.objectContaining({ user_id: USERS.ali, nickname: '阿狸' }),
			meme_info: { name: '狗头', path: SEED.room1Emoji, ext: 'jpg', create_time: expect.any(Number), mtype: 1 },
		});
	});

	it('renames and deletes; needs the manage-emoji permission', async () => {
		ok(await call(sim, P.memeEdit, { path: SEED.room1Emoji, name: '新狗头', room_id: SEED.room1 }));
		expect(sim.state.emoji.get(SEED.room1Emoji)?.name).toBe('新狗头');
		ok(await call(sim, P.memeDel, { path: SEED.room1Sticker, room_id: SEED.room1 }));
		expect(sim.state.emoji.has(SEED.room1Sticker)).toBe(false);
		failed(await call(sim, P.memeDel, { path: SEED.room1Sticker, room_id: SEED.room1 }), '表情不存在');
		failed(await call(sim, P.memeEdit, { path: SEED.room1Emoji, name: '', room_id: SEED.room1 }), 'name');
		const other = ok(await call(sim, P.memeList, undefined, { query: { room_id: SEED.room2 } }));
		expect(other).toEqual({ emoji: [], sticker: [] });
		failed(await call(sim, P.memeDel, { path: SEED.room1Emoji, room_id: SEED.room2 }), '权限不足');
	});
});

describe('rate limits', () => {
	it('overall limit: 429 with Retry-After and the failed envelope; refused requests have no effect', async () => {
		sim.setRateLimit(3);
		for (let i = 0; i < 3; i++) ok(await call(sim, P.send, md()));
		const r = await call(sim, P.send, md());
		expect(r.status).toBe(429);
		expect(r.json).toEqual({ status: 'failed', msg: '请求过于频繁', result: {} });
		expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
		expect(Number(r.headers.get('retry-after'))).toBeLessThanOrEqual(60);
		expect((await call(sim, P.joined, undefined)).status).toBe(429);
		expect(sim.stats.rateLimited).toBe(2);
		expect(sim.state.sentMessages()).toHaveLength(3);
		sim.advance(60001);
		ok(await call(sim, P.send, md()));
		sim.setRateLimit(null);
		for (let i = 0; i < 5; i++) ok(await call(sim, P.joined, undefined));
	});

	it('Retry-After counts down as the window slides', async () => {
		sim.setRateLimit(1);
		ok(await call(sim, P.joined, undefined));
		sim.advance(45000);
		const r = await call(sim, P.joined, undefined);
		expect(r.status).toBe(429);
		expect(r.headers.get('retry-after')).toBe('15');
	});

	it('the DM limit is separate', async () => {
		sim.setRateLimit(null, 2);
		ok(await call(sim, P.dm, dmBody()));
		ok(await call(sim, P.dm, dmBody()));
		const r = await call(sim, P.dm, dmBody());
		expect(r.status).toBe(429);
		expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
		ok(await call(sim, P.send, md()));
		expect(sim.state.dms).toHaveLength(2);
		expect(sim.stats.rateLimited).toBe(1);
	});

	it('unauthorised requests do not count; reset restores the start options', async () => {
		sim.setRateLimit(1);
		expect((await call(sim, P.joined, undefined, { token: 'bad' })).status).toBe(401);
		ok(await call(sim, P.joined, undefined));
		sim.reset();
		for (let i = 0; i < 3; i++) ok(await call(sim, P.joined, undefined));
	});

	it('start options and timeScale: the window passes in real time / timeScale', async () => {
		const fast = await HeyboxSimulator.start({ rateLimitPerMinute: 2, dmPerMinute: 1, timeScale: 300 }); // 60 s = 200 ms
		try {
			ok(await call(fast, P.joined, undefined));
			ok(await call(fast, P.dm, dmBody()));
			const r = await call(fast, P.joined, undefined);
			expect(r.status).toBe(429);
			expect(r.headers.get('retry-after')).toBe('1');
			await new Promise((res) => setTimeout(res, 260));
			ok(await call(fast, P.joined, undefined));
			expect(fast.stats.rateLimited).toBe(1);
		} finally {
			await fast.close();
		}
	});
});

describe('faults', () => {
	it('failedMsg answers a failed envelope with HTTP 200 and has no effect', async () => {
		sim.fault({ path: 'channel_msg/send', failedMsg: '权限不足' });
		const r = await call(sim, P.send, md());
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ status: 'failed', msg: '权限不足', result: {} });
		expect(sim.state.sentMessages()).toHaveLength(0);
		ok(await call(sim, P.send, md()));
	});

	it('only matching paths; times; status; raw body; Retry-After', async () => {
		sim.fault({ path: '/chatroom/v2/channel_msg/send', times: 2, status: 502 });
		ok(await call(sim, P.joined, undefined));
		expect((await call(sim, P.send, md())).status).toBe(502);
		expect((await call(sim, P.send, md())).text).toBe('');
		ok(await call(sim, P.send, md()));
		sim.fault({ status: 503, body: '<html>503</html>' });
		const html = await call(sim, P.joined, undefined);
		expect(html.status).toBe(503);
		expect(html.headers.get('content-type')).toContain('text/html');
		sim.fault({ status: 429, retryAfter: '2' });
		const limited = await call(sim, P.dm, dmBody());
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('2');
		expect(limited.json).toMatchObject({ status: 'failed', msg: '请求过于频繁' });
		sim.fault({ body: '{"status":"ok","msg":"","result":{"msg_id":1843536909979836416}}', contentType: 'application/json' });
		expect((await call(sim, P.send, md())).text).toContain('1843536909979836416');
		expect(sim.stats.rateLimited).toBe(0);
	});

	it('delayMs delays a normal answer; reset destroys the socket', async () => {
		sim.fault({ path: 'room/joined', delayMs: 120 });
		const t0 = Date.now();
		ok(await call(sim, P.joined, undefined));
		expect(Date.now() - t0).toBeGreaterThanOrEqual(100);
		sim.fault({ reset: true });
		await expect(call(sim, P.send, md())).rejects.toThrow();
		expect(sim.last()?.response.status).toBe(0);
		expect(sim.state.sentMessages()).toHaveLength(0);
	});
});

describe('numericIds', () => {
	let num: HeyboxSimulator;
	beforeAll(async () => {
		num = await HeyboxSimulator.start({ numericIds: true });
	});
	afterAll(async () => {
		await num.close();
	});

	it('writes 19-digit ids as bare integers with every digit', async () => {
		const sent = await call(num, P.send, md());
		const id = [...num.state.messages.keys()].pop() as string;
		expect(sent.text).toContain(`"msg_id":${id},`);
		expect(sent.text).toContain(`"msg_seq":${id}}`);
		expect(sent.text).toContain('"heychat_ack_id":"');
		expect(sent.json.result.msg_id).toBe(id);
		// JSON.parse loses digits: that is what the node must cope with
		expect(String(JSON.parse(sent.text).result.msg_id)).not.toBe(id);

		const joined = await call(num, P.joined, undefined);
		expect(joined.text).toContain(`"room_id":${SEED.room1},`);
		expect(joined.text).toContain('"public_id":"10086"');
		const roles = await call(num, P.roles, undefined, { query: { room_id: SEED.room1 } });
		expect(roles.text).toContain(`"id":${SEED.room1BotRole},`);
		expect(roles.text).toContain(`"permissions":"${ALL_PERMISSIONS}"`);
		const users = await call(num, P.users, undefined, { query: { room_id: SEED.room1 } });
		expect(users.text).toContain(`"roles":[${SEED.room1Admin}]`);
		const memes = await call(num, P.memeList, undefined, { query: { room_id: SEED.room1 } });
		expect(memes.text).toContain(`"path":${SEED.room1Emoji},`);
		const view = await call(num, P.view, undefined, { query: { room_id: SEED.room1 } });
		expect(view.text).toContain(`"parent_id":${SEED.room1Category},`);
		expect(view.json.result.channels[0].channel_list[0].channel_id).toBe(SEED.room1Text);
	});

	it('requests must still send ids as strings', async () => {
		const raw = JSON.stringify(md()).replace(`"channel_id":"${SEED.room1Text}"`, `"channel_id":${SEED.room1Text}`);
		failed(await call(num, P.send, undefined, { raw }), 'channel_id');
	});
});

describe('sandbox endpoints and reset', () => {
	it('GET /__inbox lists channel messages and DMs newest first; /__requests is JSON', async () => {
		ok(await call(sim, P.send, md({ msg: 'first <b>' })));
		ok(await call(sim, P.dm, dmBody({ msg: 'second dm' })));
		const inbox = await fetch(`${sim.url}/__inbox`);
		expect(inbox.headers.get('content-type')).toContain('text/html');
		const html = await inbox.text();
		expect(html).toContain('first &lt;b&gt;');
		expect(html.indexOf('second dm')).toBeLessThan(html.indexOf('first &lt;b&gt;'));
		expect(html).toContain('大家好');
		const reqs: any = await (await fetch(`${sim.url}/__requests`)).json();
		expect(reqs.map((r: any) => r.path)).toEqual([P.send, P.dm]);
		expect(sim.requests).toHaveLength(2);
	});

	it('reset restores the seed, clears requests, stats and acks', async () => {
		ok(await call(sim, P.send, md({ heychat_ack_id: 'r-1' })));
		failed(await call(sim, P.send, md({ heychat_ack_id: 'r-1' })), '请勿重复发送');
		ok(await call(sim, P.leave, { room_id: SEED.room1 }));
		sim.reset();
		expect(sim.requests).toHaveLength(0);
		expect(sim.stats).toEqual({ rateLimited: 0, duplicateAcks: 0 });
		expect(sim.state.sentMessages()).toHaveLength(0);
		expect(sim.state.messages.size).toBe(3);
		expect(sim.state.leftRooms.size).toBe(0);
		const again = ok(await call(sim, P.send, md({ heychat_ack_id: 'r-1' })));
		expect(again.msg_id).toBe('1900000000000000001');
	});
});
