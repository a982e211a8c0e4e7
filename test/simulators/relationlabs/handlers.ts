/**
 * The RelationLabs open API endpoints (reference section 3). Each handler gets the caller (from the
 * unifiedAuthToken), the lossless-tagged JSON body or the query, and returns the envelope's `data`;
 * a business error is thrown as a RelationLabsError and answered as HTTP 200 `{code, desc, data: null}`.
 */
import { JsonNumber } from './json.ts';
import type { Channel, ChatState, Member, Message, RelationLabsState, User } from './state.ts';

/** desc for each code (reference section 5; 11601/11602 differ between userInfo and follow). */
export const DESC: Record<string, string> = {
	'0': 'success',
	'-1': 'error',
	'10002': 'The operation failed. Please try again later.',
	'10100': 'token expired',
	'10101': 'token error',
	'10102': 'token issuer error',
	'10110': 'rate limit',
	'10111': 'daily limit',
	'10112': 'parameter error',
	'10120': 'permission denied',
	'11201': 'address already bound',
	'11202': 'address not bound',
	'11203': 'not the holder of the address',
	'11601': 'field not supported in this version',
	'11602': 'user not found',
	'13101': 'group type error',
	'13102': 'removed from the chat',
	'13103': 'left the chat',
	'13104': 'chat dismissed',
	'13106': 'not the owner of this club',
	'13107': 'not the admin of this channel',
	'13108': 'Not the member of this group',
	'13109': 'group type not supported',
	'13301': 'block stranger messages',
	'13302': 'already joined',
};

export class RelationLabsError extends Error {
	readonly code: string;
	constructor(code: string, desc?: string) {
		super(desc ?? DESC[code] ?? 'error');
		this.code = code;
	}
}

function fail(code: string, desc?: string): never {
	throw new RelationLabsError(code, desc);
}

/** 10112 with a detail: `parameter error: <detail>` */
function param(detail: string): never {
	throw new RelationLabsError('10112', `parameter error: ${detail}`);
}

export type Body = Record<string, unknown>;

export interface HandlerContext {
	state: RelationLabsState;
	/** the token's user; null only on optional-auth routes called without Authorization */
	caller: User | null;
	/** JSON body, numbers kept as JsonNumber ({} for GET) */
	body: Body;
	/** last value of each query parameter */
	query: Record<string, string>;
	search: URLSearchParams;
	/** simulated ms */
	now: number;
	duplicateSendUuid: () => void;
	/** /api/v1/auth only: the verified addressAuthToken's subject */
	address?: { address: string; accountSource: string };
	/** /api/v1/auth only: mints a unifiedAuthToken */
	issueUnified?: (relationId: string) => string;
	/** /api/v1/auth only */
	exchanged?: () => void;
}

export interface Route {
	method: 'GET' | 'POST';
	/** required: Authorization; optional: verified when sent; address: I-Authorization (addressAuthToken) */
	auth: 'required' | 'optional' | 'address';
	handler: (ctx: HandlerContext) => unknown;
}

// ------------------------------------------------------------------------------------ validation

function present(v: unknown): boolean {
	return v !== undefined && v !== null;
}

function optString(b: Body, key: string): string | undefined {
	const v = b[key];
	if (!present(v)) return undefined;
	if (typeof v !== 'string') param(`${key} must be a string`);
	return v;
}

function reqString(b: Body, key: string, allowEmpty = false): string {
	const v = optString(b, key);
	if (v === undefined) param(`${key} is required`);
	if (!allowEmpty && v.trim() === '') param(`${key} must not be empty`);
	return v;
}

function optBool(b: Body, key: string): boolean | undefined {
	const v = b[key];
	if (!present(v)) return undefined;
	if (typeof v !== 'boolean') param(`${key} must be a boolean`);
	return v;
}

function reqBool(b: Body, key: string): boolean {
	const v = optBool(b, key);
	if (v === undefined) param(`${key} is required`);
	return v;
}

function reqInt(b: Body, key: string, min: number): number {
	const v = b[key];
	if (!present(v)) param(`${key} is required`);
	if (!(v instanceof JsonNumber) || !v.isInteger || !Number.isSafeInteger(v.value)) param(`${key} must be an integer`);
	if (v.value < min) param(`${key} must be ≥ ${min}`);
	return v.value;
}

function optStringArray(b: Body, key: string): string[] | undefined {
	const v = b[key];
	if (!present(v)) return undefined;
	if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x.trim() === '')) param(`${key} must be an array of non-empty strings`);
	return v as string[];
}

/** A 19-digit id that must arrive as a JSON string: a bare number has already lost digits in JavaScript. */
function optId(b: Body, key: string): string | undefined {
	const v = b[key];
	if (!present(v)) return undefined;
	if (v instanceof JsonNumber) fail('10112', `${key} must be a string`);
	if (typeof v !== 'string' || !/^\d{1,19}$/.test(v)) param(`${key} must be a string of digits`);
	return v;
}

function q(ctx: HandlerContext, key: string): string | undefined {
	const v = ctx.query[key];
	return v === undefined || v === '' ? undefined : v;
}

function qInt(ctx: HandlerContext, key: string, dflt: number, min: number, max: number): number {
	const v = q(ctx, key);
	if (v === undefined) return dflt;
	if (!/^\d+$/.test(v)) param(`${key} must be an integer`);
	const n = Number(v);
	if (n < min || n > max) param(`${key} must be between ${min} and ${max}`);
	return n;
}

/** Opaque cursors are offsets written as digit strings; null/absent = first page. */
function page<T>(ctx: HandlerContext, all: T[], maxLimit: number, dfltLimit: number): { cursor: string | null; list: T[] } {
	const limit = qInt(ctx, 'limit', dfltLimit, 1, maxLimit);
	const c = q(ctx, 'cursor');
	let offset = 0;
	if (c !== undefined && c !== 'null') {
		if (!/^\d+$/.test(c)) param('cursor is invalid');
		offset = Number(c);
	}
	const list = all.slice(offset, offset + limit);
	const next = offset + limit;
	return { cursor: next < all.length ? String(next) : null, list };
}

// --------------------------------------------------------------------------------------- access

function me(ctx: HandlerContext): User {
	if (!ctx.caller) fail('10101');
	return ctx.caller;
}

function channel(ctx: HandlerContext, uuid: string): Channel {
	const ch = ctx.state.channels.get(uuid);
	if (!ch) param(`channel ${uuid} not found`);
	return ch;
}

function channelFromBody(ctx: HandlerContext): Channel {
	return channel(ctx, reqString(ctx.body, 'channelUuid'));
}

function channelFromQuery(ctx: HandlerContext): Channel {
	const uuid = q(ctx, 'channelUuid');
	if (uuid === undefined) param('channelUuid is required');
	return channel(ctx, uuid);
}

/** A current member of a live channel: 13104 when dismissed, 13108 when not a member. */
function requireMember(ctx: HandlerContext, ch: Channel): Member {
	if (ch.dismissed) fail('13104');
	const m = ctx.state.member(ch, me(ctx).relationId);
	if (!m) fail('13108');
	return m;
}

/** G channels only: 13109 for P chats. */
function requireGroup(ch: Channel): void {
	if (ch.type !== 'G') fail('13109');
}

function requireAdmin(ctx: HandlerContext, ch: Channel): Member {
	const m = requireMember(ctx, ch);
	if (!m.isAdmin) fail('13107');
	return m;
}

/** channel/info and channel/members: 13104 dismissed, 13102 removed, 13103 left, 13108 never a member. */
function requireViewer(ctx: HandlerContext, ch: Channel): void {
	if (ch.dismissed) fail('13104');
	const id = me(ctx).relationId;
	if (ctx.state.member(ch, id)) return;
	const f = ctx.state.former(ch, id);
	if (f?.status === 'removed') fail('13102');
	if (f?.status === 'left') fail('13103');
	fail('13108');
}

/** The chat appears in the user's chat list: a member (dismissed included) or a former member. */
function inChatList(ctx: HandlerContext, ch: Channel, relationId: string): boolean {
	return !!ctx.state.member(ch, relationId) || !!ctx.state.former(ch, relationId);
}

/** The receiver refuses messages from users it does not follow. */
function blocks(receiver: User, sender: User): boolean {
	return receiver.blockStrangers && !receiver.follows.has(sender.relationId);
}

function userRow(u: User): { relationId: string; name: string; avatar: string } {
	return { relationId: u.relationId, name: u.name, avatar: u.avatar };
}

function memberRows(ctx: HandlerContext, ch: Channel): Array<{ relationId: string; name: string; avatar: string; isAdmin: boolean }> {
	return ch.members.map((m) => {
		const u = ctx.state.users.get(m.relationId);
		return { relationId: m.relationId, name: u?.name ?? '', avatar: u?.avatar ?? '', isAdmin: m.isAdmin };
	});
}

function knownUsers(ctx: HandlerContext, ids: string[]): string[] {
	for (const id of ids) if (!ctx.state.users.has(id)) param(`member ${id} not found`);
	return [...new Set(ids)];
}

/** MessageInfo (reference 3.1): createAt as a string; quote is a MessageInfo (one level) or null. */
export function messageInfo(state: RelationLabsState, m: Message, withQuote = true): Record<string, unknown> {
	let quote: Record<string, unknown> | null = null;
	if (withQuote && m.quoteId) {
		const qm = state.findMessage(m.quoteId);
		if (qm && !qm.hidden) quote = messageInfo(state, qm, false);
	}
	return {
		id: m.id,
		sendUuid: m.sendUuid,
		channelUuid: m.channelUuid,
		createAt: String(m.createAt),
		type: m.type,
		from: m.from,
		fromName: m.fromName,
		fromAvatar: m.fromAvatar,
		content: m.content,
		quote,
	};
}

// ------------------------------------------------------------------------------------- handlers

function auth(ctx: HandlerContext): unknown {
	const inviteCode = optString(ctx.body, 'inviteCode');
	const name = optString(ctx.body, 'name');
	const a = ctx.address;
	if (!a || !ctx.issueUnified) fail('10101');
	let user = ctx.state.findUser(a.address);
	if (!user) {
		// accounts are registered on first exchange (reference 2, step 2)
		user = ctx.state.addUser({ address: a.address, chainName: a.accountSource || 'eth', name: name?.trim() || undefined, createdAt: ctx.now });
		if (inviteCode) user.inviteCode = inviteCode;
	}
	ctx.exchanged?.();
	return { token: ctx.issueUnified(user.relationId) };
}

function messageSend(ctx: HandlerContext): unknown {
	const b = ctx.body;
	const sender = me(ctx);
	const channelUuid = optString(b, 'channelUuid') || undefined;
	const toRelationId = optString(b, 'toRelationId') || undefined;
	if (!channelUuid && !toRelationId) fail('10112', 'parameter error');
	const type = reqString(b, 'type');
	const content = reqString(b, 'content');
	const sendUuid = reqString(b, 'sendUuid');
	const quoteId = optId(b, 'quoteId');
	const mentionedUser = optStringArray(b, 'mentionedUser');

	// idempotent on (sender, sendUuid): the first message's answer again, nothing posted
	const key = `${sender.relationId}\n${sendUuid}`;
	const dup = ctx.state.sendUuids.get(key);
	if (dup) {
		ctx.duplicateSendUuid();
		return { channelUuid: dup.channelUuid, id: dup.id };
	}

	let ch: Channel;
	if (channelUuid) {
		ch = channel(ctx, channelUuid);
		requireMember(ctx, ch);
		if (ch.type === 'P') {
			const otherId = ch.members.find((m) => m.relationId !== sender.relationId)?.relationId;
			if (toRelationId && toRelationId !== otherId) param('toRelationId does not match channelUuid');
			const other = otherId ? ctx.state.users.get(otherId) : undefined;
			if (other && blocks(other, sender)) fail('13301');
		}
	} else {
		const target = ctx.state.users.get(toRelationId as string);
		if (!target) fail('11602');
		if (target.relationId === sender.relationId) param('cannot send a message to yourself');
		if (blocks(target, sender)) fail('13301');
		ch = ctx.state.p2p(sender.relationId, target.relationId, ctx.now);
	}
	if (quoteId !== undefined && !ctx.state.visibleMessages(ch.uuid).some((m) => m.id === quoteId)) param(`quoteId ${quoteId} not found in this channel`);

	const msg = ctx.state.post(ch, { from: sender.relationId, type, content, sendUuid, createAt: ctx.now, quoteId: quoteId ?? null, mentionedUser });
	ctx.state.sendUuids.set(key, { channelUuid: ch.uuid, id: msg.id });
	return { channelUuid: ch.uuid, id: msg.id };
}

function messageList(ctx: HandlerContext): unknown {
	const user = me(ctx);
	const channelUuid = q(ctx, 'channelUuid');
	const toRelationId = q(ctx, 'toRelationId');
	if (!channelUuid && !toRelationId) fail('10112', 'parameter error');
	const maxRaw = q(ctx, 'maxCreateAt');
	if (maxRaw !== undefined && !/^\d{1,16}$/.test(maxRaw)) param('maxCreateAt must be a timestamp in milliseconds');
	const maxCreateAt = maxRaw === undefined ? ctx.now : Number(maxRaw);
	const limit = qInt(ctx, 'limit', 10, 1, 100);
	let ch: Channel | undefined;
	if (channelUuid) ch = channel(ctx, channelUuid);
	else {
		const target = ctx.state.users.get(toRelationId as string);
		if (!target) fail('11602');
		ch = ctx.state.findP2P(user.relationId, target.relationId);
		if (!ch) return [];
	}
	if (ch.dismissed || !ctx.state.member(ch, user.relationId)) fail('10120');
	return ctx.state
		.visibleMessages(ch.uuid)
		.filter((m) => m.createAt <= maxCreateAt)
		.reverse()
		.slice(0, limit)
		.map((m) => messageInfo(ctx.state, m));
}

function messageRead(ctx: HandlerContext): unknown {
	const user = me(ctx);
	const ch = channelFromBody(ctx);
	const total = reqInt(ctx.body, 'total', 0);
	if (ch.dismissed || !ctx.state.member(ch, user.relationId)) fail('10120');
	ctx.state.markRead(user.relationId, ch.uuid, total, ctx.now);
	return 1;
}

function messageHide(ctx: HandlerContext): unknown {
	const user = me(ctx);
	const id = optId(ctx.body, 'id');
	if (id === undefined) param('id is required');
	optString(ctx.body, 'sendUuid');
	const m = ctx.state.findMessage(id);
	if (!m) param(`message ${id} not found`);
	if (m.from !== user.relationId) fail('10120', 'permission denied: you can only hide your own messages');
	m.hidden = true;
	return null;
}

function unreadCount(ctx: HandlerContext): unknown {
	return ctx.state.unreadTotals(me(ctx).relationId);
}

function channelCreate(ctx: HandlerContext): unknown {
	const user = me(ctx);
	const type = reqString(ctx.body, 'type');
	if (type !== 'G' && type !== 'P') fail('13101');
	const name = type === 'G' ? reqString(ctx.body, 'name') : (optString(ctx.body, 'name') ?? '');
	const raw = ctx.body.members;
	if (!present(raw)) param('members is required');
	const members = knownUsers(ctx, optStringArray(ctx.body, 'members') ?? []);
	const icon = optString(ctx.body, 'icon');
	if (type === 'P') {
		// only the caller and the first member are used
		const other = members[0];
		if (!other) param('members must name the other user of a p2p chat');
		if (other === user.relationId) param('cannot create a p2p chat with yourself');
		return { channelUuid: ctx.state.p2p(user.relationId, other, ctx.now).uuid };
	}
	const ch = ctx.state.addChannel({ name, type, creator: user.relationId, members, createdAt: ctx.now, icon });
	return { channelUuid: ch.uuid };
}

function channelJoin(ctx: HandlerContext): unknown {
	const user = me(ctx);
	const ch = channelFromBody(ctx);
	if (ch.dismissed) fail('13104');
	requireGroup(ch);
	if (ctx.state.member(ch, user.relationId)) fail('13302');
	if (!ch.openAccess) fail('10120');
	ctx.state.addMember(ch, user.relationId, ctx.now);
	return null;
}

function membersArg(ctx: HandlerContext): string[] {
	if (!present(ctx.body.members)) param('members is required');
	const list = optStringArray(ctx.body, 'members') ?? [];
	if (list.length === 0) param('members must not be empty');
	return knownUsers(ctx, list);
}

function membersAdd(ctx: HandlerContext): unknown {
	const ch = channelFromBody(ctx);
	if (ch.dismissed) fail('13104');
	requireGroup(ch);
	requireMember(ctx, ch);
	for (const id of membersArg(ctx)) ctx.state.addMember(ch, id, ctx.now);
	return null;
}

function membersRemove(ctx: HandlerContext): unknown {
	const user = me(ctx);
	const ch = channelFromBody(ctx);
	if (ch.dismissed) fail('13104');
	requireGroup(ch);
	requireAdmin(ctx, ch);
	const ids = membersArg(ctx);
	if (ids.includes(user.relationId)) param('cannot remove yourself (use channel/members/leave)');
	for (const id of ids) ctx.state.removeMember(ch, id, 'removed', ctx.now);
	return null;
}

function membersLeave(ctx: HandlerContext): unknown {
	const user = me(ctx);
	const ch = channelFromBody(ctx);
	if (ch.dismissed) fail('13104');
	requireGroup(ch);
	requireMember(ctx, ch);
	ctx.state.removeMember(ch, user.relationId, 'left', ctx.now);
	return null;
}

function disband(ctx: HandlerContext): unknown {
	const ch = channelFromBody(ctx);
	if (ch.dismissed) fail('13104');
	requireGroup(ch);
	requireAdmin(ctx, ch);
	ch.dismissed = true;
	return null;
}

function ownerTransfer(ctx: HandlerContext): unknown {
	const ch = channelFromBody(ctx);
	if (ch.dismissed) fail('13104');
	requireGroup(ch);
	const mine = requireAdmin(ctx, ch);
	const to = reqString(ctx.body, 'relationId');
	if (to === mine.relationId) param('relationId is already the admin');
	const target = ctx.state.member(ch, to);
	if (!target) fail('13108', 'the new admin is not a member of this group');
	mine.isAdmin = false;
	target.isAdmin = true;
	return null;
}

function chatOf(ctx: HandlerContext, ch: Channel): ChatState {
	return ctx.state.chat(me(ctx).relationId, ch.uuid);
}

function channelInfo(ctx: HandlerContext): unknown {
	const ch = channelFromQuery(ctx);
	requireViewer(ctx, ch);
	const c = chatOf(ctx, ch);
	return {
		uuid: ch.uuid,
		name: ch.type === 'P' ? ctx.state.displayName(ch, me(ctx).relationId) : ch.name,
		icon: ch.icon,
		announcement: ch.announcement,
		pinAnnouncement: ch.pinAnnouncement,
		openAccess: ch.openAccess,
		type: ch.type,
		mute: c.mute,
		pin: c.pin,
		members: memberRows(ctx, ch),
	};
}

function channelMembers(ctx: HandlerContext): unknown {
	const ch = channelFromQuery(ctx);
	requireViewer(ctx, ch);
	return memberRows(ctx, ch);
}

function isAdmin(ctx: HandlerContext): unknown {
	const ch = channelFromQuery(ctx);
	return !ch.dismissed && !!ctx.state.member(ch, me(ctx).relationId)?.isAdmin;
}

function announcementGet(ctx: HandlerContext): unknown {
	const ch = channelFromQuery(ctx);
	requireMember(ctx, ch);
	return { announcement: ch.announcement, pinAnnouncement: ch.pinAnnouncement };
}

function announcementUpdate(ctx: HandlerContext): unknown {
	const ch = channelFromBody(ctx);
	requireAdmin(ctx, ch);
	const announcement = reqString(ctx.body, 'announcement', true);
	const pin = optBool(ctx.body, 'pinAnnouncement');
	ch.announcement = announcement;
	ch.pinAnnouncement = pin ?? false;
	return null;
}

function channelUpdate(ctx: HandlerContext): unknown {
	const ch = channelFromBody(ctx);
	if (ch.dismissed) fail('13104');
	requireGroup(ch);
	requireAdmin(ctx, ch);
	const name = reqString(ctx.body, 'channelName');
	const icon = optString(ctx.body, 'channelIcon');
	ch.name = name;
	if (icon !== undefined) ch.icon = icon;
	return null;
}

function lastVisible(ctx: HandlerContext, ch: Channel): Message | undefined {
	const list = ctx.state.visibleMessages(ch.uuid);
	return list[list.length - 1];
}

function userChannelsList(ctx: HandlerContext): unknown {
	const user = me(ctx);
	const keyword = q(ctx, 'keyword')?.toLowerCase();
	const rows: Array<{ sortAt: number; pinned: boolean; item: Record<string, unknown> }> = [];
	for (const ch of ctx.state.channels.values()) {
		if (!inChatList(ctx, ch, user.relationId)) continue;
		const c = ctx.state.chat(user.relationId, ch.uuid);
		if (c.hidden) continue;
		const displayName = ctx.state.displayName(ch, user.relationId);
		if (keyword && !displayName.toLowerCase().includes(keyword)) continue;
		const member = ctx.state.member(ch, user.relationId);
		const former = ctx.state.former(ch, user.relationId);
		const status = ch.dismissed && member ? 3 : member ? 0 : former?.status === 'removed' ? 2 : 1;
		const last = lastVisible(ctx, ch);
		let icon = ch.icon;
		if (ch.type === 'P') {
			const other = ch.members.find((m) => m.relationId !== user.relationId);
			icon = (other && ctx.state.users.get(other.relationId)?.avatar) || icon;
		}
		const lastPostAt = last?.createAt ?? ch.createdAt;
		rows.push({
			sortAt: lastPostAt,
			pinned: c.pin,
			item: {
				status,
				channelUuid: ch.uuid,
				displayName,
				channelIcon: icon,
				channelType: ch.type,
				unreadMessageCount: status === 0 ? c.unread : 0,
				mentionsCount: status === 0 ? c.mentions : 0,
				lastMessageType: last?.type ?? null,
				lastMessageContent: last?.content ?? null,
				lastPostAt: String(lastPostAt),
				mute: c.mute,
				pin: c.pin,
			},
		});
	}
	rows.sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.sortAt - a.sortAt);
	const list = rows.map((r) => r.item);
	return page(ctx, list, 100, 20);
}

function userChannelFlag(flag: 'pin' | 'mute'): (ctx: HandlerContext) => unknown {
	return (ctx) => {
		const ch = channelFromBody(ctx);
		const value = reqBool(ctx.body, flag);
		if (!inChatList(ctx, ch, me(ctx).relationId)) fail('13108');
		chatOf(ctx, ch)[flag] = value;
		return null;
	};
}

function userChannelHide(ctx: HandlerContext): unknown {
	const ch = channelFromBody(ctx);
	if (!inChatList(ctx, ch, me(ctx).relationId)) fail('13108');
	chatOf(ctx, ch).hidden = true;
	return null;
}

export const USER_INFO_FIELDS = ['CREATE_AT', 'FOLLOW_COUNT', 'ADDRESS_WITH_CHAIN'] as const;

function userInfo(ctx: HandlerContext): unknown {
	const address = q(ctx, 'address');
	const fields = ctx.search
		.getAll('fields')
		.flatMap((f) => f.split(','))
		.map((f) => f.trim())
		.filter((f) => f !== '');
	for (const f of fields) if (!(USER_INFO_FIELDS as readonly string[]).includes(f)) fail('11601', `field not supported in this version: ${f}`);
	const u = address === undefined ? me(ctx) : ctx.state.findUser(address);
	if (!u) fail('11602');
	const out: Record<string, unknown> = userRow(u);
	if (fields.includes('CREATE_AT')) out.createdAt = u.createdAt;
	if (fields.includes('FOLLOW_COUNT')) {
		let followerCount = 0;
		for (const x of ctx.state.users.values()) if (x.follows.has(u.relationId)) followerCount++;
		out.followCount = { followingCount: u.follows.size, followerCount };
	}
	if (fields.includes('ADDRESS_WITH_CHAIN')) out.addressWithChain = u.addresses.map((a) => ({ address: a.address, chainName: a.chainName }));
	return out;
}

function listAddress(ctx: HandlerContext): unknown {
	const id = q(ctx, 'relationId');
	if (id === undefined) param('relationId is required');
	const u = ctx.state.users.get(id);
	if (!u) fail('11602');
	return u.addresses.map((a) => ({ address: a.address }));
}

function followTarget(ctx: HandlerContext): { user: User; target: User } {
	const user = me(ctx);
	const address = reqString(ctx.body, 'address');
	const target = ctx.state.findUser(address);
	if (!target) fail('11602', 'address not supported');
	if (target.relationId === user.relationId) fail('11601', 'cannot follow yourself');
	return { user, target };
}

function follow(ctx: HandlerContext): unknown {
	const { user, target } = followTarget(ctx);
	user.follows.add(target.relationId);
	return null;
}

function unfollow(ctx: HandlerContext): unknown {
	const { user, target } = followTarget(ctx);
	user.follows.delete(target.relationId);
	return null;
}

function followList(direction: 'follower' | 'following'): (ctx: HandlerContext) => unknown {
	return (ctx) => {
		const address = q(ctx, 'address');
		const u = address === undefined ? me(ctx) : ctx.state.findUser(address);
		if (!u) fail('11602');
		const rows: User[] = [];
		if (direction === 'following') {
			for (const id of u.follows) {
				const x = ctx.state.users.get(id);
				if (x) rows.push(x);
			}
		} else {
			for (const x of ctx.state.users.values()) if (x.follows.has(u.relationId)) rows.push(x);
		}
		return page(ctx, rows.map(userRow), 100, 20);
	};
}

const V1 = '/api/v1';

/** Every implemented path (reference section 3); other paths answer HTTP 404. */
export const ROUTES: Record<string, Route> = {
	[`${V1}/auth`]: { method: 'POST', auth: 'address', handler: auth },
	[`${V1}/message/send`]: { method: 'POST', auth: 'required', handler: messageSend },
	[`${V1}/message/list`]: { method: 'GET', auth: 'required', handler: messageList },
	[`${V1}/message/read`]: { method: 'POST', auth: 'required', handler: messageRead },
	[`${V1}/message/hide`]: { method: 'POST', auth: 'required', handler: messageHide },
	[`${V1}/message/unreadCount`]: { method: 'GET', auth: 'required', handler: unreadCount },
	[`${V1}/channel/create`]: { method: 'POST', auth: 'required', handler: channelCreate },
	[`${V1}/channel/join`]: { method: 'POST', auth: 'required', handler: channelJoin },
	[`${V1}/channel/members/add`]: { method: 'POST', auth: 'required', handler: membersAdd },
	[`${V1}/channel/members/remove`]: { method: 'POST', auth: 'required', handler: membersRemove },
	[`${V1}/channel/members/leave`]: { method: 'POST', auth: 'required', handler: membersLeave },
	[`${V1}/channel/disband`]: { method: 'POST', auth: 'required', handler: disband },
	[`${V1}/channel/ownerTransfer`]: { method: 'POST', auth: 'required', handler: ownerTransfer },
	[`${V1}/channel/info`]: { method: 'GET', auth: 'required', handler: channelInfo },
	[`${V1}/channel/members`]: { method: 'GET', auth: 'required', handler: channelMembers },
	[`${V1}/channel/isAdmin`]: { method: 'GET', auth: 'required', handler: isAdmin },
	[`${V1}/channel/announcement/get`]: { method: 'GET', auth: 'required', handler: announcementGet },
	[`${V1}/channel/announcement/update`]: { method: 'POST', auth: 'required', handler: announcementUpdate },
	[`${V1}/channel/update`]: { method: 'POST', auth: 'required', handler: channelUpdate },
	[`${V1}/userChannels/list`]: { method: 'GET', auth: 'required', handler: userChannelsList },
	[`${V1}/userChannels/pin`]: { method: 'POST', auth: 'required', handler: userChannelFlag('pin') },
	[`${V1}/userChannels/mute`]: { method: 'POST', auth: 'required', handler: userChannelFlag('mute') },
	[`${V1}/userChannels/hide`]: { method: 'POST', auth: 'required', handler: userChannelHide },
	[`${V1}/userInfo`]: { method: 'GET', auth: 'optional', handler: userInfo },
	[`${V1}/listAddress`]: { method: 'GET', auth: 'optional', handler: listAddress },
	[`${V1}/follow`]: { method: 'POST', auth: 'required', handler: follow },
	[`${V1}/unfollow`]: { method: 'POST', auth: 'required', handler: unfollow },
	[`${V1}/follower`]: { method: 'GET', auth: 'required', handler: followList('follower') },
	[`${V1}/following`]: { method: 'GET', auth: 'required', handler: followList('following') },
};
