/**
 * In-memory state of the RelationLabs simulator: users (accounts, addresses, follows), channels
 * (G groups and P p2p chats, members, former members), messages per channel, and every user's
 * per-chat state (unread and mention counters, read marks, pin, mute, hidden), plus the sendUuid
 * memory used for idempotent sends.
 */
import { randomBytes } from 'node:crypto';

/** `from` of system messages (reference 3.1) */
export const SYSTEM_FROM = '00000000000000000000000000000000';

/** The seed's reference time (ms), from the documented sendUuid example: 2022-10-10T03:12:55.954Z */
export const SEED_TIME_MS = 1665371575954;

/** Seeded relationIds (IC-principal-style, like the documented `dhkyq-sqaaa-aaaaj-sgz3q-cai`). */
export const USERS = {
	/** the bot's own account, "n8n bot"; admin of SEED.group */
	bot: 'dhkyq-sqaaa-aaaaj-sgz3q-cai',
	/** "Alice": in SEED.group and SEED.otherGroup; follows the bot; has a p2p chat with the bot */
	alice: '1u4dp-6qaaa-aaaaj-aag4q-cai',
	/** "Bob": in SEED.group; follows the bot */
	bob: 'q3fzk-iaaaa-aaaaj-aab2q-cai',
	/** "Carol": blocks messages from strangers (anyone she does not follow; she follows only Alice) */
	carol: 'rrkah-fqaaa-aaaaj-aaaaq-cai',
	/** "Dave": admin of SEED.otherGroup; follows nobody */
	dave: 'ryjl3-tyaaa-aaaaj-aaaba-cai',
} as const;

/** Seeded web3 addresses (eth, lower case). Dave also has a polygon address. */
export const ADDRESSES = {
	bot: '0x2e8e7f3c9a1b4d5e6f708192a3b4c5d6e7f80912',
	alice: '0x5aeda56215b167893e80b4fe645ba6d5bab767de',
	bob: '0x6330a553fc93768f612722bb8c2ec78ac90b3bbc',
	carol: '0x829bd824b016326a401d083b33d092293333a830',
	dave: '0xdd2fd4581271e230360230f9337d5c0430bf44c0',
	davePolygon: '0xbda5747bfd65f08deb54cb465eb87d40e51b197e',
} as const;

export const SEED = {
	/** G group "n8n Test Group": the bot (admin), Alice, Bob */
	group: '4f326124812c41448bc587bf6b2eaf42',
	/** G group "Dave's Club": Dave (admin), Alice; the bot is NOT a member (send → 13108, list → 10120); open access */
	otherGroup: 'c5a1e0f2b3d44e6f8a9b0c1d2e3f4a5b',
	/** P chat between the bot and Alice */
	dmAlice: '8c0d5a9e3f2b4c61a7d8e9f0a1b2c3d4',
	/** in SEED.group, from Alice: "hello everyone" (read by the bot) */
	msgAliceHello: '1579047130798100481',
	/** in SEED.group, from the bot: "hello", quoting msgAliceHello, mentioning Alice */
	msgBotHello: '1579309168845799425',
	/** in SEED.dmAlice, from Alice: "hi bot, are you there?" (unread for the bot) */
	msgAliceDm: '1579412345678901249',
	/** in SEED.otherGroup, from Dave: "welcome to the club" */
	msgDaveClub: '1578998877665544321',
} as const;

/** First id handed out for new messages; ids count up from here (19 digits, above 2^53). */
export const FIRST_NEW_MESSAGE_ID = 1900000000000000001n;

export interface Address {
	address: string;
	chainName: string;
}

export interface User {
	relationId: string;
	name: string;
	avatar: string;
	/** account creation (ms) */
	createdAt: number;
	addresses: Address[];
	/** relationIds this user follows */
	follows: Set<string>;
	/** refuses messages from users it does not follow (send → 13301) */
	blockStrangers: boolean;
	/** inviteCode given at /api/v1/auth when the account was created */
	inviteCode?: string;
}

export type ChannelType = 'G' | 'P';

export interface Member {
	relationId: string;
	isAdmin: boolean;
	joinedAt: number;
}

export interface FormerMember {
	relationId: string;
	status: 'left' | 'removed';
	at: number;
}

export interface Channel {
	uuid: string;
	name: string;
	icon: string;
	type: ChannelType;
	members: Member[];
	/** users who left or were removed (and are not members again) */
	former: FormerMember[];
	announcement: string;
	pinAnnouncement: boolean;
	/** anyone can join (G); default true */
	openAccess: boolean;
	/** disbanded by its admin; `members` keeps who was in it (they still see the chat, status 3) */
	dismissed: boolean;
	createdAt: number;
	createdBy: string;
}

export interface Message {
	/** 19-digit snowflake, as a string */
	id: string;
	sendUuid: string;
	channelUuid: string;
	/** ms */
	createAt: number;
	type: string;
	from: string;
	fromName: string;
	fromAvatar: string;
	content: string;
	quoteId: string | null;
	mentionedUser: string[];
	/** hidden by its sender (message/hide): left out of message/list */
	hidden: boolean;
}

/** One user's view of one chat. */
export interface ChatState {
	pin: boolean;
	mute: boolean;
	/** userChannels/hide: left out of userChannels/list until a new message arrives */
	hidden: boolean;
	/** incoming messages not read yet */
	unread: number;
	/** of those, the ones mentioning this user */
	mentions: number;
	/** last message/read: sim ms and the `total` sent, or null */
	lastRead: { at: number; total: number } | null;
}

export interface PostInput {
	from: string;
	type: string;
	content: string;
	sendUuid: string;
	createAt: number;
	quoteId?: string | null;
	mentionedUser?: string[];
	id?: string;
}

const AVATAR = (name: string) => `https://avatar.relationlabs.invalid/${name}.png`;

export class RelationLabsState {
	readonly users = new Map<string, User>();
	readonly channels = new Map<string, Channel>();
	/** per channel, oldest first */
	readonly messages = new Map<string, Message[]>();
	/** relationId → channelUuid → ChatState */
	readonly chats = new Map<string, Map<string, ChatState>>();
	/** `${from}\n${sendUuid}` → the message that sendUuid produced */
	readonly sendUuids = new Map<string, { channelUuid: string; id: string }>();
	readonly botRelationId: string = USERS.bot;
	private nextId = FIRST_NEW_MESSAGE_ID;

	constructor() {
		this.seed();
	}

	reset(): void {
		this.users.clear();
		this.channels.clear();
		this.messages.clear();
		this.chats.clear();
		this.sendUuids.clear();
		this.nextId = FIRST_NEW_MESSAGE_ID;
		this.seed();
	}

	// -------------------------------------------------------------------------------------- users

	/** By relationId, or by web3 address (case-insensitive). */
	findUser(idOrAddress: string): User | undefined {
		const direct = this.users.get(idOrAddress);
		if (direct) return direct;
		const a = idOrAddress.toLowerCase();
		if (!a.startsWith('0x')) return undefined;
		for (const u of this.users.values()) if (u.addresses.some((x) => x.address.toLowerCase() === a)) return u;
		return undefined;
	}

	addUser(o: { relationId?: string; name?: string; address?: string; chainName?: string; avatar?: string; createdAt: number; blockStrangers?: boolean }): User {
		const relationId = o.relationId ?? this.newRelationId();
		if (this.users.has(relationId)) throw new Error(`user ${relationId} already exists`);
		const address = (o.address ?? newAddress()).toLowerCase();
		const u: User = {
			relationId,
			name: o.name ?? `user-${address.slice(-6)}`,
			avatar: o.avatar ?? '',
			createdAt: o.createdAt,
			addresses: [{ address, chainName: o.chainName ?? 'eth' }],
			follows: new Set(),
			blockStrangers: o.blockStrangers ?? false,
		};
		this.users.set(relationId, u);
		return u;
	}

	/** A fresh IC-principal-style relationId such as `k2v7a-xqaaa-aaaaj-m3f4q-cai`. */
	newRelationId(): string {
		const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
		const r = (n: number) => Array.from(randomBytes(n), (b) => alphabet[b % 32]).join('');
		for (;;) {
			const id = `${r(5)}-${r(2)}aaa-aaaaj-${r(4)}q-cai`;
			if (!this.users.has(id)) return id;
		}
	}

	// ----------------------------------------------------------------------------------- channels

	newChannelUuid(): string {
		for (;;) {
			const uuid = randomBytes(16).toString('hex');
			if (!this.channels.has(uuid)) return uuid;
		}
	}

	member(ch: Channel, relationId: string): Member | undefined {
		return ch.members.find((m) => m.relationId === relationId);
	}

	former(ch: Channel, relationId: string): FormerMember | undefined {
		return ch.former.find((m) => m.relationId === relationId);
	}

	addChannel(o: { uuid?: string; name: string; type: ChannelType; creator: string; members: string[]; createdAt: number; icon?: string; openAccess?: boolean }): Channel {
		const uuid = o.uuid ?? this.newChannelUuid();
		const ch: Channel = {
			uuid,
			name: o.name,
			icon: o.icon ?? '',
			type: o.type,
			members: [],
			former: [],
			announcement: '',
			pinAnnouncement: false,
			openAccess: o.openAccess ?? o.type === 'G',
			dismissed: false,
			createdAt: o.createdAt,
			createdBy: o.creator,
		};
		for (const id of [o.creator, ...o.members]) {
			if (!ch.members.some((m) => m.relationId === id)) ch.members.push({ relationId: id, isAdmin: o.type === 'G' && id === o.creator, joinedAt: o.createdAt });
		}
		this.channels.set(uuid, ch);
		this.messages.set(uuid, []);
		return ch;
	}

	addMember(ch: Channel, relationId: string, at: number): void {
		if (this.member(ch, relationId)) return;
		ch.former = ch.former.filter((f) => f.relationId !== relationId);
		ch.members.push({ relationId, isAdmin: false, joinedAt: at });
		// a (re)joining member starts with nothing unread
		const c = this.chat(relationId, ch.uuid);
		c.unread = 0;
		c.mentions = 0;
		c.hidden = false;
	}

	removeMember(ch: Channel, relationId: string, status: 'left' | 'removed', at: number): void {
		const m = this.member(ch, relationId);
		if (!m) return;
		ch.members = ch.members.filter((x) => x.relationId !== relationId);
		ch.former = ch.former.filter((f) => f.relationId !== relationId);
		ch.former.push({ relationId, status, at });
		if (m.isAdmin && ch.members.length > 0 && !ch.members.some((x) => x.isAdmin)) ch.members[0].isAdmin = true;
		const c = this.chat(relationId, ch.uuid);
		c.unread = 0;
		c.mentions = 0;
	}

	/** The P chat between two users, if any. */
	findP2P(a: string, b: string): Channel | undefined {
		for (const ch of this.channels.values()) {
			if (ch.type !== 'P') continue;
			const ids = new Set(ch.members.map((m) => m.relationId));
			if (ids.size === 2 && ids.has(a) && ids.has(b)) return ch;
		}
		return undefined;
	}

	/** The P chat between two users, created when missing. */
	p2p(a: string, b: string, at: number): Channel {
		return this.findP2P(a, b) ?? this.addChannel({ name: '', type: 'P', creator: a, members: [b], createdAt: at });
	}

	/** The channel's display name for one user: the other user's name for P chats. */
	displayName(ch: Channel, forUser: string): string {
		if (ch.type === 'G') return ch.name;
		const other = ch.members.find((m) => m.relationId !== forUser)?.relationId ?? ch.former.find((f) => f.relationId !== forUser)?.relationId;
		return (other && this.users.get(other)?.name) || ch.name;
	}

	// ---------------------------------------------------------------------------------- messages

	nextMessageId(): string {
		const id = this.nextId.toString();
		this.nextId++;
		return id;
	}

	findMessage(id: string): Message | undefined {
		for (const list of this.messages.values()) {
			const m = list.find((x) => x.id === id);
			if (m) return m;
		}
		return undefined;
	}

	/** Appends a message; every other member's unread (and mention) counter goes up and hidden chats reappear. */
	post(ch: Channel, p: PostInput): Message {
		const sender = this.users.get(p.from);
		const msg: Message = {
			id: p.id ?? this.nextMessageId(),
			sendUuid: p.sendUuid,
			channelUuid: ch.uuid,
			createAt: p.createAt,
			type: p.type,
			from: p.from,
			fromName: sender?.name ?? '',
			fromAvatar: sender?.avatar ?? '',
			content: p.content,
			quoteId: p.quoteId ?? null,
			mentionedUser: [...(p.mentionedUser ?? [])],
			hidden: false,
		};
		const list = this.messages.get(ch.uuid) ?? [];
		list.push(msg);
		list.sort((a, b) => a.createAt - b.createAt || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
		this.messages.set(ch.uuid, list);
		for (const m of ch.members) {
			const c = this.chat(m.relationId, ch.uuid);
			c.hidden = false;
			if (m.relationId === p.from) continue;
			c.unread++;
			if (msg.mentionedUser.includes(m.relationId)) c.mentions++;
		}
		return msg;
	}

	/** Visible messages of a channel, oldest first. */
	visibleMessages(uuid: string): Message[] {
		return (this.messages.get(uuid) ?? []).filter((m) => !m.hidden);
	}

	// ------------------------------------------------------------------------------------- chats

	chat(relationId: string, uuid: string): ChatState {
		let per = this.chats.get(relationId);
		if (!per) {
			per = new Map();
			this.chats.set(relationId, per);
		}
		let c = per.get(uuid);
		if (!c) {
			c = { pin: false, mute: false, hidden: false, unread: 0, mentions: 0, lastRead: null };
			per.set(uuid, c);
		}
		return c;
	}

	/** Totals over the chats the user is a current member of. */
	unreadTotals(relationId: string): { unreadCount: number; mentionsCount: number } {
		let unreadCount = 0;
		let mentionsCount = 0;
		for (const ch of this.channels.values()) {
			if (ch.dismissed || !this.member(ch, relationId)) continue;
			const c = this.chats.get(relationId)?.get(ch.uuid);
			if (!c) continue;
			unreadCount += c.unread;
			mentionsCount += c.mentions;
		}
		return { unreadCount, mentionsCount };
	}

	markRead(relationId: string, uuid: string, total: number, at: number): void {
		const c = this.chat(relationId, uuid);
		c.unread = 0;
		c.mentions = 0;
		c.lastRead = { at, total };
	}

	// -------------------------------------------------------------------------------------- seed

	private seed(): void {
		const t = SEED_TIME_MS;
		const day = 86400000;
		const bot = this.addUser({ relationId: USERS.bot, name: 'n8n bot', address: ADDRESSES.bot, avatar: AVATAR('n8n-bot'), createdAt: t - 30 * day });
		const alice = this.addUser({ relationId: USERS.alice, name: 'Alice', address: ADDRESSES.alice, avatar: AVATAR('alice'), createdAt: t - 90 * day });
		const bob = this.addUser({ relationId: USERS.bob, name: 'Bob', address: ADDRESSES.bob, avatar: AVATAR('bob'), createdAt: t - 60 * day });
		const carol = this.addUser({ relationId: USERS.carol, name: 'Carol', address: ADDRESSES.carol, avatar: AVATAR('carol'), createdAt: t - 45 * day, blockStrangers: true });
		const dave = this.addUser({ relationId: USERS.dave, name: 'Dave', address: ADDRESSES.dave, avatar: AVATAR('dave'), createdAt: t - 120 * day });
		dave.addresses.push({ address: ADDRESSES.davePolygon, chainName: 'polygon' });
		bot.follows.add(alice.relationId);
		alice.follows.add(bot.relationId);
		bob.follows.add(bot.relationId);
		bob.follows.add(alice.relationId);
		carol.follows.add(alice.relationId);

		const group = this.addChannel({ uuid: SEED.group, name: 'n8n Test Group', type: 'G', creator: bot.relationId, members: [alice.relationId, bob.relationId], createdAt: t - 7 * day, icon: AVATAR('group') });
		group.announcement = 'Welcome! Be nice.';
		const club = this.addChannel({ uuid: SEED.otherGroup, name: "Dave's Club", type: 'G', creator: dave.relationId, members: [alice.relationId], createdAt: t - 14 * day });
		const dm = this.addChannel({ uuid: SEED.dmAlice, name: '', type: 'P', creator: alice.relationId, members: [bot.relationId], createdAt: t - 2 * day });

		const uuid = (from: string, n: number) => `${from}-${(n * 0x9e3779b1).toString(16).padStart(32, '0').slice(-32)}-${t + n}-${1000 + n}`;
		this.post(club, { id: SEED.msgDaveClub, from: dave.relationId, type: 'TEXT', content: 'welcome to the club', sendUuid: uuid(dave.relationId, 1), createAt: t - 2 * 3600000 });
		this.post(group, { id: SEED.msgAliceHello, from: alice.relationId, type: 'TEXT', content: 'hello everyone', sendUuid: uuid(alice.relationId, 2), createAt: t - 3600000 });
		this.post(group, {
			id: SEED.msgBotHello,
			from: bot.relationId,
			type: 'TEXT',
			content: 'hello',
			sendUuid: uuid(bot.relationId, 3),
			createAt: t,
			quoteId: SEED.msgAliceHello,
			mentionedUser: [alice.relationId],
		});
		this.post(dm, { id: SEED.msgAliceDm, from: alice.relationId, type: 'TEXT', content: 'hi bot, are you there?', sendUuid: uuid(alice.relationId, 4), createAt: t + 60000 });
		for (const m of this.messages.values()) for (const x of m) this.sendUuids.set(`${x.from}\n${x.sendUuid}`, { channelUuid: x.channelUuid, id: x.id });
		this.markRead(bot.relationId, group.uuid, 1, t + 1000);
	}
}

/** A random lower-case eth address. */
export function newAddress(): string {
	return '0x' + randomBytes(20).toString('hex');
}
