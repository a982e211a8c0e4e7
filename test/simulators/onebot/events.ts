/**
 * Event builders: the JSON a OneBot v11 implementation reports (HTTP POST body, or a WebSocket
 * frame on `/` and `/event`), shaped like each dialect (reference: onebot-v11.md, section 4).
 *
 *   messageEvent('gocqhttp', { messageType: 'group', groupId: 20002, userId: 30003, message: [...] })
 *   noticeEvent('napcat', 'group_recall', { group_id: 20002, user_id: 30003, operator_id: 30003, message_id: 1 })
 *   requestEvent('lagrange', 'friend', { user_id: 123456, comment: 'hi' })
 *   heartbeatEvent('napcat', 30000); lifecycleEvent('gocqhttp', 'connect')
 *
 * The builders have no side effects except two counters (default `message_id` and request `flag`),
 * so every event is distinct unless the caller pins the values.
 */
import { decodeCQ, encodeCQ } from './cq.ts';
import { nowSeconds } from './state.ts';
import type { Segment } from './cq.ts';
import type { Dialect } from './dialects.ts';

export type OneBotEvent = Record<string, unknown>;

export type MessageFormat = 'string' | 'array';

export interface MessageEventOptions {
	messageType: 'private' | 'group';
	userId: number;
	groupId?: number;
	/** default 10001 */
	selfId?: number;
	/** segments (a string is read as a CQ-code string) */
	message: Segment[] | string;
	/** default: a process-wide counter starting at 2000000 */
	messageId?: number;
	/** Unix seconds, default now */
	time?: number;
	/** merged over the dialect's default sender object */
	sender?: Record<string, unknown>;
	/** default per dialect: go-cqhttp 'string', NapCat / LLOneBot / Lagrange 'array' */
	format?: MessageFormat;
	/** default 'message'; 'message_sent' = the bot's own message (reportSelfMessage) */
	postType?: 'message' | 'message_sent';
	/** default: private 'friend', group 'normal' ('anonymous' when `anonymous` is set) */
	subType?: string;
	/** NapCat `group_name` (default `group <id>`) */
	groupName?: string;
	/** group: the spec's `anonymous` object (go-cqhttp / Lagrange send null when absent) */
	anonymous?: { id: number; name: string; flag: string } | null;
	/** private message started from a group (sub_type 'group'): go-cqhttp `temp_source`, NapCat `group_id` */
	tempGroupId?: number;
}

/** Message format each implementation reports by default (reference 1.6, "Message format in events"). */
export const DEFAULT_EVENT_FORMAT: Record<Dialect, MessageFormat> = {
	gocqhttp: 'string',
	napcat: 'array',
	llonebot: 'array',
	lagrange: 'array',
};

let nextMessageId = 2000000;
let nextFlag = 7000000001;

function clone<T>(v: T): T {
	return JSON.parse(JSON.stringify(v)) as T;
}

function defaultSender(dialect: Dialect, o: MessageEventOptions): Record<string, unknown> {
	const nickname = `user${o.userId}`;
	const nt = dialect === 'napcat' || dialect === 'llonebot';
	if (o.messageType === 'group') {
		// NapCat / LLOneBot: {user_id, nickname, card, role}; go-cqhttp / Lagrange: the spec's full object
		if (nt) return { user_id: o.userId, nickname, card: '', role: 'member' };
		return { user_id: o.userId, nickname, card: '', sex: 'unknown', age: 0, area: '', level: '', role: 'member', title: '' };
	}
	if (nt) return { user_id: o.userId, nickname, card: '' };
	return { user_id: o.userId, nickname, sex: 'unknown', age: 0 };
}

/**
 * A message (or message_sent) event. `message` follows the format (CQ string or segment array);
 * `raw_message` is always the CQ string, escaped per OB11 `message/string.md`.
 */
export function messageEvent(dialect: Dialect, opts: MessageEventOptions): OneBotEvent {
	if (opts.messageType === 'group' && opts.groupId === undefined) throw new Error('messageEvent: groupId is required for group messages');
	const segments: Segment[] = typeof opts.message === 'string' ? decodeCQ(opts.message) : clone(opts.message);
	const format = opts.format ?? DEFAULT_EVENT_FORMAT[dialect];
	const raw = encodeCQ(segments);
	const message: Segment[] | string = format === 'string' ? raw : segments;
	const selfId = opts.selfId ?? 10001;
	const time = opts.time ?? nowSeconds();
	const messageId = opts.messageId ?? nextMessageId++;
	const postType = opts.postType ?? 'message';
	const group = opts.messageType === 'group';
	const anonymous = group ? (opts.anonymous ?? null) : null;
	const subType = opts.subType ?? (group ? (anonymous ? 'anonymous' : 'normal') : opts.tempGroupId !== undefined ? 'group' : 'friend');
	const sender = { ...defaultSender(dialect, opts), ...(opts.sender ?? {}) };

	switch (dialect) {
		case 'napcat':
		case 'llonebot': {
			// NC onebot/api/msg.ts: the field order of resMsg; LLOB OB11Entities.message
			const ev: OneBotEvent = {
				self_id: selfId,
				user_id: opts.userId,
				time,
				message_id: messageId,
				message_seq: messageId,
				real_id: messageId,
			};
			if (dialect === 'napcat') ev.real_seq = String(messageId);
			Object.assign(ev, {
				message_type: opts.messageType,
				sender,
				raw_message: raw,
				font: 14,
				sub_type: subType,
				message,
				message_format: format,
				post_type: postType,
			});
			if (group) {
				ev.group_id = opts.groupId;
				if (dialect === 'napcat') ev.group_name = opts.groupName ?? `group ${opts.groupId}`;
			} else if (opts.tempGroupId !== undefined) {
				ev.group_id = opts.tempGroupId;
			}
			if (postType === 'message_sent') {
				ev.message_sent_type = 'self';
				if (!group) ev.target_id = opts.userId;
			}
			return ev;
		}
		case 'gocqhttp': {
			const ev: OneBotEvent = {
				post_type: postType,
				message_type: opts.messageType,
				time,
				self_id: selfId,
				sub_type: subType,
				message_id: messageId,
			};
			if (group) {
				ev.group_id = opts.groupId;
				ev.anonymous = anonymous;
			} else {
				ev.target_id = selfId;
				if (opts.tempGroupId !== undefined) ev.temp_source = 0;
			}
			Object.assign(ev, { user_id: opts.userId, message, raw_message: raw, font: 0, sender });
			if (group) ev.message_seq = messageId;
			return ev;
		}
		case 'lagrange': {
			const ev: OneBotEvent = {
				time,
				self_id: selfId,
				post_type: postType,
				message_type: opts.messageType,
				sub_type: subType,
				message_id: messageId,
			};
			if (group) ev.group_id = opts.groupId;
			ev.user_id = opts.userId;
			if (group) ev.anonymous = anonymous;
			else ev.target_id = selfId;
			Object.assign(ev, { message, raw_message: raw, font: 0, sender });
			return ev;
		}
	}
}

function base(postType: string): OneBotEvent {
	return { time: nowSeconds(), self_id: 10001, post_type: postType };
}

/**
 * A notice event: `{time, self_id, post_type: 'notice', notice_type, ...fields}` (`fields` may
 * override `time` / `self_id`). Dialect details: a friend poke (`notify`/`poke` without
 * `group_id`) gets `sender_id` (go-cqhttp, NapCat, LLOneBot) and NapCat's `raw_info`.
 */
export function noticeEvent(dialect: Dialect, noticeType: string, fields: Record<string, unknown> = {}): OneBotEvent {
	const ev: OneBotEvent = { ...base('notice'), notice_type: noticeType, ...fields };
	if (noticeType === 'notify' && ev.sub_type === 'poke' && ev.group_id === undefined) {
		if (dialect !== 'lagrange' && ev.sender_id === undefined) ev.sender_id = ev.user_id;
		if (dialect === 'napcat' && ev.raw_info === undefined) ev.raw_info = [];
	}
	return ev;
}

/**
 * A request event. friend: `{user_id, comment, flag}`; group: `{sub_type ('add' default), group_id,
 * user_id, comment, flag}`. `flag` defaults to a fresh numeric string.
 */
export function requestEvent(_dialect: Dialect, requestType: 'friend' | 'group' | string, fields: Record<string, unknown> = {}): OneBotEvent {
	const ev: OneBotEvent = { ...base('request'), request_type: requestType };
	if (requestType === 'group') ev.sub_type = 'add';
	ev.comment = '';
	ev.flag = String(nextFlag++);
	return { ...ev, ...fields };
}

export interface MetaEventOptions {
	selfId?: number;
	time?: number;
}

/** A heartbeat meta event with the dialect's `status` object and `interval` (ms). */
export function heartbeatEvent(dialect: Dialect, intervalMs: number, opts: MetaEventOptions = {}): OneBotEvent {
	const status: Record<string, unknown> =
		dialect === 'gocqhttp'
			? {
					app_initialized: true,
					app_enabled: true,
					plugins_good: null,
					app_good: true,
					online: true,
					good: true,
					stat: { packet_received: 0, packet_sent: 0, packet_lost: 0, message_received: 0, message_sent: 0, disconnect_times: 0, lost_times: 0, last_message_time: 0 },
				}
			: { online: true, good: true };
	return {
		time: opts.time ?? nowSeconds(),
		self_id: opts.selfId ?? 10001,
		post_type: 'meta_event',
		meta_event_type: 'heartbeat',
		status,
		interval: intervalMs,
	};
}

/** A lifecycle meta event (`enable` / `disable` over HTTP POST, `connect` over WebSocket). */
export function lifecycleEvent(dialect: Dialect, subType: 'enable' | 'disable' | 'connect' | string, opts: MetaEventOptions = {}): OneBotEvent {
	const time = opts.time ?? nowSeconds();
	const selfId = opts.selfId ?? 10001;
	if (dialect === 'gocqhttp') {
		// go-cqhttp writes this handshake as a literal string with sorted keys (server/websocket.go)
		return { meta_event_type: 'lifecycle', post_type: 'meta_event', self_id: selfId, sub_type: subType, time };
	}
	return { time, self_id: selfId, post_type: 'meta_event', meta_event_type: 'lifecycle', sub_type: subType };
}
