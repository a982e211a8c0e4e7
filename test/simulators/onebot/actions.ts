/**
 * Action handlers of the OneBot simulator. Each handler reads its parameters, validates them
 * (throwing `ActionError`), mutates `OneBotState` and returns the `data` of the envelope.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeCQ } from './cq.ts';
import {
	handlerError,
	isAbsent,
	normalizeForwardNodes,
	normalizeMessage,
	nodesFromSegments,
	paramError,
	parseId,
	readBool,
	readId,
	readInt,
	readString,
	fileSourceKind,
} from './validate.ts';
import { nowSeconds } from './state.ts';
import type { Segment } from './cq.ts';
import type { Dialect, DialectProfile } from './dialects.ts';
import type { ForwardNode, Group, Member, OneBotState, StoredMessage } from './state.ts';
import type { NodeInput, Params } from './validate.ts';

export interface ActionContext {
	dialect: Dialect;
	profile: DialectProfile;
	state: OneBotState;
	params: Params;
	/** the resolved action name (suffixes stripped) */
	action: string;
}

export type ActionHandler = (ctx: ActionContext) => unknown;

// ---------------------------------------------------------------------------------------------
// lookups

function requireGroup(ctx: ActionContext, group_id: number): Group {
	const g = ctx.state.group(group_id);
	if (!g) throw handlerError('GROUP_NOT_FOUND', `群聊不存在: group ${group_id} not found`);
	return g;
}

function requireMember(ctx: ActionContext, group_id: number, user_id: number): Member {
	requireGroup(ctx, group_id);
	const m = ctx.state.member(group_id, user_id);
	if (!m) throw handlerError('MEMBER_NOT_FOUND', `群员不存在: user ${user_id} is not a member of group ${group_id}`);
	return m;
}

function requireMessage(ctx: ActionContext, message_id: number): StoredMessage {
	const m = ctx.state.messages.get(message_id);
	if (!m) throw handlerError('MSG_NOT_FOUND', `消息不存在: message ${message_id} not found`);
	return m;
}

function requireFriend(ctx: ActionContext, user_id: number): void {
	if (!ctx.state.friends.has(user_id)) throw handlerError('FRIEND_NOT_FOUND', `好友不存在: user ${user_id} is not a friend`);
}

/** The bot (an admin) cannot moderate itself, the owner or other admins. */
function requireModeratable(ctx: ActionContext, m: Member): void {
	if (m.user_id === ctx.state.selfId) throw handlerError('PERMISSION_DENIED', '权限不足: cannot moderate the bot itself');
	if (m.role !== 'member') throw handlerError('PERMISSION_DENIED', `权限不足: user ${m.user_id} is ${m.role}`);
}

function clone<T>(v: T): T {
	return JSON.parse(JSON.stringify(v)) as T;
}

function formatted(ctx: ActionContext, segments: Segment[]): Segment[] | string {
	return ctx.profile.messageFormat === 'string' ? encodeCQ(segments) : clone(segments);
}

// ---------------------------------------------------------------------------------------------
// views

function messageView(ctx: ActionContext, m: StoredMessage): Record<string, unknown> {
	const v: Record<string, unknown> = {
		time: m.time,
		message_type: m.message_type,
		message_id: m.message_id,
		real_id: m.message_id,
		sender: clone(m.sender),
		message: formatted(ctx, m.message),
		raw_message: m.raw_message,
		font: ctx.dialect === 'napcat' ? 14 : 0,
	};
	if (m.group_id !== undefined) v.group_id = m.group_id;
	v.user_id = m.sender.user_id;
	if (ctx.dialect === 'gocqhttp') v.group = m.message_type === 'group';
	if (ctx.dialect === 'napcat' || ctx.dialect === 'llonebot') {
		v.self_id = ctx.state.selfId;
		v.message_seq = m.message_id;
		v.message_format = 'array';
		v.post_type = m.sender.user_id === ctx.state.selfId ? 'message_sent' : 'message';
	}
	if (ctx.dialect === 'napcat') {
		const likes = ctx.state.reactions.get(m.message_id);
		v.emoji_likes_list = [...(likes ?? [])].map((emoji_id) => ({ emoji_id, count: 1 }));
	}
	return v;
}

function memberView(ctx: ActionContext, m: Member): Record<string, unknown> {
	const v: Record<string, unknown> = {
		group_id: m.group_id,
		user_id: m.user_id,
		nickname: m.nickname,
		card: m.card,
		sex: m.sex,
		age: m.age,
		area: m.area,
		join_time: m.join_time,
		last_sent_time: m.last_sent_time,
		level: m.level,
		role: m.role,
		unfriendly: false,
		title: m.title,
		title_expire_time: 0,
		card_changeable: true,
	};
	if (ctx.dialect === 'gocqhttp' || ctx.dialect === 'napcat') v.shut_up_timestamp = m.shut_up_timestamp;
	if (ctx.dialect === 'napcat') {
		v.qq_level = 1;
		v.is_robot = m.user_id === ctx.state.selfId;
		v.qage = 1;
	}
	return v;
}

function groupView(ctx: ActionContext, g: Group): Record<string, unknown> {
	const v: Record<string, unknown> = {
		group_id: g.group_id,
		group_name: g.group_name,
		member_count: ctx.state.memberCount(g.group_id),
		max_member_count: g.max_member_count,
	};
	if (ctx.dialect === 'napcat') {
		v.group_all_shut = g.whole_ban ? -1 : 0;
		v.group_remark = g.group_remark;
	}
	return v;
}

// ---------------------------------------------------------------------------------------------
// sending

interface Target {
	message_type: 'private' | 'group';
	user_id?: number;
	group_id?: number;
}

function privateTarget(ctx: ActionContext): Target {
	const user_id = readId(ctx.params, 'user_id', true);
	const group_id = readId(ctx.params, 'group_id');
	if (!ctx.state.friends.has(user_id)) {
		// temporary session through a group (go-cqhttp / NapCat `group_id`)
		if (group_id === undefined || !ctx.state.member(group_id, user_id)) {
			throw handlerError('SEND_MSG_API_ERROR', `发送失败: user ${user_id} is not a friend`);
		}
		return { message_type: 'private', user_id, group_id };
	}
	return { message_type: 'private', user_id };
}

function groupTarget(ctx: ActionContext): Target {
	const group_id = readId(ctx.params, 'group_id', true);
	requireGroup(ctx, group_id);
	return { message_type: 'group', group_id };
}

/** send_msg / send_forward_msg: `message_type`, or inferred from the ids given. */
function inferredTarget(ctx: ActionContext): Target {
	const mt = ctx.params.message_type;
	if (!isAbsent(mt)) {
		if (mt === 'private') return privateTarget(ctx);
		if (mt === 'group') return groupTarget(ctx);
		throw paramError('message_type', `must be "private" or "group", got ${JSON.stringify(mt)}`);
	}
	if (!isAbsent(ctx.params.group_id)) return groupTarget(ctx);
	if (!isAbsent(ctx.params.user_id)) return privateTarget(ctx);
	throw paramError('user_id', 'user_id or group_id is required');
}

function store(ctx: ActionContext, target: Target, message: Segment[], extra: Partial<StoredMessage> = {}): StoredMessage {
	return ctx.state.storeMessage({
		message_type: target.message_type,
		user_id: target.message_type === 'private' ? target.user_id : ctx.state.selfId,
		group_id: target.group_id,
		message,
		time: nowSeconds(),
		sender: ctx.state.selfSender(target.message_type === 'group' ? target.group_id : undefined),
		via: ctx.action,
		...extra,
	});
}

function sendPlain(ctx: ActionContext, target: Target): unknown {
	const autoEscape = readBool(ctx.params, 'auto_escape', false);
	const allowNodes = ctx.dialect === 'napcat';
	const segments = normalizeMessage(ctx.params.message, 'message', { dialect: ctx.dialect }, autoEscape, allowNodes);
	if (segments.length === 0) throw handlerError('EMPTY_MSG_ERROR', '消息为空: message is empty');
	if (allowNodes && segments[0].type === 'node') {
		// NapCat: an array made only of node segments is sent as a forward message
		return sendForwardNodes(ctx, target, nodesFromSegments(segments, 'message', { dialect: ctx.dialect }));
	}
	const stored = store(ctx, target, segments);
	return { message_id: stored.message_id };
}

function resolveNodes(ctx: ActionContext, inputs: NodeInput[], time: number): ForwardNode[] {
	return inputs.map((n) => {
		if (n.kind === 'ref') {
			const m = requireMessage(ctx, n.id);
			return {
				user_id: m.sender.user_id,
				nickname: m.sender.card || m.sender.nickname,
				content: clone(m.message),
				time: m.time,
				source_message_id: m.message_id,
			};
		}
		return { user_id: n.user_id, nickname: n.nickname, content: clone(n.content), time };
	});
}

function sendForwardNodes(ctx: ActionContext, target: Target, inputs: NodeInput[]): unknown {
	const time = nowSeconds();
	const nodes = resolveNodes(ctx, inputs, time);
	const forward_id = ctx.state.allocForwardId();
	const stored = store(ctx, target, [{ type: 'forward', data: { id: forward_id } }], { forward_id, time });
	ctx.state.forwards.set(forward_id, {
		id: forward_id,
		message_id: stored.message_id,
		message_type: target.message_type,
		user_id: target.user_id,
		group_id: target.group_id,
		nodes,
		time,
	});
	if (ctx.dialect === 'napcat') return { message_id: stored.message_id, res_id: forward_id, forward_id };
	return { message_id: stored.message_id, forward_id };
}

function sendForward(ctx: ActionContext, target: Target): unknown {
	let field = 'messages';
	if (isAbsent(ctx.params.messages) && ctx.profile.forwardMessageAlias && !isAbsent(ctx.params.message)) field = 'message';
	const inputs = normalizeForwardNodes(ctx.params[field], field, { dialect: ctx.dialect });
	return sendForwardNodes(ctx, target, inputs);
}

// ---------------------------------------------------------------------------------------------
// files

function decodedSize(file: string): number {
	const kind = fileSourceKind(file);
	try {
		if (kind === 'base64') return Buffer.from(file.slice('base64://'.length), 'base64').length;
		if (kind === 'data-uri') {
			const comma = file.indexOf(',');
			const meta = file.slice(5, comma);
			const payload = file.slice(comma + 1);
			return meta.endsWith(';base64') ? Buffer.from(payload, 'base64').length : Buffer.from(decodeURIComponent(payload)).length;
		}
		if (kind === 'path' || kind === 'file-uri') {
			const p = kind === 'file-uri' ? decodeURIComponent(file.replace(/^file:\/\//i, '')) : file;
			return fs.statSync(p).size;
		}
	} catch {
		return 0;
	}
	return 0;
}

function defaultName(file: string): string {
	const kind = fileSourceKind(file);
	if (kind === 'path') return path.basename(file);
	if (kind === 'file-uri' || kind === 'http') {
		const base = file.split(/[?#]/)[0].split('/').pop();
		if (base) return decodeURIComponent(base);
	}
	return 'file';
}

function upload(ctx: ActionContext, scope: 'group' | 'private'): unknown {
	let group_id: number | undefined;
	let user_id: number | undefined;
	if (scope === 'group') {
		group_id = readId(ctx.params, 'group_id', true);
		requireGroup(ctx, group_id);
	} else {
		user_id = readId(ctx.params, 'user_id', true);
		requireFriend(ctx, user_id);
	}
	const file = readString(ctx.params, 'file', true);
	const name = ctx.profile.uploadNameRequired ? readString(ctx.params, 'name', true) : readString(ctx.params, 'name');
	const folder = readString(ctx.params, 'folder') ?? readString(ctx.params, 'folder_id');
	const kind = fileSourceKind(file);
	if (!ctx.profile.uploadAnySource) {
		if (kind !== 'path') throw handlerError('FILE_NOT_FOUND', `文件不存在: file must be a local absolute path, got ${JSON.stringify(file.slice(0, 40))}`);
	} else if (!kind) {
		throw handlerError('FILE_NOT_FOUND', `文件不存在: unsupported file ${JSON.stringify(file.slice(0, 40))}`);
	}
	const file_id = `file-${ctx.state.uploadedFiles.length + 1}`;
	ctx.state.uploadedFiles.push({
		action: scope === 'group' ? 'upload_group_file' : 'upload_private_file',
		group_id,
		user_id,
		file,
		name: name || defaultName(file),
		folder,
		size: decodedSize(file),
		file_id,
		time: nowSeconds(),
	});
	return ctx.dialect === 'napcat' || ctx.dialect === 'llonebot' ? { file_id } : null;
}

// ---------------------------------------------------------------------------------------------
// reactions, pokes, read marks

function react(ctx: ActionContext, message_id: number, emoji_id: string, add: boolean, group_id?: number): void {
	let set = ctx.state.reactions.get(message_id);
	if (add) {
		if (!set) {
			set = new Set();
			ctx.state.reactions.set(message_id, set);
		}
		set.add(emoji_id);
	} else if (set) {
		set.delete(emoji_id);
		if (set.size === 0) ctx.state.reactions.delete(message_id);
	}
	ctx.state.reactionLog.push({ action: ctx.action, message_id, group_id, emoji_id, add, time: nowSeconds() });
}

function emojiLike(ctx: ActionContext, add: boolean): unknown {
	const message_id = readId(ctx.params, 'message_id', true, true);
	const emoji = ctx.params.emoji_id;
	if (isAbsent(emoji)) throw paramError('emoji_id', 'is required');
	if (parseId(emoji) === undefined) throw paramError('emoji_id', `must be a numeric emoji id, got ${JSON.stringify(emoji)}`);
	const setFlag = ctx.dialect === 'napcat' ? readBool(ctx.params, 'set', true) : true;
	const m = requireMessage(ctx, message_id);
	react(ctx, message_id, String(emoji), add && setFlag, m.group_id);
	return ctx.dialect === 'napcat' ? { result: 0, errMsg: '' } : null;
}

function poke(ctx: ActionContext): unknown {
	const user_id = readId(ctx.params, 'user_id', true);
	let group_id = readId(ctx.params, 'group_id');
	const target_id = readId(ctx.params, 'target_id');
	if (ctx.dialect === 'llonebot') {
		if (ctx.action === 'group_poke') group_id = readId(ctx.params, 'group_id', true);
		else group_id = undefined;
	}
	if (group_id !== undefined) requireMember(ctx, group_id, user_id);
	else requireFriend(ctx, user_id);
	ctx.state.pokes.push({ action: ctx.action, user_id, group_id, target_id, time: nowSeconds() });
	return null;
}

function markRead(ctx: ActionContext): unknown {
	const p = ctx.params;
	let message_id: number | undefined;
	let user_id: number | undefined;
	let group_id: number | undefined;
	if (ctx.action === 'mark_private_msg_as_read') user_id = readId(p, 'user_id', true);
	else if (ctx.action === 'mark_group_msg_as_read') group_id = readId(p, 'group_id', true);
	else if (ctx.action === '_mark_all_as_read') {
		// nothing to read
	} else if (ctx.dialect === 'napcat') {
		message_id = readId(p, 'message_id', false, true);
		user_id = readId(p, 'user_id');
		group_id = readId(p, 'group_id');
		if (message_id === undefined && user_id === undefined && group_id === undefined) {
			throw paramError('message_id', 'message_id, user_id or group_id is required');
		}
	} else {
		message_id = readId(p, 'message_id', true, true);
	}
	if (message_id !== undefined) requireMessage(ctx, message_id);
	if (group_id !== undefined) requireGroup(ctx, group_id);
	ctx.state.readMarks.push({ action: ctx.action, message_id, user_id, group_id, time: nowSeconds() });
	return null;
}

function history(ctx: ActionContext, kind: 'group' | 'private'): unknown {
	let filter: (m: StoredMessage) => boolean;
	if (kind === 'group') {
		const group_id = readId(ctx.params, 'group_id', true);
		requireGroup(ctx, group_id);
		filter = (m) => m.message_type === 'group' && m.group_id === group_id;
	} else {
		const user_id = readId(ctx.params, 'user_id', true);
		filter = (m) => m.message_type === 'private' && m.user_id === user_id;
	}
	const seq = readId(ctx.params, 'message_seq', false, true);
	const count = readInt(ctx.params, 'count', 20, 1, 1000);
	let list = [...ctx.state.messages.values()].filter(filter).sort((a, b) => a.time - b.time || a.message_id - b.message_id);
	if (seq !== undefined && seq !== 0) {
		const idx = list.findIndex((m) => m.message_id === seq);
		if (idx >= 0) list = list.slice(0, idx + 1);
	}
	return { messages: list.slice(-count).map((m) => messageView(ctx, m)) };
}

// ---------------------------------------------------------------------------------------------
// handlers

export const HANDLERS: Record<string, ActionHandler> = {
	get_login_info: (ctx) => ({ user_id: ctx.state.selfId, nickname: ctx.state.nickname }),

	get_status: (ctx) => {
		if (ctx.dialect === 'napcat') return { online: true, good: true, stat: {} };
		if (ctx.dialect === 'gocqhttp') return { app_initialized: true, app_enabled: true, app_good: true, online: true, good: true };
		return { online: true, good: true };
	},

	get_version_info: (ctx) => ({ app_name: ctx.profile.appName, app_version: ctx.profile.appVersion, protocol_version: 'v11' }),

	can_send_image: () => ({ yes: true }),
	can_send_record: () => ({ yes: true }),

	send_private_msg: (ctx) => sendPlain(ctx, privateTarget(ctx)),
	send_group_msg: (ctx) => sendPlain(ctx, groupTarget(ctx)),
	send_msg: (ctx) => sendPlain(ctx, inferredTarget(ctx)),

	send_private_forward_msg: (ctx) => sendForward(ctx, privateTarget(ctx)),
	send_group_forward_msg: (ctx) => sendForward(ctx, groupTarget(ctx)),
	send_forward_msg: (ctx) => sendForward(ctx, inferredTarget(ctx)),

	delete_msg: (ctx) => {
		const message_id = readId(ctx.params, 'message_id', true, true);
		requireMessage(ctx, message_id);
		ctx.state.messages.delete(message_id);
		ctx.state.deletedMessages.push(message_id);
		return null;
	},

	get_msg: (ctx) => messageView(ctx, requireMessage(ctx, readId(ctx.params, 'message_id', true, true))),

	get_forward_msg: (ctx) => {
		let raw: unknown;
		for (const name of ctx.profile.getForwardParams) {
			if (!isAbsent(ctx.params[name])) {
				raw = ctx.params[name];
				break;
			}
		}
		if (raw === undefined) throw paramError(ctx.profile.getForwardParams[0], 'is required');
		if (typeof raw !== 'string' && typeof raw !== 'number') {
			throw paramError(ctx.profile.getForwardParams[0], 'must be a forward id (string) or a message id');
		}
		let rec = ctx.state.forwards.get(String(raw));
		if (!rec) {
			const mid = parseId(raw, true);
			const fid = mid !== undefined ? ctx.state.messages.get(mid)?.forward_id : undefined;
			if (fid) rec = ctx.state.forwards.get(fid);
		}
		if (!rec) throw handlerError('MSG_NOT_FOUND', `消息不存在: forward message ${String(raw)} not found`);
		if (ctx.profile.getForwardShape === 'message') {
			return {
				message: rec.nodes.map((n) => ({
					type: 'node',
					data: { user_id: String(n.user_id), nickname: n.nickname, content: clone(n.content) },
				})),
			};
		}
		return {
			messages: rec.nodes.map((n) => {
				const item: Record<string, unknown> = {
					content: formatted(ctx, n.content),
					sender: { nickname: n.nickname, user_id: n.user_id },
					time: n.time,
				};
				if (ctx.dialect === 'llonebot') {
					item.message_format = 'array';
					item.message_type = rec.message_type;
				}
				return item;
			}),
		};
	},

	set_msg_emoji_like: (ctx) => emojiLike(ctx, true),
	unset_msg_emoji_like: (ctx) => emojiLike(ctx, false),

	set_group_reaction: (ctx) => {
		const group_id = readId(ctx.params, 'group_id', true);
		const message_id = readId(ctx.params, 'message_id', true, true);
		const code = readString(ctx.params, 'code', true);
		const is_add = readBool(ctx.params, 'is_add', true);
		requireGroup(ctx, group_id);
		const m = requireMessage(ctx, message_id);
		if (m.group_id !== group_id) throw handlerError('MSG_NOT_FOUND', `消息不存在: message ${message_id} is not in group ${group_id}`);
		react(ctx, message_id, code, is_add, group_id);
		return null;
	},

	mark_msg_as_read: markRead,
	mark_private_msg_as_read: markRead,
	mark_group_msg_as_read: markRead,
	_mark_all_as_read: markRead,

	get_stranger_info: (ctx) => {
		const user_id = readId(ctx.params, 'user_id', true);
		if (user_id < 10000 && user_id !== ctx.state.selfId) throw handlerError('USER_NOT_FOUND', `用户不存在: user ${user_id} not found`);
		const friend = ctx.state.friends.get(user_id);
		let member: Member | undefined;
		for (const g of ctx.state.groups.keys()) {
			member = ctx.state.member(g, user_id);
			if (member) break;
		}
		const nickname =
			user_id === ctx.state.selfId ? ctx.state.nickname : (friend?.nickname ?? member?.nickname ?? `QQ用户${user_id}`);
		const v: Record<string, unknown> = {
			user_id,
			nickname,
			sex: friend?.sex ?? member?.sex ?? 'unknown',
			age: friend?.age ?? member?.age ?? 0,
		};
		if (ctx.dialect === 'napcat' || ctx.dialect === 'llonebot') {
			v.remark = friend?.remark ?? '';
			v.qid = '';
			v.level = 1;
			v.long_nick = '';
		}
		return v;
	},

	get_friend_list: (ctx) =>
		[...ctx.state.friends.values()].map((f) => {
			const v: Record<string, unknown> = { user_id: f.user_id, nickname: f.nickname, remark: f.remark };
			if (ctx.dialect === 'napcat' || ctx.dialect === 'llonebot') {
				v.sex = f.sex;
				v.age = f.age;
			}
			return v;
		}),

	send_like: (ctx) => {
		const user_id = readId(ctx.params, 'user_id', true);
		const times = readInt(ctx.params, 'times', 1, 1, 10);
		if (user_id < 10000) throw handlerError('USER_NOT_FOUND', `用户不存在: user ${user_id} not found`);
		const total = (ctx.state.likes.get(user_id) ?? 0) + times;
		if (total > 10) throw handlerError('SEND_LIKE_LIMIT', `点赞失败: daily limit of 10 likes for user ${user_id} reached`);
		ctx.state.likes.set(user_id, total);
		return null;
	},

	friend_poke: poke,
	group_poke: poke,
	send_poke: poke,

	get_group_info: (ctx) => groupView(ctx, requireGroup(ctx, readId(ctx.params, 'group_id', true))),

	get_group_list: (ctx) =>
		[...ctx.state.groups.values()].filter((g) => !ctx.state.leftGroups.has(g.group_id)).map((g) => groupView(ctx, g)),

	get_group_member_info: (ctx) => {
		const group_id = readId(ctx.params, 'group_id', true);
		const user_id = readId(ctx.params, 'user_id', true);
		return memberView(ctx, requireMember(ctx, group_id, user_id));
	},

	get_group_member_list: (ctx) => {
		const group_id = readId(ctx.params, 'group_id', true);
		requireGroup(ctx, group_id);
		return ctx.state.memberList(group_id).map((m) => memberView(ctx, m));
	},

	set_group_kick: (ctx) => {
		const group_id = readId(ctx.params, 'group_id', true);
		const user_id = readId(ctx.params, 'user_id', true);
		const reject_add_request = readBool(ctx.params, 'reject_add_request', false);
		const m = requireMember(ctx, group_id, user_id);
		requireModeratable(ctx, m);
		ctx.state.members.get(group_id)?.delete(user_id);
		ctx.state.kicks.push({ group_id, user_id, reject_add_request, time: nowSeconds() });
		return null;
	},

	set_group_ban: (ctx) => {
		const group_id = readId(ctx.params, 'group_id', true);
		const user_id = readId(ctx.params, 'user_id', true);
		const duration = readInt(ctx.params, 'duration', ctx.profile.banDefault, 0, 30 * 24 * 3600);
		const m = requireMember(ctx, group_id, user_id);
		requireModeratable(ctx, m);
		const now = nowSeconds();
		m.shut_up_timestamp = duration > 0 ? now + duration : 0;
		m.ban_duration = duration;
		ctx.state.bans.push({ group_id, user_id, duration, time: now });
		return null;
	},

	set_group_whole_ban: (ctx) => {
		const group_id = readId(ctx.params, 'group_id', true);
		const enable = readBool(ctx.params, 'enable', true);
		requireGroup(ctx, group_id).whole_ban = enable;
		ctx.state.wholeBans.push({ group_id, enable, time: nowSeconds() });
		return null;
	},

	set_group_card: (ctx) => {
		const group_id = readId(ctx.params, 'group_id', true);
		const user_id = readId(ctx.params, 'user_id', true);
		const card = readString(ctx.params, 'card', false, '') ?? '';
		requireMember(ctx, group_id, user_id).card = card;
		return null;
	},

	set_group_name: (ctx) => {
		const group_id = readId(ctx.params, 'group_id', true);
		const group_name = readString(ctx.params, 'group_name', true);
		requireGroup(ctx, group_id).group_name = group_name;
		return null;
	},

	set_group_leave: (ctx) => {
		const group_id = readId(ctx.params, 'group_id', true);
		readBool(ctx.params, 'is_dismiss', false);
		requireGroup(ctx, group_id);
		ctx.state.leftGroups.add(group_id);
		return null;
	},

	upload_group_file: (ctx) => upload(ctx, 'group'),
	upload_private_file: (ctx) => upload(ctx, 'private'),

	get_group_msg_history: (ctx) => history(ctx, 'group'),
	get_friend_msg_history: (ctx) => history(ctx, 'private'),
};
