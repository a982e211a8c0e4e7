/** Heybox gateway events: envelope parsing and the normalised fields a workflow needs. No n8n types. */

export type HeyboxEventKind = 'command' | 'joinLeave' | 'reaction' | 'buttonClick' | 'channelMessage' | 'other';

const KINDS: Record<string, HeyboxEventKind> = {
	'50': 'command',
	'3001': 'joinLeave',
	'5003': 'reaction',
	card_message_btn_click: 'buttonClick',
	'5': 'channelMessage',
};

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));

export interface HeyboxEvent {
	kind: HeyboxEventKind;
	/** the raw `type` ("50", "3001", …) */
	type: string;
	sequence?: string;
	timestamp?: number;
	room?: { id?: string; name?: string };
	channel?: { id?: string; name?: string; type?: number };
	sender?: Obj;
	/** message ID as a string (19 digits) */
	msgId?: string;
	command?: { id?: string; name: string; options: Obj };
	text?: string;
	emoji?: string;
	added?: boolean;
	joined?: boolean;
	button?: { text?: string; value?: string; event?: string };
	/** not in the official documentation (type 5 and unknown types) */
	unofficial: boolean;
	data: Obj;
}

/** The envelope of a frame, or undefined for anything that is not an event (PONG, status frames). */
export function envelopeOf(value: unknown): Obj | undefined {
	const env = obj(value);
	if (env.type === undefined || env.data === undefined) return undefined;
	if (String(env.type) === 'PUSH' && obj(env.data).type === 'notify') return undefined;
	return env;
}

export function normalizeEvent(env: Obj): HeyboxEvent {
	const type = String(env.type);
	const kind = KINDS[type] ?? 'other';
	const data = obj(env.data);
	const roomInfo = obj(data.room_base_info);
	const channelInfo = obj(data.channel_base_info);
	const out: HeyboxEvent = { kind, type, unofficial: kind === 'channelMessage' || kind === 'other', data };
	if (env.sequence !== undefined) out.sequence = String(env.sequence);
	if (typeof env.timestamp === 'number') out.timestamp = env.timestamp;
	const roomId = str(roomInfo.room_id ?? data.room_id);
	if (roomId) out.room = { id: roomId, name: str(roomInfo.room_name ?? data.room_name) };
	const channelId = str(channelInfo.channel_id ?? data.channel_id);
	if (channelId) {
		const channelType = channelInfo.channel_type ?? data.channel_type;
		out.channel = { id: channelId, name: str(channelInfo.channel_name ?? data.channel_name), type: channelType === undefined ? undefined : Number(channelType) };
	}
	const sender = obj(data.sender_info ?? data.user_info);
	if (Object.keys(sender).length) out.sender = sender;
	else if (data.user_id !== undefined) out.sender = { user_id: data.user_id, nickname: data.nickname };
	const msgId = str(data.msg_id ?? data.im_seq);
	if (msgId) out.msgId = msgId;
	switch (kind) {
		case 'command': {
			const info = obj(data.command_info);
			const options: Obj = {};
			for (const option of Array.isArray(info.options) ? info.options : []) {
				const o = obj(option);
				if (o.name !== undefined) options[String(o.name)] = o.value;
			}
			out.command = { id: str(info.id), name: String(info.name ?? ''), options };
			break;
		}
		case 'joinLeave':
			out.joined = Number(data.state) === 1;
			break;
		case 'reaction':
			out.emoji = str(data.emoji);
			out.added = Number(data.is_add) === 1;
			if (data.user_id !== undefined) out.sender = { user_id: data.user_id };
			break;
		case 'buttonClick':
			out.button = { text: str(data.text), value: str(data.value), event: str(data.event) };
			break;
		case 'channelMessage':
			out.text = str(data.msg) ?? '';
			break;
		default:
			break;
	}
	return out;
}

/** Whether a command name matches one of the wanted names ("/weather" and "weather" are the same). */
export function commandMatches(name: string, wanted: string[]): boolean {
	if (!wanted.length) return true;
	const bare = (s: string) => s.trim().replace(/^\//, '').toLowerCase();
	return wanted.some((w) => bare(w) === bare(name));
}

/** Remembers the last `size` sequences, to drop events repeated after a reconnect. */
export class SequenceWindow {
	private readonly seen = new Set<string>();

	constructor(private readonly size = 10_000) {}

	/** true the first time a sequence is offered */
	fresh(sequence: string | undefined): boolean {
		if (sequence === undefined) return true;
		if (this.seen.has(sequence)) return false;
		this.seen.add(sequence);
		if (this.seen.size > this.size) this.seen.delete(this.seen.values().next().value as string);
		return true;
	}
}
