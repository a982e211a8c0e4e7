/**
 * Deterministic, inspectable state of the Heybox simulator: the bot, users, rooms, channels,
 * room members, roles, room emoji/stickers, channel messages (by msg_id string), DMs, uploads,
 * and logs of kicks, bans, nickname changes and reactions.
 *
 * Every snowflake (room, channel, message, role, meme path) is a 19-digit decimal STRING.
 * `reset()` restores the seed in place, so references held by tests stay valid.
 */

export const BOT_USER_ID = 10000001;
/** simulated time of the seed (ms) */
export const SEED_TIME_MS = 1725531286040;

/** channel_type values (reference 5.4) */
export const CHANNEL_VOICE = 0;
export const CHANNEL_TEXT = 1;
export const CHANNEL_ANNOUNCEMENT = 2;
export const CHANNEL_CATEGORY = 3;

/** permission bits (reference 5.3) */
export const PERM = {
	admin: 0,
	viewChannels: 1,
	manageChannels: 2,
	manageRoles: 4,
	manageRoom: 5,
	changeNickname: 8,
	manageNicknames: 9,
	kick: 10,
	ban: 13,
	sendMessages: 14,
	uploadFiles: 15,
	mentionAll: 16,
	addReactions: 17,
	manageMessages: 18,
	joinVoice: 22,
	speak: 23,
	manageEmoji: 30,
	playVoicePacks: 32,
	shareScreen: 34,
	useBotCommands: 36,
	sendImages: 39,
} as const;

/** a permission mask (decimal string) with the given bits set */
export function permissionMask(...bits: number[]): string {
	let m = 0n;
	for (const b of bits) m |= 1n << BigInt(b);
	return m.toString();
}

/** every documented bit 0..40: above 2^32 */
export const ALL_PERMISSIONS = ((1n << 41n) - 1n).toString();

export interface User {
	user_id: number;
	nickname: string;
	avatar: string;
	avatar_decoration: { src_type: string; src_url: string };
	bot: boolean;
	level: number;
	medals: unknown[];
	tag: unknown;
}

export interface Room {
	room_id: string;
	room_name: string;
	room_avatar: string;
	room_pic: string;
	create_by: number;
	is_public: number;
	public_id: string;
	is_hot: number;
	/** when the bot joined (ms) */
	join_time: number;
}

export interface Channel {
	channel_id: string;
	room_id: string;
	channel_name: string;
	channel_type: number;
	/** category channel id, or '' / '0' at top level */
	parent_id: string;
	api_type: string;
	/** the bot cannot post here (`该频道为私密频道，无法发送消息`) */
	is_private: boolean;
}

export interface Member {
	room_id: string;
	user_id: number;
	/** role ids (strings) */
	roles: string[];
	room_nickname: string;
	is_master: boolean;
	online: boolean;
	join_time: number;
	/** simulated ms until which the member is muted (禁言); 0 = not muted */
	ban_until: number;
}

export interface Role {
	id: string;
	name: string;
	icon: string;
	color: number;
	color_list: number[];
	room_id: string;
	department_id: string;
	/** decimal string (uint64 bitmask) */
	permissions: string;
	type: number;
	position: number;
	hoist: number;
	mentionable: number;
	del_tag: number;
	creator: number;
	/** seconds */
	create_time: number;
	/** the create request's nonce, if any */
	nonce?: string;
}

export interface Meme {
	room_id: string;
	kind: 'emoji' | 'sticker';
	name: string;
	/** 19-digit string */
	path: string;
	ext: string;
	/** seconds */
	create_time: number;
	mtype: number;
	/** uploader */
	user_id: number;
}

export interface ChannelMessage {
	msg_id: string;
	msg_seq: string;
	room_id: string;
	channel_id: string;
	msg: string;
	msg_type: number;
	/** the `addition` string as sent */
	addition: string;
	img: string;
	reply_id: string;
	at_user_id: string;
	at_role_id: string;
	mention_channel_id: string;
	heychat_ack_id: string;
	chatmobile_ack_id: string;
	sender_id: number;
	/** ms (simulated clock) */
	send_time: number;
	/** number of successful `channel_msg/update` calls */
	edits: number;
	/** 'seed' for seeded messages, else the path that created it */
	via: string;
}

export interface DirectMessage {
	msg_id: string;
	msg_seq: string;
	to_user_id: number;
	msg: string;
	msg_type: number;
	addition: string;
	img: string;
	heychat_ack_id: string;
	heybox_ack_id: string;
	send_time: number;
}

export interface Upload {
	url: string;
	filename: string;
	contentType: string;
	size: number;
	base64: string;
	time: number;
}

export interface KickRecord {
	room_id: string;
	to_user_id: number;
	/** the JSON type `to_user_id` arrived as (reference 9.3: both are in use) */
	toUserIdType: 'number' | 'string';
	time: number;
}

export interface BanRecord {
	room_id: string;
	to_user_id: number;
	/** seconds; 0 lifted the mute */
	duration: number;
	reason: string;
	time: number;
}

export interface NicknameRecord {
	room_id: string;
	to_user_id: number;
	nickname: string;
	time: number;
}

export interface ReactionRecord {
	msg_id: string;
	room_id: string;
	channel_id: string;
	emoji: string;
	is_add: number;
	time: number;
}

export interface RoleGrantRecord {
	action: 'grant' | 'revoke';
	room_id: string;
	role_id: string;
	to_user_id: number;
	time: number;
}

export class HeyboxState {
	readonly botUserId = BOT_USER_ID;
	users = new Map<number, User>();
	rooms = new Map<string, Room>();
	channels = new Map<string, Channel>();
	/** room_id → (user_id → member) */
	members = new Map<string, Map<number, Member>>();
	/** role id → role (deleted roles are removed) */
	roles = new Map<string, Role>();
	/** meme path → emoji or sticker (deleted ones are removed) */
	emoji = new Map<string, Meme>();
	/** channel messages by msg_id (deleted ones move to `deletedMessages`) */
	messages = new Map<string, ChannelMessage>();
	deletedMessages: ChannelMessage[] = [];
	dms: DirectMessage[] = [];
	uploads: Upload[] = [];
	kicks: KickRecord[] = [];
	bans: BanRecord[] = [];
	nicknames: NicknameRecord[] = [];
	/** msg_id → emoji the bot currently has on it */
	reactions = new Map<string, Set<string>>();
	reactionLog: ReactionRecord[] = [];
	roleGrants: RoleGrantRecord[] = [];
	/** rooms the bot left (`room/leave`) */
	leftRooms = new Set<string>();
	/** heychat_ack_id → simulated ms of the message that used it */
	ackIds = new Map<string, number>();
	private nextSnowflake = 0n;

	constructor() {
		this.reset();
	}

	reset(): void {
		this.users.clear();
		this.rooms.clear();
		this.channels.clear();
		this.members.clear();
		this.roles.clear();
		this.emoji.clear();
		this.messages.clear();
		this.deletedMessages.length = 0;
		this.dms.length = 0;
		this.uploads.length = 0;
		this.kicks.length = 0;
		this.bans.length = 0;
		this.nicknames.length = 0;
		this.reactions.clear();
		this.reactionLog.length = 0;
		this.roleGrants.length = 0;
		this.leftRooms.clear();
		this.ackIds.clear();
		this.nextSnowflake = 1900000000000000000n;
		seed(this);
	}

	/** A fresh 19-digit id (deterministic sequence after each reset). */
	allocId(): string {
		this.nextSnowflake += 1n;
		return this.nextSnowflake.toString();
	}

	addUser(user_id: number, nickname: string, extra: Partial<User> = {}): User {
		const u: User = {
			user_id,
			nickname,
			avatar: `https://chat.max-c.com/pic/avatar_${user_id}.png`,
			avatar_decoration: { src_type: '', src_url: '' },
			bot: false,
			level: 10,
			medals: [],
			tag: null,
			...extra,
		};
		this.users.set(user_id, u);
		return u;
	}

	addRoom(room: Omit<Room, 'room_avatar' | 'room_pic' | 'is_public' | 'is_hot' | 'join_time'> & Partial<Room>): Room {
		const r: Room = {
			room_avatar: `https://chat.max-c.com/pic/room_${room.room_id}.png`,
			room_pic: '',
			is_public: 1,
			is_hot: 0,
			join_time: SEED_TIME_MS - 86400000 * 10,
			...room,
		};
		this.rooms.set(r.room_id, r);
		this.members.set(r.room_id, new Map());
		return r;
	}

	addChannel(room_id: string, channel_id: string, channel_name: string, channel_type: number, extra: Partial<Channel> = {}): Channel {
		const c: Channel = { channel_id, room_id, channel_name, channel_type, parent_id: '0', api_type: channel_type === CHANNEL_VOICE ? 'trtc' : '', is_private: false, ...extra };
		this.channels.set(channel_id, c);
		return c;
	}

	addMember(room_id: string, user_id: number, roles: string[], extra: Partial<Member> = {}): Member {
		const m: Member = { room_id, user_id, roles, room_nickname: '', is_master: false, online: true, join_time: SEED_TIME_MS - 86400000 * 5, ban_until: 0, ...extra };
		let map = this.members.get(room_id);
		if (!map) {
			map = new Map();
			this.members.set(room_id, map);
		}
		map.set(user_id, m);
		return m;
	}

	addRole(room_id: string, id: string, name: string, permissions: string, type: number, position: number, extra: Partial<Role> = {}): Role {
		const r: Role = {
			id,
			name,
			icon: '',
			color: 0,
			color_list: [],
			room_id,
			department_id: room_id,
			permissions,
			type,
			position,
			hoist: 0,
			mentionable: 1,
			del_tag: 0,
			creator: 0,
			create_time: Math.floor(SEED_TIME_MS / 1000) - 86400 * 30,
			...extra,
		};
		this.roles.set(id, r);
		return r;
	}

	addMeme(room_id: string, kind: 'emoji' | 'sticker', path: string, name: string, ext: string, user_id: number): Meme {
		const m: Meme = { room_id, kind, name, path, ext, create_time: Math.floor(SEED_TIME_MS / 1000) - 86400, mtype: kind === 'emoji' ? 1 : 2, user_id };
		this.emoji.set(path, m);
		return m;
	}

	/** A room the bot is in (not left), or undefined. */
	room(room_id: string): Room | undefined {
		return this.leftRooms.has(room_id) ? undefined : this.rooms.get(room_id);
	}

	/** Rooms the bot is in, in seed/join order. */
	joinedRooms(): Room[] {
		return [...this.rooms.values()].filter((r) => !this.leftRooms.has(r.room_id));
	}

	channelsOf(room_id: string): Channel[] {
		return [...this.channels.values()].filter((c) => c.room_id === room_id);
	}

	member(room_id: string, user_id: number): Member | undefined {
		return this.members.get(room_id)?.get(user_id);
	}

	memberList(room_id: string): Member[] {
		return [...(this.members.get(room_id)?.values() ?? [])];
	}

	rolesOf(room_id: string): Role[] {
		return [...this.roles.values()].filter((r) => r.room_id === room_id).sort((a, b) => a.position - b.position);
	}

	memesOf(room_id: string, kind?: 'emoji' | 'sticker'): Meme[] {
		return [...this.emoji.values()].filter((m) => m.room_id === room_id && (kind === undefined || m.kind === kind));
	}

	/** OR of the permissions of the member's roles and the room's @everyone (type 255) role. */
	permissionsOf(room_id: string, user_id: number): bigint {
		const m = this.member(room_id, user_id);
		if (!m) return 0n;
		let mask = 0n;
		for (const r of this.rolesOf(room_id)) {
			if (r.type === 255 || m.roles.includes(r.id)) mask |= BigInt(r.permissions);
		}
		return mask;
	}

	/** true when the bot has `bit` (or administrator) in the room; the room master has everything */
	botCan(room_id: string, bit: number): boolean {
		const m = this.member(room_id, this.botUserId);
		if (!m) return false;
		if (m.is_master) return true;
		const mask = this.permissionsOf(room_id, this.botUserId);
		return (mask & 1n) === 1n || ((mask >> BigInt(bit)) & 1n) === 1n;
	}

	/** Rooms (joined by the bot) that the user is a member of. */
	sharedRooms(user_id: number): Room[] {
		return this.joinedRooms().filter((r) => this.member(r.room_id, user_id) !== undefined);
	}

	/** Messages and DMs the bot sent, oldest first. */
	sentMessages(): ChannelMessage[] {
		return [...this.messages.values()].filter((m) => m.via !== 'seed').sort((a, b) => a.send_time - b.send_time || (BigInt(a.msg_id) < BigInt(b.msg_id) ? -1 : 1));
	}
}

/** Room, channel, role and meme ids used by the seed (all 19-digit strings). */
export const SEED = {
	room1: '3358126864697663488',
	room1Category: '3358126864697663489',
	room1Text: '3358126864697663490',
	room1Text2: '3358126864697663491',
	room1Voice: '3358126864697663492',
	room1Everyone: '3358126864697663500',
	room1Admin: '3358126864697663501',
	room1BotRole: '3358126864697663502',
	room1Member: '3358126864697663503',
	room1Emoji: '1737773988806922240',
	room1Emoji2: '1737773988806922241',
	room1Sticker: '1737773988806922250',
	room1Msg: '1843536909979836416',
	room1Msg2: '1843536909979836417',
	room2: '3663316788315193344',
	room2Text: '3665944781964836864',
	room2Image: '3665967902142889984',
	room2Private: '3665967902142889985',
	room2Voice: '3665967902142889986',
	room2Everyone: '3663316788343832576',
	room2BotRole: '3663316788343832577',
	room2Role: '3663316788343832578',
	room2Msg: '1843536909979836420',
	room3: '3512345678901234567',
	room3Text: '3512345678901234570',
	room3Everyone: '3512345678901234580',
	room3BotRole: '3512345678901234581',
} as const;

/** user ids used by the seed */
export const USERS = {
	bot: BOT_USER_ID,
	ali: 8829926,
	heybox: 84005510,
	master: 72053518,
	tester: 1234567,
	/** shares no room with the bot: DMs to it fail */
	stranger: 20000001,
} as const;

function seed(s: HeyboxState): void {
	const sec = Math.floor(SEED_TIME_MS / 1000);
	s.addUser(USERS.bot, 'n8n-bot', { bot: true, level: 1 });
	s.addUser(USERS.ali, '阿狸', { level: 32 });
	s.addUser(USERS.heybox, '小黑盒用户', { level: 18 });
	s.addUser(USERS.master, '大师级选手', { level: 50, avatar_decoration: { src_type: 'png', src_url: 'https://cdn.max-c.com/decoration/1.png' } });
	s.addUser(USERS.tester, '测试用户', { level: 3 });
	s.addUser(USERS.stranger, '陌生人', { level: 1 });

	// room 1: the bot is an administrator (its bot role has every bit 0..40)
	s.addRoom({ room_id: SEED.room1, room_name: 'n8n 测试房间', create_by: USERS.ali, public_id: '10086', is_hot: 1, join_time: SEED_TIME_MS - 86400000 * 30 });
	s.addChannel(SEED.room1, SEED.room1Category, '文字频道', CHANNEL_CATEGORY);
	s.addChannel(SEED.room1, SEED.room1Text, '综合', CHANNEL_TEXT, { parent_id: SEED.room1Category });
	s.addChannel(SEED.room1, SEED.room1Text2, '机器人测试', CHANNEL_TEXT, { parent_id: SEED.room1Category });
	s.addChannel(SEED.room1, SEED.room1Voice, '开黑语音', CHANNEL_VOICE);
	s.addRole(SEED.room1, SEED.room1Everyone, '@全体成员', permissionMask(PERM.viewChannels, PERM.sendMessages, PERM.addReactions, PERM.joinVoice, PERM.speak), 255, 0);
	s.addRole(SEED.room1, SEED.room1Member, '活跃成员', permissionMask(PERM.viewChannels, PERM.sendMessages, PERM.uploadFiles, PERM.addReactions, PERM.joinVoice, PERM.speak, PERM.playVoicePacks, PERM.shareScreen), 0, 1, { color: 4886745, hoist: 1, creator: USERS.ali, create_time: sec - 86400 * 20 });
	s.addRole(SEED.room1, SEED.room1Admin, '管理员', permissionMask(PERM.admin), 0, 2, { color: 16711680, color_list: [16711680, 16753920], creator: USERS.ali });
	s.addRole(SEED.room1, SEED.room1BotRole, 'n8n-bot', ALL_PERMISSIONS, 2, 3, { mentionable: 0 });
	s.addMember(SEED.room1, USERS.bot, [SEED.room1BotRole], { room_nickname: 'n8n 机器人' });
	s.addMember(SEED.room1, USERS.ali, [SEED.room1Admin], { is_master: true, room_nickname: '房主阿狸' });
	s.addMember(SEED.room1, USERS.heybox, [SEED.room1Member], { online: false });
	s.addMember(SEED.room1, USERS.master, [SEED.room1Member]);
	s.addMember(SEED.room1, USERS.tester, [], { online: false });
	s.addMeme(SEED.room1, 'emoji', SEED.room1Emoji, '狗头', 'jpg', USERS.ali);
	s.addMeme(SEED.room1, 'emoji', SEED.room1Emoji2, '摸摸头', 'png', USERS.heybox);
	s.addMeme(SEED.room1, 'sticker', SEED.room1Sticker, '跳舞', 'gif', USERS.ali);

	// room 2: the bot may only view, send, upload and react (no moderation)
	s.addRoom({ room_id: SEED.room2, room_name: '黑盒开发者社区', create_by: USERS.master, public_id: '20231' });
	s.addChannel(SEED.room2, SEED.room2Text, '闲聊', CHANNEL_TEXT);
	s.addChannel(SEED.room2, SEED.room2Image, '图片分享', CHANNEL_TEXT);
	s.addChannel(SEED.room2, SEED.room2Private, '管理员频道', CHANNEL_TEXT, { is_private: true });
	s.addChannel(SEED.room2, SEED.room2Voice, '语音大厅', CHANNEL_VOICE, { api_type: 'volc' });
	s.addRole(SEED.room2, SEED.room2Everyone, '@全体成员', permissionMask(PERM.viewChannels, PERM.sendMessages, PERM.joinVoice), 255, 0);
	s.addRole(SEED.room2, SEED.room2Role, '开发者', permissionMask(PERM.viewChannels, PERM.sendMessages, PERM.uploadFiles, PERM.addReactions, PERM.mentionAll, PERM.sendImages), 0, 1, { creator: USERS.master });
	s.addRole(SEED.room2, SEED.room2BotRole, '机器人', permissionMask(PERM.viewChannels, PERM.sendMessages, PERM.uploadFiles, PERM.addReactions, PERM.useBotCommands, PERM.sendImages), 2, 2, { mentionable: 0 });
	s.addMember(SEED.room2, USERS.bot, [SEED.room2BotRole]);
	s.addMember(SEED.room2, USERS.master, [SEED.room2Role], { is_master: true });
	s.addMember(SEED.room2, USERS.heybox, [SEED.room2Role]);
	s.addMember(SEED.room2, USERS.ali, []);

	// room 3: small, the bot is administrator
	s.addRoom({ room_id: SEED.room3, room_name: '游戏开黑', create_by: USERS.tester, public_id: '30777', is_public: 0 });
	s.addChannel(SEED.room3, SEED.room3Text, '大厅', CHANNEL_TEXT);
	s.addRole(SEED.room3, SEED.room3Everyone, '@全体成员', permissionMask(PERM.viewChannels, PERM.sendMessages), 255, 0);
	s.addRole(SEED.room3, SEED.room3BotRole, '机器人', permissionMask(PERM.admin), 2, 1);
	s.addMember(SEED.room3, USERS.bot, [SEED.room3BotRole]);
	s.addMember(SEED.room3, USERS.tester, [], { is_master: true });

	const seedMsg = (msg_id: string, room_id: string, channel_id: string, sender_id: number, msg: string, msg_type: number, at_user_id = '', dt = 0): void => {
		s.messages.set(msg_id, {
			msg_id,
			msg_seq: msg_id,
			room_id,
			channel_id,
			msg,
			msg_type,
			addition: '{}',
			img: '',
			reply_id: '',
			at_user_id,
			at_role_id: '',
			mention_channel_id: '',
			heychat_ack_id: '',
			chatmobile_ack_id: '',
			sender_id,
			send_time: SEED_TIME_MS + dt,
			edits: 0,
			via: 'seed',
		});
	};
	seedMsg(SEED.room1Msg, SEED.room1, SEED.room1Text, USERS.ali, '大家好', 4);
	seedMsg(SEED.room1Msg2, SEED.room1, SEED.room1Text, USERS.heybox, `@{id:${USERS.bot}} 你好`, 10, String(USERS.bot), 1000);
	seedMsg(SEED.room2Msg, SEED.room2, SEED.room2Text, USERS.master, '欢迎来到开发者社区', 4, '', 2000);
}
