/**
 * Deterministic, inspectable state of the OneBot simulator: the bot account, friends, groups,
 * members, stored messages and forward messages, plus logs of moderation and other side effects.
 * `reset()` restores the seed in place, so references held by tests stay valid.
 */
import { encodeCQ } from './cq.ts';
import type { Segment } from './cq.ts';

export type { Segment } from './cq.ts';

export type Sex = 'male' | 'female' | 'unknown';
export type Role = 'owner' | 'admin' | 'member';

export interface Friend {
	user_id: number;
	nickname: string;
	remark: string;
	sex: Sex;
	age: number;
}

export interface Group {
	group_id: number;
	group_name: string;
	group_remark: string;
	max_member_count: number;
	/** whole-group mute (`set_group_whole_ban`) */
	whole_ban: boolean;
}

export interface Member {
	group_id: number;
	user_id: number;
	nickname: string;
	card: string;
	role: Role;
	title: string;
	sex: Sex;
	age: number;
	area: string;
	level: string;
	join_time: number;
	last_sent_time: number;
	/** Unix seconds until which the member is muted; 0 = not muted. */
	shut_up_timestamp: number;
	/** duration of the last `set_group_ban` (seconds), 0 after an unban */
	ban_duration: number;
}

export interface Sender {
	user_id: number;
	nickname: string;
	card?: string;
	role?: Role;
	sex?: Sex;
	age?: number;
}

export interface StoredMessage {
	message_id: number;
	message_type: 'private' | 'group';
	user_id?: number;
	group_id?: number;
	/** always a segment array (CQ strings are decoded on arrival) */
	message: Segment[];
	raw_message: string;
	time: number;
	sender: Sender;
	/** set for forward messages: key into `forwards` */
	forward_id?: string;
	/** the action that created it (seeded messages: 'seed') */
	via: string;
}

export interface ForwardNode {
	user_id: number;
	nickname: string;
	content: Segment[];
	time: number;
	/** message id when the node re-forwarded an existing message (`{id}` node) */
	source_message_id?: number;
}

export interface ForwardRecord {
	id: string;
	message_id: number;
	message_type: 'private' | 'group';
	user_id?: number;
	group_id?: number;
	nodes: ForwardNode[];
	time: number;
}

export interface BanRecord {
	group_id: number;
	user_id: number;
	duration: number;
	time: number;
}

export interface WholeBanRecord {
	group_id: number;
	enable: boolean;
	time: number;
}

export interface KickRecord {
	group_id: number;
	user_id: number;
	reject_add_request: boolean;
	time: number;
}

export interface PokeRecord {
	action: string;
	user_id: number;
	group_id?: number;
	target_id?: number;
	time: number;
}

export interface ReactionRecord {
	action: string;
	message_id: number;
	group_id?: number;
	emoji_id: string;
	add: boolean;
	time: number;
}

export interface ReadMark {
	action: string;
	message_id?: number;
	user_id?: number;
	group_id?: number;
	time: number;
}

export interface UploadedFile {
	action: 'upload_group_file' | 'upload_private_file';
	group_id?: number;
	user_id?: number;
	/** the `file` parameter as sent */
	file: string;
	name: string;
	folder?: string;
	/** decoded size for base64/data URIs, stat size for existing local files, else 0 */
	size: number;
	file_id: string;
	time: number;
}

export interface OneBotStateOptions {
	selfId?: number;
	nickname?: string;
}

export const SEED_TIME = 1700000000;

export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

export class OneBotState {
	selfId: number;
	nickname: string;
	friends = new Map<number, Friend>();
	groups = new Map<number, Group>();
	/** group_id → (user_id → member) */
	members = new Map<number, Map<number, Member>>();
	messages = new Map<number, StoredMessage>();
	forwards = new Map<string, ForwardRecord>();
	nextMessageId = 1000;
	nextForwardSeq = 1;
	deletedMessages: number[] = [];
	bans: BanRecord[] = [];
	wholeBans: WholeBanRecord[] = [];
	kicks: KickRecord[] = [];
	leftGroups = new Set<number>();
	/** user_id → total likes sent since the last reset */
	likes = new Map<number, number>();
	pokes: PokeRecord[] = [];
	/** message_id → active reaction emoji ids (strings) */
	reactions = new Map<number, Set<string>>();
	reactionLog: ReactionRecord[] = [];
	readMarks: ReadMark[] = [];
	uploadedFiles: UploadedFile[] = [];
	private readonly seedSelfId: number;
	private readonly seedNickname: string;

	constructor(opts: OneBotStateOptions = {}) {
		this.seedSelfId = opts.selfId ?? 10001;
		this.seedNickname = opts.nickname ?? 'imkit-bot';
		this.selfId = this.seedSelfId;
		this.nickname = this.seedNickname;
		this.reset();
	}

	/** Restores the seeded state in place. */
	reset(): void {
		this.selfId = this.seedSelfId;
		this.nickname = this.seedNickname;
		this.friends.clear();
		this.groups.clear();
		this.members.clear();
		this.messages.clear();
		this.forwards.clear();
		this.nextMessageId = 1000;
		this.nextForwardSeq = 1;
		this.deletedMessages.length = 0;
		this.bans.length = 0;
		this.wholeBans.length = 0;
		this.kicks.length = 0;
		this.leftGroups.clear();
		this.likes.clear();
		this.pokes.length = 0;
		this.reactions.clear();
		this.reactionLog.length = 0;
		this.readMarks.length = 0;
		this.uploadedFiles.length = 0;
		seed(this);
	}

	addFriend(user_id: number, nickname: string, remark = '', sex: Sex = 'unknown', age = 0): Friend {
		const f: Friend = { user_id, nickname, remark, sex, age };
		this.friends.set(user_id, f);
		return f;
	}

	addGroup(group_id: number, group_name: string, max_member_count: number): Group {
		const g: Group = { group_id, group_name, group_remark: '', max_member_count, whole_ban: false };
		this.groups.set(group_id, g);
		this.members.set(group_id, new Map());
		return g;
	}

	addMember(group_id: number, user_id: number, nickname: string, extra: Partial<Member> = {}): Member {
		const m: Member = {
			group_id,
			user_id,
			nickname,
			card: '',
			role: 'member',
			title: '',
			sex: 'unknown',
			age: 0,
			area: '',
			level: '1',
			join_time: SEED_TIME - 86400 * 30,
			last_sent_time: SEED_TIME,
			shut_up_timestamp: 0,
			ban_duration: 0,
			...extra,
		};
		let map = this.members.get(group_id);
		if (!map) {
			map = new Map();
			this.members.set(group_id, map);
		}
		map.set(user_id, m);
		return m;
	}

	/** A group the bot is still in, or undefined. */
	group(group_id: number): Group | undefined {
		return this.leftGroups.has(group_id) ? undefined : this.groups.get(group_id);
	}

	member(group_id: number, user_id: number): Member | undefined {
		if (!this.group(group_id)) return undefined;
		return this.members.get(group_id)?.get(user_id);
	}

	memberList(group_id: number): Member[] {
		return [...(this.members.get(group_id)?.values() ?? [])];
	}

	memberCount(group_id: number): number {
		return this.members.get(group_id)?.size ?? 0;
	}

	allocMessageId(): number {
		while (this.messages.has(this.nextMessageId)) this.nextMessageId++;
		return this.nextMessageId++;
	}

	allocForwardId(): string {
		return `fwd-${this.nextForwardSeq++}`;
	}

	/** The sender object for messages the bot sends. */
	selfSender(group_id?: number): Sender {
		if (group_id !== undefined) {
			const m = this.member(group_id, this.selfId);
			return {
				user_id: this.selfId,
				nickname: this.nickname,
				card: m?.card ?? '',
				role: m?.role ?? 'member',
			};
		}
		return { user_id: this.selfId, nickname: this.nickname };
	}

	storeMessage(msg: Omit<StoredMessage, 'message_id' | 'raw_message'> & { message_id?: number }): StoredMessage {
		const message_id = msg.message_id ?? this.allocMessageId();
		const stored: StoredMessage = { ...msg, message_id, raw_message: encodeCQ(msg.message) };
		this.messages.set(message_id, stored);
		return stored;
	}

	/** Messages the bot sent (not seeded ones), oldest first. */
	sentMessages(): StoredMessage[] {
		return [...this.messages.values()].filter((m) => m.via !== 'seed').sort((a, b) => a.message_id - b.message_id);
	}

	isMuted(group_id: number, user_id: number, at = nowSeconds()): boolean {
		const m = this.member(group_id, user_id);
		return !!m && m.shut_up_timestamp > at;
	}
}

function seed(s: OneBotState): void {
	s.addFriend(123456, '测试用户', '测试', 'male', 20);
	s.addFriend(123456789, '示例用户', '', 'unknown', 0);
	s.addFriend(987654321, '用户A', 'A', 'female', 22);
	s.addFriend(112233445, '用户B', 'B', 'male', 30);

	s.addGroup(20002, 'Dev Group', 200);
	s.addMember(20002, 30001, '群主', { role: 'owner', title: '创始人', card: '老板', level: '6' });
	s.addMember(20002, s.selfId, s.nickname, { role: 'admin', card: 'bot' });
	s.addMember(20002, 987654321, '用户A', { card: 'A 的名片', title: '活跃分子', level: '4', sex: 'female', age: 22 });
	s.addMember(20002, 112233445, '用户B', { level: '2', sex: 'male', age: 30 });
	s.addMember(20002, 123456, '测试用户', { card: '测试', sex: 'male', age: 20 });
	s.addMember(20002, 30003, 'n', { area: '上海' });

	s.addGroup(20003, 'Ops Alerts', 500);
	s.addMember(20003, 30002, 'ops-owner', { role: 'owner' });
	s.addMember(20003, s.selfId, s.nickname, { role: 'admin' });
	s.addMember(20003, 987654321, '用户A', { role: 'admin', card: 'oncall-A' });
	s.addMember(20003, 30004, 'pager', { title: '值班' });

	s.addGroup(20004, '闲聊群', 2000);
	s.addMember(20004, 30005, '闲聊群主', { role: 'owner' });
	s.addMember(20004, s.selfId, s.nickname, { role: 'admin' });
	s.addMember(20004, 112233445, '用户B', { card: 'B哥' });
	s.addMember(20004, 123456, '测试用户');
	s.addMember(20004, 30006, '潜水员', { title: '潜水冠军' });

	s.storeMessage({
		message_id: 12345,
		message_type: 'group',
		group_id: 20002,
		user_id: 987654321,
		message: [{ type: 'text', data: { text: '大家好' } }],
		time: SEED_TIME,
		sender: { user_id: 987654321, nickname: '用户A', card: 'A 的名片', role: 'member', sex: 'female', age: 22 },
		via: 'seed',
	});
	s.storeMessage({
		message_id: 1263753202,
		message_type: 'private',
		user_id: 123456,
		message: [{ type: 'text', data: { text: '你好' } }],
		time: SEED_TIME + 100,
		sender: { user_id: 123456, nickname: '测试用户', sex: 'male', age: 20 },
		via: 'seed',
	});
}
