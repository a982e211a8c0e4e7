/**
 * The Heybox REST endpoints (reference section 2): one handler per path. A handler returns the
 * `result` object of an ok envelope, or throws a `HeyboxError` (→ `{"status":"failed","msg":…}`).
 * Handlers check every rule before changing any state, so a refused call has no effect.
 */
import { validateCardMsg } from './cards.ts';
import { JsonNumber } from './json.ts';
import type { MultipartResult } from './multipart.ts';
import { CHANNEL_ANNOUNCEMENT, CHANNEL_CATEGORY, CHANNEL_TEXT, PERM } from './state.ts';
import type { Channel, ChannelMessage, DirectMessage, HeyboxState, Meme, Role, Room } from './state.ts';
import {
	HeyboxError,
	ackId,
	addition,
	has,
	idList,
	idStr,
	imgFilesInfo,
	int,
	isHttpUrl,
	paramError,
	queryId,
	queryInt,
	str,
	userId,
} from './validate.ts';
import type { Body } from './validate.ts';

export interface HandlerContext {
	state: HeyboxState;
	/** POST JSON body, tagged (numbers are JsonNumber); {} for GET and uploads */
	body: Body;
	query: Record<string, string>;
	/** simulated clock, ms */
	now: number;
	/** simulated length of the heychat_ack_id window, ms */
	ackWindowMs: number;
	multipart?: MultipartResult;
	/** called when a heychat_ack_id is refused as a repeat */
	duplicateAck(): void;
}

export type Result = Record<string, unknown>;

export interface Route {
	method: 'GET' | 'POST';
	/** json: JSON body; query: GET parameters; upload: multipart/form-data */
	kind: 'json' | 'query' | 'upload';
	/** counts against the DM rate limit */
	dm?: boolean;
	handler: (ctx: HandlerContext) => Result;
}

export const MSG_TYPES = [3, 4, 10, 20];
export const ACK_WINDOW_MS = 60000;
export const NICKNAME_MAX = 20;
export const JOINED_LIMIT_MAX = 50;
export const USERS_LIMIT_MAX = 300;

// ------------------------------------------------------------------------------------------------
// lookups

function joinedRoom(ctx: HandlerContext, room_id: string, sending = false): Room {
	const room = ctx.state.room(room_id);
	if (!room) throw new HeyboxError(sending ? '请加入房间后再发送消息' : '房间不存在或机器人不在该房间');
	return room;
}

function channelIn(ctx: HandlerContext, room_id: string, channel_id: string): Channel {
	const c = ctx.state.channels.get(channel_id);
	if (!c || c.room_id !== room_id) throw new HeyboxError('频道不存在');
	return c;
}

function need(ctx: HandlerContext, room_id: string, bit: number, msg = '权限不足'): void {
	if (!ctx.state.botCan(room_id, bit)) throw new HeyboxError(msg);
}

function messageIn(ctx: HandlerContext, room_id: string, channel_id: string, msg_id: string): ChannelMessage {
	const m = ctx.state.messages.get(msg_id);
	if (!m || m.room_id !== room_id || m.channel_id !== channel_id) throw new HeyboxError('消息不存在');
	return m;
}

function memberOf(ctx: HandlerContext, room_id: string, user_id: number): void {
	if (!ctx.state.member(room_id, user_id)) throw new HeyboxError('用户不在该房间');
}

function roleIn(ctx: HandlerContext, room_id: string, role_id: string): Role {
	const r = ctx.state.roles.get(role_id);
	if (!r || r.room_id !== room_id) throw new HeyboxError('角色不存在');
	return r;
}

function memeIn(ctx: HandlerContext, room_id: string, path: string): Meme {
	const m = ctx.state.emoji.get(path);
	if (!m || m.room_id !== room_id) throw new HeyboxError('表情不存在');
	return m;
}

/** refuses a heychat_ack_id used within the window; call right before the state changes */
function checkAck(ctx: HandlerContext, ack: string): void {
	const used = ctx.state.ackIds.get(ack);
	if (used !== undefined && ctx.now - used < ctx.ackWindowMs) {
		ctx.duplicateAck();
		throw new HeyboxError('消息已发送，请勿重复发送');
	}
}

function useAck(ctx: HandlerContext, ack: string): void {
	ctx.state.ackIds.set(ack, ctx.now);
	// forget acks older than the window
	for (const [k, t] of ctx.state.ackIds) if (ctx.now - t >= ctx.ackWindowMs) ctx.state.ackIds.delete(k);
}

// ------------------------------------------------------------------------------------------------
// output shapes

export function roomUser(state: HeyboxState, room_id: string, user_id: number): Result {
	const u = state.users.get(user_id);
	const m = state.member(room_id, user_id);
	return {
		avatar: u?.avatar ?? '',
		avatar_decoration: u?.avatar_decoration ?? { src_type: '', src_url: '' },
		bot: u?.bot ?? false,
		level: u?.level ?? 0,
		medals: u?.medals ?? [],
		nickname: u?.nickname ?? String(user_id),
		roles: m ? [...m.roles] : [],
		room_nickname: m?.room_nickname ?? '',
		tag: u?.tag ?? null,
		user_id,
		is_master: m?.is_master ?? false,
	};
}

function roomOut(r: Room): Result {
	return {
		room_id: r.room_id,
		room_name: r.room_name,
		room_avatar: r.room_avatar,
		create_by: r.create_by,
		room_pic: r.room_pic,
		is_public: r.is_public,
		public_id: r.public_id,
		is_hot: r.is_hot,
		join_time: r.join_time,
	};
}

function roleOut(r: Role): Result {
	return {
		id: r.id,
		name: r.name,
		icon: r.icon,
		color: r.color,
		color_list: [...r.color_list],
		room_id: r.room_id,
		department_id: r.department_id,
		permissions: r.permissions,
		type: r.type,
		position: r.position,
		hoist: r.hoist,
		mentionable: r.mentionable,
		del_tag: r.del_tag,
		creator: r.creator,
		create_time: r.create_time,
	};
}

function channelOut(c: Channel, children: Channel[]): Result {
	return {
		channel_id: c.channel_id,
		channel_name: c.channel_name,
		channel_type: c.channel_type,
		parent_id: c.parent_id,
		api_type: c.api_type,
		channel_list: children.map((x) => channelOut(x, [])),
	};
}

// ------------------------------------------------------------------------------------------------
// message composition (reference section 3)

const MENTION_TOKEN = /([@#])\{([^{}]*)\}/g;

interface Mentions {
	at: string[];
	channels: string[];
	everyone: boolean;
	tokens: boolean;
}

function scanMentions(msg: string): Mentions {
	const out: Mentions = { at: [], channels: [], everyone: false, tokens: false };
	for (const m of msg.matchAll(MENTION_TOKEN)) {
		out.tokens = true;
		const [token, sigil, inner] = m;
		if (sigil === '@' && (inner === 'all' || inner === 'here')) {
			out.everyone = true;
			continue;
		}
		const id = /^id:(\d+)$/.exec(inner);
		if (!id) throw paramError('msg', `未知的提及 ${token}（支持 @{id:…}、#{id:…}、@{all}、@{here}）`);
		(sigil === '@' ? out.at : out.channels).push(id[1]);
	}
	return out;
}

function sameSet(a: string[], b: string[]): boolean {
	const sa = new Set(a);
	const sb = new Set(b);
	if (sa.size !== sb.size) return false;
	for (const x of sa) if (!sb.has(x)) return false;
	return true;
}

interface Composed {
	msg: string;
	msg_type: number;
	addition: string;
	img: string;
	heychat_ack_id: string;
}

/** Rules shared by channel messages and DMs: msg, msg_type, addition, img, cards. */
function composeCommon(body: Body): Composed & { mentions: Mentions } {
	const msg_type = int(body, 'msg_type', { allowed: MSG_TYPES }) as number;
	const heychat_ack_id = ackId(body);
	const add = addition(body, true);
	let img = '';
	let msg: string;
	if (msg_type === 3) {
		msg = str(body, 'msg', { required: false, allowEmpty: true }) ?? '';
		img = str(body, 'img', { required: true }) as string;
		if (!isHttpUrl(img)) throw paramError('img', `必须是图片 URL，收到 ${JSON.stringify(img)}`);
		imgFilesInfo(add.value, true);
	} else {
		msg = str(body, 'msg') as string;
		if (has(body, 'img')) str(body, 'img', { required: false, allowEmpty: true });
		imgFilesInfo(add.value, false);
	}
	let mentions: Mentions = { at: [], channels: [], everyone: false, tokens: false };
	if (msg_type === 10 || msg_type === 4) mentions = scanMentions(msg);
	if (msg_type === 20) validateCardMsg(msg);
	return { msg, msg_type, addition: add.raw, img, heychat_ack_id, mentions };
}

interface ChannelCompose extends Composed {
	room_id: string;
	channel_id: string;
	reply_id: string;
	at_user_id: string;
	at_role_id: string;
	mention_channel_id: string;
	channel: Channel;
}

function composeChannel(ctx: HandlerContext): ChannelCompose {
	const body = ctx.body;
	const room_id = idStr(body, 'room_id') as string;
	const channel_id = idStr(body, 'channel_id') as string;
	const reply_id = idStr(body, 'reply_id', { required: false, allowEmpty: true }) ?? '';
	const atUsers = idList(body, 'at_user_id');
	const atRoles = idList(body, 'at_role_id');
	const mentionChannels = idList(body, 'mention_channel_id');
	const channelType = int(body, 'channel_type', { required: false, min: 0 });
	const c = composeCommon(body);
	const m = c.mentions;
	if (c.msg_type === 4 && (m.tokens || atUsers.length || atRoles.length || mentionChannels.length)) {
		throw paramError('msg_type', '带 @{…}/#{…} 提及或 at_user_id/at_role_id/mention_channel_id 的消息必须使用 msg_type 10');
	}
	if (c.msg_type === 10) {
		if (!sameSet(m.at, [...atUsers, ...atRoles])) {
			throw paramError('at_user_id', `/at_role_id 与 msg 中的 @{id:…} 不一致: msg 提及 [${[...new Set(m.at)].join(',')}]，at_user_id="${atUsers.join(',')}" at_role_id="${atRoles.join(',')}"`);
		}
		if (!sameSet(m.channels, mentionChannels)) {
			throw paramError('mention_channel_id', `与 msg 中的 #{id:…} 不一致: msg 提及 [${[...new Set(m.channels)].join(',')}]，mention_channel_id="${mentionChannels.join(',')}"`);
		}
	}
	// state
	joinedRoom(ctx, room_id, true);
	const channel = channelIn(ctx, room_id, channel_id);
	if (channel.channel_type !== CHANNEL_TEXT && channel.channel_type !== CHANNEL_ANNOUNCEMENT) throw new HeyboxError('该频道不是文字频道，无法发送消息');
	if (channelType !== undefined && channelType !== channel.channel_type) throw paramError('channel_type', `与频道类型不一致（频道 ${channel_id} 的类型为 ${channel.channel_type}）`);
	if (channel.is_private) throw new HeyboxError('该频道为私密频道，无法发送消息');
	need(ctx, room_id, PERM.sendMessages, '权限不足，无法发言');
	if (m.everyone) need(ctx, room_id, PERM.mentionAll);
	if (reply_id !== '') {
		const r = ctx.state.messages.get(reply_id);
		if (!r || r.channel_id !== channel_id) throw new HeyboxError('回复的消息不存在');
	}
	return {
		msg: c.msg,
		msg_type: c.msg_type,
		addition: c.addition,
		img: c.img,
		heychat_ack_id: c.heychat_ack_id,
		room_id,
		channel_id,
		reply_id,
		at_user_id: atUsers.join(','),
		at_role_id: atRoles.join(','),
		mention_channel_id: mentionChannels.join(','),
		channel,
	};
}

// ------------------------------------------------------------------------------------------------
// messages

function sendChannel(ctx: HandlerContext): Result {
	const c = composeChannel(ctx);
	checkAck(ctx, c.heychat_ack_id);
	useAck(ctx, c.heychat_ack_id);
	const msg_id = ctx.state.allocId();
	const stored: ChannelMessage = {
		msg_id,
		msg_seq: msg_id,
		room_id: c.room_id,
		channel_id: c.channel_id,
		msg: c.msg,
		msg_type: c.msg_type,
		addition: c.addition,
		img: c.img,
		reply_id: c.reply_id,
		at_user_id: c.at_user_id,
		at_role_id: c.at_role_id,
		mention_channel_id: c.mention_channel_id,
		heychat_ack_id: c.heychat_ack_id,
		chatmobile_ack_id: '',
		sender_id: ctx.state.botUserId,
		send_time: ctx.now,
		edits: 0,
		via: 'channel_msg/send',
	};
	ctx.state.messages.set(msg_id, stored);
	return { chatmobile_ack_id: stored.chatmobile_ack_id, heychat_ack_id: c.heychat_ack_id, msg_id, msg_seq: stored.msg_seq };
}

function updateChannel(ctx: HandlerContext): Result {
	const msg_id = idStr(ctx.body, 'msg_id') as string;
	const c = composeChannel(ctx);
	const m = messageIn(ctx, c.room_id, c.channel_id, msg_id);
	if (m.sender_id !== ctx.state.botUserId) throw new HeyboxError('权限不足');
	checkAck(ctx, c.heychat_ack_id);
	useAck(ctx, c.heychat_ack_id);
	Object.assign(m, {
		msg: c.msg,
		msg_type: c.msg_type,
		addition: c.addition,
		img: c.img,
		reply_id: c.reply_id,
		at_user_id: c.at_user_id,
		at_role_id: c.at_role_id,
		mention_channel_id: c.mention_channel_id,
		heychat_ack_id: c.heychat_ack_id,
		edits: m.edits + 1,
	});
	return { chatmobile_ack_id: '', heychat_ack_id: c.heychat_ack_id };
}

function deleteChannel(ctx: HandlerContext): Result {
	const msg_id = idStr(ctx.body, 'msg_id') as string;
	const room_id = idStr(ctx.body, 'room_id') as string;
	const channel_id = idStr(ctx.body, 'channel_id') as string;
	joinedRoom(ctx, room_id);
	channelIn(ctx, room_id, channel_id);
	const m = messageIn(ctx, room_id, channel_id, msg_id);
	if (m.sender_id !== ctx.state.botUserId) need(ctx, room_id, PERM.manageMessages);
	ctx.state.messages.delete(msg_id);
	ctx.state.deletedMessages.push(m);
	ctx.state.reactions.delete(msg_id);
	return {};
}

const BUILTIN_EMOJI = /^\[([A-Za-z0-9]+)_([^[\]\s]+)\]$/u;
const CUSTOM_EMOJI = /^\[custom(\d+)_(\d+)\.([A-Za-z0-9]+)\]$/;

function emojiReply(ctx: HandlerContext): Result {
	const body = ctx.body;
	const msg_id = idStr(body, 'msg_id') as string;
	const emoji = str(body, 'emoji') as string;
	const is_add = int(body, 'is_add', { allowed: [0, 1] }) as number;
	const channel_id = idStr(body, 'channel_id') as string;
	const room_id = idStr(body, 'room_id') as string;
	const custom = CUSTOM_EMOJI.exec(emoji);
	if (!custom && (emoji.startsWith('[custom') || !BUILTIN_EMOJI.test(emoji))) {
		throw paramError('emoji', `格式错误 ${JSON.stringify(emoji)}（应为 [分组_名称] 或 [custom<room_id>_<path>.<ext>]）`);
	}
	joinedRoom(ctx, room_id);
	channelIn(ctx, room_id, channel_id);
	messageIn(ctx, room_id, channel_id, msg_id);
	if (custom) {
		if (custom[1] !== room_id) throw paramError('emoji', `自定义表情不属于房间 ${room_id}`);
		const meme = ctx.state.emoji.get(custom[2]);
		if (!meme || meme.room_id !== room_id) throw new HeyboxError('表情不存在');
		if (meme.ext !== custom[3]) throw paramError('emoji', `扩展名应为 .${meme.ext}`);
	}
	need(ctx, room_id, PERM.addReactions);
	let set = ctx.state.reactions.get(msg_id);
	if (is_add === 1) {
		if (!set) {
			set = new Set();
			ctx.state.reactions.set(msg_id, set);
		}
		set.add(emoji);
	} else if (set) {
		set.delete(emoji);
		if (set.size === 0) ctx.state.reactions.delete(msg_id);
	}
	ctx.state.reactionLog.push({ msg_id, room_id, channel_id, emoji, is_add, time: ctx.now });
	return {};
}

function sendDm(ctx: HandlerContext): Result {
	const to_user_id = userId(ctx.body);
	const c = composeCommon(ctx.body);
	if (to_user_id === ctx.state.botUserId) throw new HeyboxError('不能给自己发送私信');
	if (!ctx.state.users.has(to_user_id)) throw new HeyboxError('用户不存在');
	if (ctx.state.sharedRooms(to_user_id).length === 0) throw new HeyboxError('只能给同房间的用户发送私信');
	checkAck(ctx, c.heychat_ack_id);
	useAck(ctx, c.heychat_ack_id);
	const msg_id = ctx.state.allocId();
	const dm: DirectMessage = {
		msg_id,
		msg_seq: msg_id,
		to_user_id,
		msg: c.msg,
		msg_type: c.msg_type,
		addition: c.addition,
		img: c.img,
		heychat_ack_id: c.heychat_ack_id,
		heybox_ack_id: '',
		send_time: ctx.now,
	};
	ctx.state.dms.push(dm);
	return { heybox_ack_id: dm.heybox_ack_id, heychat_ack_id: c.heychat_ack_id, msg_id, msg_seq: dm.msg_seq };
}

// ------------------------------------------------------------------------------------------------
// upload

function isoDate(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

function upload(ctx: HandlerContext): Result {
	const mp = ctx.multipart;
	if (!mp) throw new HeyboxError('参数错误: 请使用 multipart/form-data 上传');
	const file = mp.files.find((f) => f.field === 'file');
	if (!file) {
		const other = mp.files.map((f) => f.field).concat(Object.keys(mp.fields));
		throw paramError('file', `缺少文件字段 file${other.length ? `（收到 ${other.join(', ')}）` : ''}`);
	}
	if (file.size === 0) throw paramError('file', '文件为空');
	const base = (file.filename.split(/[\\/]/).pop() ?? '').trim() || 'file';
	const url = `https://chat.max-c.com/attachments/${isoDate(ctx.now)}/${ctx.state.allocId()}_${encodeURIComponent(base)}`;
	ctx.state.uploads.push({ url, filename: file.filename, contentType: file.contentType, size: file.size, base64: file.base64, time: ctx.now });
	return { url };
}

// ------------------------------------------------------------------------------------------------
// rooms

function roomJoined(ctx: HandlerContext): Result {
	const offset = queryInt(ctx.query, 'offset', 0);
	const limit = queryInt(ctx.query, 'limit', 20, JOINED_LIMIT_MAX);
	const all = ctx.state.joinedRooms();
	return { rooms: { rooms: all.slice(offset, offset + limit).map(roomOut), total: all.length, offset, limit } };
}

function roomView(ctx: HandlerContext): Result {
	const room_id = queryId(ctx.query, 'room_id');
	const room = joinedRoom(ctx, room_id);
	const channels = ctx.state.channelsOf(room_id);
	const top = channels.filter((c) => c.parent_id === '0' || c.parent_id === '' || !channels.some((p) => p.channel_id === c.parent_id));
	const count = ctx.state.memberList(room_id).length;
	return {
		room: { ...roomOut(room), member_count: count, user_count: count },
		channels: top.map((c) => channelOut(c, c.channel_type === CHANNEL_CATEGORY ? channels.filter((x) => x.parent_id === c.channel_id) : [])),
	};
}

function roomUsers(ctx: HandlerContext): Result {
	const room_id = queryId(ctx.query, 'room_id');
	const offset = queryInt(ctx.query, 'offset', 0);
	const limit = queryInt(ctx.query, 'limit', 20, USERS_LIMIT_MAX);
	joinedRoom(ctx, room_id);
	const members = ctx.state.memberList(room_id);
	const online = members.filter((m) => m.online).length;
	return {
		room_info: {
			room_id,
			user_count: members.length,
			user_info: members.slice(offset, offset + limit).map((m) => roomUser(ctx.state, room_id, m.user_id)),
			online_count: online,
			offline_count: members.length - online,
		},
	};
}

function protectTarget(ctx: HandlerContext, room_id: string, user_id: number): void {
	const m = ctx.state.member(room_id, user_id);
	if (!m) throw new HeyboxError('用户不在该房间');
	if (user_id === ctx.state.botUserId || m.is_master) throw new HeyboxError('权限不足');
}

function kickOut(ctx: HandlerContext): Result {
	const body = ctx.body;
	const room_id = idStr(body, 'room_id') as string;
	// reference 9.3: to_user_id arrives as a string (generated typings, OlivOS) or an int (onebots)
	const raw = body.to_user_id;
	let to_user_id: number;
	let toUserIdType: 'number' | 'string';
	if (raw instanceof JsonNumber) {
		to_user_id = userId(body);
		toUserIdType = 'number';
	} else if (typeof raw === 'string') {
		if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw)) || Number(raw) < 1) throw paramError('to_user_id', `必须是用户 ID，收到 ${JSON.stringify(raw)}`);
		to_user_id = Number(raw);
		toUserIdType = 'string';
	} else if (raw === undefined || raw === null) {
		throw paramError('to_user_id', has(body, 'user_id') ? '缺少必填参数（不接受 user_id）' : '缺少必填参数');
	} else {
		throw paramError('to_user_id', '必须是用户 ID（整数或数字字符串）');
	}
	joinedRoom(ctx, room_id);
	need(ctx, room_id, PERM.kick);
	protectTarget(ctx, room_id, to_user_id);
	ctx.state.members.get(room_id)?.delete(to_user_id);
	ctx.state.kicks.push({ room_id, to_user_id, toUserIdType, time: ctx.now });
	return {};
}

function roomLeave(ctx: HandlerContext): Result {
	const room_id = idStr(ctx.body, 'room_id') as string;
	joinedRoom(ctx, room_id);
	ctx.state.leftRooms.add(room_id);
	return {};
}

function roomNickname(ctx: HandlerContext): Result {
	const body = ctx.body;
	const nickname = str(body, 'nickname', { allowEmpty: true }) as string;
	const room_id = idStr(body, 'room_id') as string;
	const to_user_id = userId(body);
	if ([...nickname].length > NICKNAME_MAX) throw paramError('nickname', `不能超过 ${NICKNAME_MAX} 个字符（收到 ${[...nickname].length}）`);
	joinedRoom(ctx, room_id);
	const m = ctx.state.member(room_id, to_user_id);
	if (!m) throw new HeyboxError('用户不在该房间');
	if (to_user_id === ctx.state.botUserId) {
		if (!ctx.state.botCan(room_id, PERM.changeNickname) && !ctx.state.botCan(room_id, PERM.manageNicknames)) throw new HeyboxError('权限不足');
	} else {
		need(ctx, room_id, PERM.manageNicknames);
		if (m.is_master) throw new HeyboxError('权限不足');
	}
	m.room_nickname = nickname;
	ctx.state.nicknames.push({ room_id, to_user_id, nickname, time: ctx.now });
	return {};
}

function roomBan(ctx: HandlerContext): Result {
	const body = ctx.body;
	const duration = int(body, 'duration', { min: 0 }) as number;
	const reason = str(body, 'reason', { required: false, allowEmpty: true }) ?? '';
	const room_id = idStr(body, 'room_id') as string;
	const to_user_id = userId(body);
	joinedRoom(ctx, room_id);
	need(ctx, room_id, PERM.ban);
	protectTarget(ctx, room_id, to_user_id);
	const m = ctx.state.member(room_id, to_user_id);
	if (m) m.ban_until = duration > 0 ? ctx.now + duration * 1000 : 0;
	ctx.state.bans.push({ room_id, to_user_id, duration, reason, time: ctx.now });
	return {};
}

// ------------------------------------------------------------------------------------------------
// roles

function permissionsField(body: Body): string {
	const v = idStr(body, 'permissions') as string;
	if (BigInt(v) >= 1n << 64n) throw paramError('permissions', '超出 uint64 范围');
	return BigInt(v).toString();
}

function intList(body: Body, field: string, required: boolean): number[] | undefined {
	if (!has(body, field) || body[field] === null) {
		if (required) throw paramError(field, '缺少必填参数');
		return undefined;
	}
	const v = body[field];
	if (!Array.isArray(v)) throw paramError(field, '必须是整数数组');
	return v.map((x, i) => {
		if (!(x instanceof JsonNumber) || !x.isInteger) throw paramError(`${field}[${i}]`, '必须是整数');
		return x.value;
	});
}

function roleList(ctx: HandlerContext): Result {
	const room_id = queryId(ctx.query, 'room_id');
	joinedRoom(ctx, room_id);
	return { roles: ctx.state.rolesOf(room_id).map(roleOut) };
}

function roleCreate(ctx: HandlerContext): Result {
	const body = ctx.body;
	const name = str(body, 'name') as string;
	const icon = str(body, 'icon', { required: false, allowEmpty: true }) ?? '';
	const color_list = intList(body, 'color_list', false) ?? [];
	const room_id = idStr(body, 'room_id') as string;
	const permissions = permissionsField(body);
	const type = int(body, 'type', { required: false }) ?? 0;
	if (type !== 0) throw paramError('type', `创建的新角色仅为0，收到 ${type}`);
	const color = int(body, 'color', { required: false, min: 0 }) ?? 0;
	const hoist = int(body, 'hoist', { required: false, allowed: [0, 1] }) ?? 0;
	const mentionable = int(body, 'mentionable', { required: false, allowed: [0, 1] }) ?? 1;
	const nonce = str(body, 'nonce', { required: false, allowEmpty: true }) ?? '';
	joinedRoom(ctx, room_id);
	need(ctx, room_id, PERM.manageRoles);
	if (nonce !== '') {
		const dup = ctx.state.rolesOf(room_id).find((r) => r.nonce === nonce);
		if (dup) return { role: roleOut(dup) };
	}
	const position = Math.max(0, ...ctx.state.rolesOf(room_id).map((r) => r.position)) + 1;
	const role = ctx.state.addRole(room_id, ctx.state.allocId(), name, permissions, 0, position, {
		icon,
		color,
		color_list,
		hoist,
		mentionable,
		creator: ctx.state.botUserId,
		create_time: Math.floor(ctx.now / 1000),
		nonce: nonce || undefined,
	});
	return { role: roleOut(role) };
}

function roleUpdate(ctx: HandlerContext): Result {
	const body = ctx.body;
	const id = idStr(body, 'id') as string;
	const name = str(body, 'name') as string;
	// the update spec marks icon, color_list, color and position as required (reference 2.3)
	const icon = str(body, 'icon', { allowEmpty: true }) as string;
	const color_list = intList(body, 'color_list', true) as number[];
	const color = int(body, 'color', { min: 0 }) as number;
	const position = int(body, 'position', { min: 0 }) as number;
	const room_id = idStr(body, 'room_id') as string;
	const permissions = permissionsField(body);
	const type = int(body, 'type', { required: false }) ?? 0;
	if (type !== 0) throw paramError('type', `只能更新自定义角色（type 0），收到 ${type}`);
	const hoist = int(body, 'hoist', { required: false, allowed: [0, 1] });
	const mentionable = int(body, 'mentionable', { required: false, allowed: [0, 1] });
	joinedRoom(ctx, room_id);
	need(ctx, room_id, PERM.manageRoles);
	const role = roleIn(ctx, room_id, id);
	if (role.type !== 0) throw new HeyboxError('权限不足');
	Object.assign(role, { name, icon, color_list, color, position, permissions });
	if (hoist !== undefined) role.hoist = hoist;
	if (mentionable !== undefined) role.mentionable = mentionable;
	return { role: roleOut(role) };
}

function roleDelete(ctx: HandlerContext): Result {
	const role_id = idStr(ctx.body, 'role_id') as string;
	const room_id = idStr(ctx.body, 'room_id') as string;
	joinedRoom(ctx, room_id);
	need(ctx, room_id, PERM.manageRoles);
	const role = roleIn(ctx, room_id, role_id);
	if (role.type !== 0) throw new HeyboxError('权限不足');
	ctx.state.roles.delete(role_id);
	for (const m of ctx.state.memberList(room_id)) m.roles = m.roles.filter((r) => r !== role_id);
	return {};
}

function roleGrantRevoke(action: 'grant' | 'revoke'): (ctx: HandlerContext) => Result {
	return (ctx) => {
		const to_user_id = userId(ctx.body);
		const role_id = idStr(ctx.body, 'role_id') as string;
		const room_id = idStr(ctx.body, 'room_id') as string;
		joinedRoom(ctx, room_id);
		need(ctx, room_id, PERM.manageRoles);
		const role = roleIn(ctx, room_id, role_id);
		if (role.type !== 0) throw new HeyboxError('权限不足');
		memberOf(ctx, room_id, to_user_id);
		const m = ctx.state.member(room_id, to_user_id);
		if (m) {
			if (action === 'grant' && !m.roles.includes(role_id)) m.roles.push(role_id);
			if (action === 'revoke') m.roles = m.roles.filter((r) => r !== role_id);
		}
		ctx.state.roleGrants.push({ action, room_id, role_id, to_user_id, time: ctx.now });
		return { user: { roles: [...(m?.roles ?? [])], user_id: to_user_id, room_id, department_id: room_id } };
	};
}

// ------------------------------------------------------------------------------------------------
// room emoji and stickers

function memeOut(ctx: HandlerContext, m: Meme): Result {
	return {
		user_info: roomUser(ctx.state, m.room_id, m.user_id),
		meme_info: { name: m.name, path: m.path, ext: m.ext, create_time: m.create_time, mtype: m.mtype },
	};
}

function memeList(ctx: HandlerContext): Result {
	const room_id = queryId(ctx.query, 'room_id');
	joinedRoom(ctx, room_id);
	return {
		emoji: ctx.state.memesOf(room_id, 'emoji').map((m) => memeOut(ctx, m)),
		sticker: ctx.state.memesOf(room_id, 'sticker').map((m) => memeOut(ctx, m)),
	};
}

function memeDel(ctx: HandlerContext): Result {
	const path = idStr(ctx.body, 'path') as string;
	const room_id = idStr(ctx.body, 'room_id') as string;
	joinedRoom(ctx, room_id);
	need(ctx, room_id, PERM.manageEmoji);
	memeIn(ctx, room_id, path);
	ctx.state.emoji.delete(path);
	return {};
}

function memeEdit(ctx: HandlerContext): Result {
	const path = idStr(ctx.body, 'path') as string;
	const name = str(ctx.body, 'name') as string;
	const room_id = idStr(ctx.body, 'room_id') as string;
	joinedRoom(ctx, room_id);
	need(ctx, room_id, PERM.manageEmoji);
	const meme = memeIn(ctx, room_id, path);
	meme.name = name;
	return {};
}

// ------------------------------------------------------------------------------------------------

export const UPLOAD_PATH = '/upload';

export const ROUTES: Record<string, Route> = {
	'/chatroom/v2/channel_msg/send': { method: 'POST', kind: 'json', handler: sendChannel },
	'/chatroom/v2/channel_msg/update': { method: 'POST', kind: 'json', handler: updateChannel },
	'/chatroom/v2/channel_msg/delete': { method: 'POST', kind: 'json', handler: deleteChannel },
	'/chatroom/v2/channel_msg/emoji/reply': { method: 'POST', kind: 'json', handler: emojiReply },
	'/chatroom/v3/msg/user': { method: 'POST', kind: 'json', dm: true, handler: sendDm },
	[UPLOAD_PATH]: { method: 'POST', kind: 'upload', handler: upload },
	'/chatroom/v2/room/joined': { method: 'GET', kind: 'query', handler: roomJoined },
	'/chatroom/v2/room/view': { method: 'GET', kind: 'query', handler: roomView },
	'/chatroom/v2/room/users': { method: 'GET', kind: 'query', handler: roomUsers },
	'/chatroom/v2/room/kick_out': { method: 'POST', kind: 'json', handler: kickOut },
	'/chatroom/v2/room/leave': { method: 'POST', kind: 'json', handler: roomLeave },
	'/chatroom/v2/room/nickname': { method: 'POST', kind: 'json', handler: roomNickname },
	'/chatroom/v2/room/ban': { method: 'POST', kind: 'json', handler: roomBan },
	'/chatroom/v2/room_role/roles': { method: 'GET', kind: 'query', handler: roleList },
	'/chatroom/v2/room_role/create': { method: 'POST', kind: 'json', handler: roleCreate },
	'/chatroom/v2/room_role/update': { method: 'POST', kind: 'json', handler: roleUpdate },
	'/chatroom/v2/room_role/delete': { method: 'POST', kind: 'json', handler: roleDelete },
	'/chatroom/v2/room_role/grant': { method: 'POST', kind: 'json', handler: roleGrantRevoke('grant') },
	'/chatroom/v2/room_role/revoke': { method: 'POST', kind: 'json', handler: roleGrantRevoke('revoke') },
	'/chatroom/v3/msg/meme/room/list': { method: 'GET', kind: 'query', handler: memeList },
	'/chatroom/v2/msg/meme/room/del': { method: 'POST', kind: 'json', handler: memeDel },
	'/chatroom/v2/msg/meme/room/edit': { method: 'POST', kind: 'json', handler: memeEdit },
};
