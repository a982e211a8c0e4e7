/**
 * Pure builders for the `data` payloads of Heybox gateway events (reference section 6), plus the
 * envelope serialiser the gateway uses. Names and avatars come from the seed (SEED / USERS) or
 * from a `state` you pass (e.g. `sim.state`); unknown ids fall back to generic values, so any
 * room / channel / user id can be used.
 *
 * Every 19-digit id in a payload is a decimal STRING here; `stringifyEvent(…, true)` writes the
 * `room_id`, `channel_id` and `msg_id` values (at any depth) as bare integers with exact digits.
 *
 *   const ev = commandEvent({ name: '/weather', options: [{ name: 'city', type: 3, value: '上海' }] });
 *   sim.pushEvent(ev);                     // or sim.pushEvent(ev.type, ev.data)
 */
import { JsonNumber } from './json.ts';
import { BOT_USER_ID, HeyboxState, SEED, SEED_TIME_MS, USERS } from './state.ts';
import type { Member, User } from './state.ts';

/** event `type` values (strings, as the service sends them) */
export const EVENT_TYPES = {
	/** a user ran a bot slash command [OFF] */
	command: '50',
	/** a user joined (state 1) or left (state 0) a room [OFF] */
	joinLeave: '3001',
	/** a user added or removed a reaction [OFF] */
	reaction: '5003',
	/** a card button was clicked [OFF] */
	buttonClick: 'card_message_btn_click',
	/** an ordinary channel message [unofficial] */
	channelMessage: '5',
} as const;

/** `notify_type` of unofficial type-5 channel messages */
export const NOTIFY_USER_IM_MESSAGE = 'USER_IM_MESSAGE';

/** first `sequence` the gateway hands out (the official envelope example) */
export const FIRST_SEQUENCE = 11736260019;

/** keys whose snowflake values `numericIds` writes as bare integers */
export const EVENT_ID_KEYS: ReadonlySet<string> = new Set(['room_id', 'channel_id', 'msg_id']);

/** what the builders return: feed it to `sim.pushEvent(event)` or `sim.pushEvent(event.type, event.data)` */
export interface HeyboxEvent {
	type: string;
	/** '' for the documented events, 'USER_IM_MESSAGE' for type 5 */
	notifyType: string;
	data: Record<string, unknown>;
}

/** the envelope as sent on the socket (before serialisation) */
export interface HeyboxEventEnvelope {
	/** digits; written as a bare JSON integer */
	sequence: string;
	type: string;
	notify_type: string;
	data: object;
	/** ms */
	timestamp: number;
}

export interface CommandOption {
	name: string;
	/** 3 string, 4 number (or integer), 5 boolean, 6 user, 7 channel, 8 role, 10 integer, 11 file, 12 image … */
	type: number;
	/** the service sends option values as strings; anything given is passed through unchanged */
	value: unknown;
}

interface BaseOptions {
	/** where names, avatars and member roles are looked up (default: a seeded state) */
	state?: HeyboxState;
	/** ms (default SEED_TIME_MS); also feeds the default msg_id */
	sendTime?: number;
	/** extra fields merged over `data` (last word: override or add anything) */
	extra?: Record<string, unknown>;
}

export interface CommandEventOptions extends BaseOptions {
	/** default SEED.room1 */
	roomId?: string;
	/** default SEED.room1Text */
	channelId?: string;
	/** default USERS.ali */
	userId?: number;
	/** e.g. '/weather' */
	name: string;
	options?: CommandOption[];
	/** default derived from sendTime (19 digits) */
	msgId?: string;
	/** `command_info.id` (19-digit string derived from the name by default; '' = an unregistered command) */
	commandId?: string;
	/** `command_info.type` (default 0) */
	commandType?: number;
	/** default BOT_USER_ID */
	botId?: number;
	/** `command_info.files` (option type 11, HeyBox.Net) */
	files?: unknown[];
	/** `command_info.images` (option type 12, HeyBox.Net) */
	images?: unknown[];
}

export interface JoinLeaveEventOptions extends BaseOptions {
	/** default SEED.room1 */
	roomId?: string;
	/** default USERS.tester */
	userId?: number;
	/** true → state 1, false → state 0 */
	joined: boolean;
}

export interface ReactionEventOptions extends Omit<BaseOptions, 'sendTime'> {
	/** default SEED.room1; `room_id` is read by SDKs but not in the official example */
	roomId?: string;
	/** leave `room_id` out (the official example form); default false */
	omitRoomId?: boolean;
	/** default SEED.room1Text */
	channelId?: string;
	/** default SEED.room1Msg */
	msgId?: string;
	/** default USERS.ali */
	userId?: number;
	/** e.g. '[cube_doge]' (default) or '[custom<room>_<path>.<ext>]' */
	emoji?: string;
	/** true → is_add 1, false → 0 */
	isAdd: boolean;
}

export interface ButtonClickEventOptions extends BaseOptions {
	/** default SEED.room1 */
	roomId?: string;
	/** default SEED.room1Text */
	channelId?: string;
	/** the card message clicked (default SEED.room1Msg) */
	msgId?: string;
	/** default USERS.ali */
	userId?: number;
	/** the button text */
	text: string;
	/** the button value */
	value: string;
	/** 'server' (default) or 'link-to' */
	event?: string;
	/** default 'web' */
	osType?: string;
}

export interface ChannelMessageEventOptions extends BaseOptions {
	/** default SEED.room1 */
	roomId?: string;
	/** default SEED.room1Text */
	channelId?: string;
	/** default USERS.ali */
	userId?: number;
	msg: string;
	/** default 10 when `msg` holds `@{…}` / `#{…}` tokens, else 4 */
	msgType?: number;
	/** default derived from sendTime (19 digits) */
	msgId?: string;
	/** object (serialised) or string as is; default '{}' */
	addition?: Record<string, unknown> | string;
	img?: string;
	/** put `bot_command` into `addition` */
	botCommand?: Record<string, unknown>;
}

let seedState: HeyboxState | undefined;
function lookup(state?: HeyboxState): HeyboxState {
	if (state) return state;
	seedState ??= new HeyboxState();
	return seedState;
}

/** 19-digit id from the send time: 1850000000000000000 + ms */
export function msgIdFor(sendTime: number): string {
	return (1850000000000000000n + BigInt(Math.max(0, Math.floor(sendTime)))).toString();
}

/** a stable 19-digit `command_info.id` for a command name (FNV-1a) */
export function commandIdFor(name: string): string {
	let h = 0xcbf29ce484222325n;
	for (const byte of Buffer.from(name, 'utf8')) {
		h ^= BigInt(byte);
		h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
	}
	return (1800000000000000000n + (h % 100000000000000000n)).toString();
}

function userOf(s: HeyboxState, userId: number): User {
	return (
		s.users.get(userId) ?? {
			user_id: userId,
			nickname: `用户${userId}`,
			avatar: `https://chat.max-c.com/pic/avatar_${userId}.png`,
			avatar_decoration: { src_type: '', src_url: '' },
			bot: false,
			level: 1,
			medals: [],
			tag: null,
		}
	);
}

function roomBaseInfo(s: HeyboxState, roomId: string): Record<string, unknown> {
	const r = s.rooms.get(roomId);
	return { room_avatar: r?.room_avatar ?? `https://chat.max-c.com/pic/room_${roomId}.png`, room_id: roomId, room_name: r?.room_name ?? `房间${roomId.slice(-4)}` };
}

function channelBaseInfo(s: HeyboxState, channelId: string): Record<string, unknown> {
	const c = s.channels.get(channelId);
	return { channel_id: channelId, channel_name: c?.channel_name ?? `频道${channelId.slice(-4)}`, channel_type: c?.channel_type ?? 1 };
}

/** a RoomUser (`sender_info`): roles are the member's role ids, null for a non-member */
function roomUser(s: HeyboxState, roomId: string, userId: number): Record<string, unknown> {
	const u = userOf(s, userId);
	const m: Member | undefined = s.member(roomId, userId);
	return {
		avatar: u.avatar,
		avatar_decoration: { ...u.avatar_decoration },
		bot: u.bot,
		level: u.level,
		medals: [...u.medals],
		nickname: u.nickname,
		roles: m ? [...m.roles] : null,
		room_nickname: m?.room_nickname ?? '',
		tag: u.tag,
		user_id: u.user_id,
	};
}

function finish(type: string, data: Record<string, unknown>, extra?: Record<string, unknown>, notifyType = ''): HeyboxEvent {
	return { type, notifyType, data: extra ? { ...data, ...extra } : data };
}

/** type "50": `{bot_id, channel_base_info, command_info{id, name, type, options}, msg_id, room_base_info, send_time, sender_info}` */
export function commandEvent(o: CommandEventOptions): HeyboxEvent {
	const s = lookup(o.state);
	const roomId = o.roomId ?? SEED.room1;
	const sendTime = o.sendTime ?? SEED_TIME_MS;
	const commandInfo: Record<string, unknown> = {
		id: o.commandId ?? commandIdFor(o.name),
		name: o.name,
		type: o.commandType ?? 0,
		options: (o.options ?? []).map((x) => ({ name: x.name, type: x.type, value: x.value })),
	};
	if (o.files) commandInfo.files = o.files;
	if (o.images) commandInfo.images = o.images;
	return finish(
		EVENT_TYPES.command,
		{
			bot_id: o.botId ?? BOT_USER_ID,
			channel_base_info: channelBaseInfo(s, o.channelId ?? SEED.room1Text),
			command_info: commandInfo,
			msg_id: o.msgId ?? msgIdFor(sendTime),
			room_base_info: roomBaseInfo(s, roomId),
			send_time: sendTime,
			sender_info: roomUser(s, roomId, o.userId ?? USERS.ali),
		},
		o.extra,
	);
}

/** type "3001": `{room_base_info, state: 1 | 0, user_info}` (user_info without roles / room_nickname) */
export function joinLeaveEvent(o: JoinLeaveEventOptions): HeyboxEvent {
	const s = lookup(o.state);
	const roomId = o.roomId ?? SEED.room1;
	const u = userOf(s, o.userId ?? USERS.tester);
	return finish(
		EVENT_TYPES.joinLeave,
		{
			room_base_info: roomBaseInfo(s, roomId),
			state: o.joined ? 1 : 0,
			user_info: {
				avatar: u.avatar,
				avatar_decoration: { ...u.avatar_decoration },
				bot: u.bot,
				level: u.level,
				medals: [...u.medals],
				nickname: u.nickname,
				tag: u.tag,
				user_id: u.user_id,
			},
		},
		o.extra,
	);
}

/** type "5003": `{channel_id, emoji, is_add: 1 | 0, msg_id, user_id, room_id}` (room_id unless omitRoomId) */
export function reactionEvent(o: ReactionEventOptions): HeyboxEvent {
	const data: Record<string, unknown> = {
		channel_id: o.channelId ?? SEED.room1Text,
		emoji: o.emoji ?? '[cube_doge]',
		is_add: o.isAdd ? 1 : 0,
		msg_id: o.msgId ?? SEED.room1Msg,
		user_id: o.userId ?? USERS.ali,
	};
	if (!o.omitRoomId) data.room_id = o.roomId ?? SEED.room1;
	return finish(EVENT_TYPES.reaction, data, o.extra);
}

/** type "card_message_btn_click": `{channel_base_info, event, msg_id, os_type, room_base_info, send_time, sender_info, text, value}` */
export function buttonClickEvent(o: ButtonClickEventOptions): HeyboxEvent {
	const s = lookup(o.state);
	const roomId = o.roomId ?? SEED.room1;
	return finish(
		EVENT_TYPES.buttonClick,
		{
			channel_base_info: channelBaseInfo(s, o.channelId ?? SEED.room1Text),
			event: o.event ?? 'server',
			msg_id: o.msgId ?? SEED.room1Msg,
			os_type: o.osType ?? 'web',
			room_base_info: roomBaseInfo(s, roomId),
			send_time: o.sendTime ?? SEED_TIME_MS,
			sender_info: roomUser(s, roomId, o.userId ?? USERS.ali),
			text: o.text,
			value: o.value,
		},
		o.extra,
	);
}

/**
 * type "5" (unofficial, notify_type 'USER_IM_MESSAGE'), flat form: room/channel fields, the message,
 * and the sender's fields side by side (`user_id, nickname, avatar, …, roles, room_nickname, is_master`).
 */
export function channelMessageEvent(o: ChannelMessageEventOptions): HeyboxEvent {
	const s = lookup(o.state);
	const roomId = o.roomId ?? SEED.room1;
	const channelId = o.channelId ?? SEED.room1Text;
	const sendTime = o.sendTime ?? SEED_TIME_MS;
	const msgId = o.msgId ?? msgIdFor(sendTime);
	const ch = channelBaseInfo(s, channelId);
	const u = userOf(s, o.userId ?? USERS.ali);
	const m = s.member(roomId, u.user_id);
	let addition: string;
	if (typeof o.addition === 'string') addition = o.addition;
	else {
		const add: Record<string, unknown> = { ...(o.addition ?? {}) };
		if (o.botCommand) add.bot_command = o.botCommand;
		addition = JSON.stringify(add);
	}
	return finish(
		EVENT_TYPES.channelMessage,
		{
			room_id: roomId,
			channel_id: channelId,
			channel_name: ch.channel_name,
			channel_type: ch.channel_type,
			msg_id: msgId,
			im_seq: msgId,
			msg: o.msg,
			msg_type: o.msgType ?? (/[@#]\{[^}]*\}/.test(o.msg) ? 10 : 4),
			addition,
			img: o.img ?? '',
			img_info: null,
			user_id: u.user_id,
			nickname: u.nickname,
			avatar: u.avatar,
			avatar_decoration: { ...u.avatar_decoration },
			bot: u.bot,
			level: u.level,
			roles: m ? [...m.roles] : [],
			room_nickname: m?.room_nickname ?? '',
			send_time: sendTime,
			state: 0,
			receive_type: 0,
			chatmobile_ack_id: '',
			heybox_ack_id: '',
			heychat_ack_id: '',
			is_master: m?.is_master ?? false,
		},
		o.extra,
		NOTIFY_USER_IM_MESSAGE,
	);
}

const SNOWFLAKE = /^[1-9]\d{15,19}$/;

/** `sequence` as digits: integers (number, bigint, or a digit string), else throws */
export function normaliseSequence(seq: number | string | bigint): string {
	const t = typeof seq === 'number' ? (Number.isSafeInteger(seq) ? String(seq) : '') : String(seq).trim();
	if (!/^-?\d+$/.test(t)) throw new Error(`sequence must be an integer, got ${String(seq)}`);
	return BigInt(t).toString();
}

/**
 * Envelope text `{"sequence":<int>,"type":"…","notify_type":"…","data":{…},"timestamp":<ms>}`;
 * with `numericIds` the snowflake strings under room_id / channel_id / msg_id are bare integers.
 */
export function stringifyEvent(env: HeyboxEventEnvelope, numericIds = false): string {
	return `{"sequence":${normaliseSequence(env.sequence)},"type":${JSON.stringify(env.type)},"notify_type":${JSON.stringify(env.notify_type)},"data":${write(env.data, numericIds, false)},"timestamp":${Math.floor(env.timestamp)}}`;
}

function write(v: unknown, numericIds: boolean, idContext: boolean): string {
	if (v === undefined) return 'null';
	if (typeof v === 'string') return numericIds && idContext && SNOWFLAKE.test(v) ? v : JSON.stringify(v);
	if (typeof v === 'bigint') return v.toString();
	if (v instanceof JsonNumber) return v.text;
	if (Array.isArray(v)) return `[${v.map((x) => write(x, numericIds, idContext)).join(',')}]`;
	if (v !== null && typeof v === 'object') {
		if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return write((v as { toJSON: () => unknown }).toJSON(), numericIds, idContext);
		const parts: string[] = [];
		for (const [k, x] of Object.entries(v)) {
			if (x === undefined) continue;
			parts.push(`${JSON.stringify(k)}:${write(x, numericIds, EVENT_ID_KEYS.has(k))}`);
		}
		return `{${parts.join(',')}}`;
	}
	return JSON.stringify(v) ?? 'null';
}
