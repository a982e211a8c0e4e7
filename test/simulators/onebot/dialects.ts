/**
 * Per-implementation differences of the OneBot v11 HTTP API (reference: onebot-v11.md, 1.2, 1.3,
 * 2.1, 2.2). Everything dialect-specific that is data rather than logic lives here.
 */

export type Dialect = 'napcat' | 'gocqhttp' | 'llonebot' | 'lagrange';

export const DIALECTS: readonly Dialect[] = ['napcat', 'gocqhttp', 'llonebot', 'lagrange'];

/** Actions every implementation has (reference 2.1, plus the ✓✓✓✓ rows of 2.2). */
const COMMON_ACTIONS = [
	'get_login_info',
	'get_status',
	'get_version_info',
	'can_send_image',
	'can_send_record',
	'send_private_msg',
	'send_group_msg',
	'send_msg',
	'delete_msg',
	'get_msg',
	'get_forward_msg',
	'send_private_forward_msg',
	'send_group_forward_msg',
	'send_forward_msg',
	'send_like',
	'get_stranger_info',
	'get_friend_list',
	'get_group_info',
	'get_group_list',
	'get_group_member_info',
	'get_group_member_list',
	'set_group_kick',
	'set_group_ban',
	'set_group_whole_ban',
	'set_group_card',
	'set_group_name',
	'set_group_leave',
	'upload_group_file',
	'upload_private_file',
	'mark_msg_as_read',
	'get_group_msg_history',
];

const EXTRA_ACTIONS: Record<Dialect, string[]> = {
	gocqhttp: [],
	napcat: [
		'set_msg_emoji_like',
		'friend_poke',
		'group_poke',
		'send_poke',
		'get_friend_msg_history',
		'mark_private_msg_as_read',
		'mark_group_msg_as_read',
		'_mark_all_as_read',
	],
	llonebot: ['set_msg_emoji_like', 'unset_msg_emoji_like', 'friend_poke', 'group_poke', 'get_friend_msg_history'],
	lagrange: ['set_group_reaction', 'friend_poke', 'group_poke', 'send_poke', 'get_friend_msg_history'],
};

export interface DialectProfile {
	name: Dialect;
	appName: string;
	appVersion: string;
	actions: ReadonlySet<string>;
	/** action-name suffixes that run the base action synchronously (reference 1.7) */
	suffixes: readonly string[];
	/** `set_group_ban` duration when the parameter is missing */
	banDefault: number;
	/** retcode for bad parameters */
	paramRetcode: number;
	/** retcode for handler errors (not found, permission, ...) */
	handlerRetcode: number;
	unknownHttpStatus: number;
	unknownRetcode: number;
	/** message format of get_msg / get_forward_msg content (go-cqhttp's post-format defaults to string) */
	messageFormat: 'string' | 'array';
	/** NapCat: `message` is an alias of `messages` in forward sends */
	forwardMessageAlias: boolean;
	/** parameter names get_forward_msg reads, in order */
	getForwardParams: readonly string[];
	/** `data.messages` ([{content, sender, time}]) or `data.message` ([node segments]) */
	getForwardShape: 'messages' | 'message';
	/** upload_*_file: true = path, file://, http(s)://, base64://, data:; false = absolute local path only */
	uploadAnySource: boolean;
	/** upload_*_file: `name` is required */
	uploadNameRequired: boolean;
}

function profile(
	name: Dialect,
	p: Omit<DialectProfile, 'name' | 'actions'>,
): DialectProfile {
	return { name, actions: new Set([...COMMON_ACTIONS, ...EXTRA_ACTIONS[name]]), ...p };
}

export const PROFILES: Record<Dialect, DialectProfile> = {
	gocqhttp: profile('gocqhttp', {
		appName: 'go-cqhttp',
		appVersion: 'v1.2.0',
		suffixes: ['_async'],
		banDefault: 1800,
		paramRetcode: 100,
		handlerRetcode: 100,
		unknownHttpStatus: 200,
		unknownRetcode: 404,
		messageFormat: 'string',
		forwardMessageAlias: false,
		getForwardParams: ['message_id', 'id'],
		getForwardShape: 'messages',
		uploadAnySource: false,
		uploadNameRequired: true,
	}),
	napcat: profile('napcat', {
		appName: 'NapCat.Onebot',
		appVersion: '4.8.93',
		suffixes: ['_async', '_rate_limited'],
		banDefault: 0,
		paramRetcode: 400,
		handlerRetcode: 200,
		unknownHttpStatus: 200,
		unknownRetcode: 200,
		messageFormat: 'array',
		forwardMessageAlias: true,
		getForwardParams: ['message_id', 'id'],
		getForwardShape: 'messages',
		uploadAnySource: true,
		uploadNameRequired: true,
	}),
	llonebot: profile('llonebot', {
		appName: 'LLOneBot',
		appVersion: '6.4.0',
		suffixes: ['_async', '_rate_limited'],
		banDefault: 1800,
		paramRetcode: 400,
		handlerRetcode: 200,
		unknownHttpStatus: 404,
		unknownRetcode: 404,
		messageFormat: 'array',
		forwardMessageAlias: false,
		getForwardParams: ['message_id', 'id'],
		getForwardShape: 'messages',
		uploadAnySource: true,
		uploadNameRequired: false,
	}),
	lagrange: profile('lagrange', {
		appName: 'Lagrange.OneBot',
		appVersion: '0.0.3',
		suffixes: [],
		banDefault: 0,
		paramRetcode: 200,
		handlerRetcode: 200,
		unknownHttpStatus: 200,
		unknownRetcode: 404,
		messageFormat: 'array',
		forwardMessageAlias: false,
		getForwardParams: ['id'],
		getForwardShape: 'message',
		uploadAnySource: false,
		uploadNameRequired: false,
	}),
};

export function isDialect(v: unknown): v is Dialect {
	return typeof v === 'string' && (DIALECTS as readonly string[]).includes(v);
}

/** Maps a requested action name to the handler name (suffix stripping), or undefined if unknown. */
export function resolveAction(dialect: Dialect, action: string): string | undefined {
	const p = PROFILES[dialect];
	if (p.actions.has(action)) return action;
	for (const suffix of p.suffixes) {
		if (action.endsWith(suffix)) {
			const base = action.slice(0, -suffix.length);
			if (p.actions.has(base)) return base;
		}
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Envelopes

export interface EnvelopeInput {
	ok: boolean;
	retcode: number;
	data: unknown;
	/** go-cqhttp's `msg` (an error code like GROUP_NOT_FOUND) */
	code?: string;
	/** human-readable error text */
	text?: string;
	/** the request's `echo` (NapCat answers a random one when absent) */
	echo?: unknown;
}

/** Builds the response envelope exactly as each implementation serialises it. */
export function envelope(dialect: Dialect, e: EnvelopeInput): Record<string, unknown> {
	const status = e.ok ? 'ok' : 'failed';
	const data = e.ok ? (e.data === undefined ? null : e.data) : null;
	const text = e.ok ? '' : (e.text ?? '');
	switch (dialect) {
		case 'gocqhttp':
			// Go marshals map keys in sorted order; failures carry msg + wording (+ message = wording)
			return e.ok
				? { data, message: '', retcode: e.retcode, status }
				: { data: null, message: text, msg: e.code ?? text, retcode: e.retcode, status, wording: text };
		case 'napcat':
			return { status, retcode: e.retcode, data, message: text, wording: text, echo: e.echo ?? null, stream: 'normal-action' };
		case 'llonebot':
			return { status, retcode: e.retcode, data, message: text, wording: text, echo: e.echo ?? null };
		case 'lagrange':
			// no error text ever; over HTTP the echo is always null (the body is wrapped as `params`)
			return { status, retcode: e.retcode, data, echo: null };
	}
}

/** The unknown-action answer: HTTP status + envelope. */
export function unknownAction(dialect: Dialect, action: string, echo: unknown): { status: number; body: Record<string, unknown> } {
	const p = PROFILES[dialect];
	const code = 'API_NOT_FOUND';
	let text = 'API不存在';
	if (dialect === 'napcat') text = `不支持的Api ${action}`;
	if (dialect === 'llonebot') text = `${action.replace(/\//g, '')} API 不存在`;
	return {
		status: p.unknownHttpStatus,
		body: envelope(dialect, { ok: false, retcode: p.unknownRetcode, data: null, code, text, echo }),
	};
}

// ---------------------------------------------------------------------------------------------
// Authentication (reference 1.2 / 1.3)

export interface AuthRejection {
	status: number;
	body: string;
	contentType?: string;
	headers?: Record<string, string>;
}

function headerValue(h: string | string[] | undefined): string | undefined {
	return Array.isArray(h) ? h[0] : h;
}

/** Returns undefined when the request may pass, else the rejection to send. */
export function checkAuth(
	dialect: Dialect,
	token: string,
	headers: Record<string, string | string[] | undefined>,
	query: Record<string, string>,
): AuthRejection | undefined {
	if (!token) return undefined;
	const header = headerValue(headers['authorization']);
	const queryToken = query['access_token'];
	switch (dialect) {
		case 'gocqhttp': {
			// value after the first space; the query only when there is no header
			let given: string | undefined;
			if (header !== undefined && header !== '') {
				const sp = header.indexOf(' ');
				given = sp >= 0 ? header.slice(sp + 1) : header;
			} else {
				given = queryToken;
			}
			if (given === undefined || given === '') return { status: 401, body: '' };
			if (given !== token) return { status: 403, body: '' };
			return undefined;
		}
		case 'napcat': {
			// query token has priority; header parsed as split('Bearer ').pop()
			const fromHeader = header?.split('Bearer ').pop() || '';
			const given = typeof queryToken === 'string' && queryToken !== '' ? queryToken : fromHeader;
			if (given === token) return undefined;
			return { status: 403, body: JSON.stringify({ message: 'token verify failed!' }), contentType: 'text/html; charset=utf-8' };
		}
		case 'llonebot': {
			let given = '';
			if (header) given = header.split('Bearer ').pop() ?? '';
			else if (queryToken) given = queryToken;
			if (given === token) return undefined;
			return { status: 403, body: JSON.stringify({ message: '403' }), contentType: 'application/json; charset=utf-8' };
		}
		case 'lagrange': {
			// header must be exactly `Bearer <token>`; the query is used only when the header is missing
			const authorization = header ?? (queryToken !== undefined ? `Bearer ${queryToken}` : undefined);
			if (authorization === undefined) return { status: 401, body: '', headers: { 'WWW-Authenticate': 'Bearer' } };
			if (authorization !== `Bearer ${token}`) return { status: 403, body: '' };
			return undefined;
		}
	}
}
