/**
 * Normalises OneBot v11 events (HTTP POST reports and WebSocket pushes) into the fields a
 * workflow needs without parsing: the message as segments whatever `message_format` the
 * implementation uses, its plain text, mentions, reply, chat and sender.
 */
import { parseCqString } from './cq';
import { mentionsOf, replyIdOf, segmentsToPlainText } from './segments';
import type { OneBotSegment } from './types';

export type OneBotEvent = Record<string, unknown>;

export interface NormalizedEvent {
	/** message, message_sent, notice, request or meta_event */
	kind: string;
	text?: string;
	segments?: OneBotSegment[];
	mentions?: string[];
	/** whether the bot itself is @-mentioned (or @all) */
	mentionsBot?: boolean;
	replyTo?: string;
	chat?: { type: 'private' | 'group'; id: number | string };
	sender?: Record<string, unknown>;
}

/** Segments of an event's `message`, from a CQ string or an array (a malformed string stays text). */
export function eventSegments(message: unknown): OneBotSegment[] {
	if (Array.isArray(message)) {
		return message.filter((s): s is OneBotSegment => !!s && typeof s === 'object' && typeof (s as OneBotSegment).type === 'string').map((s) => ({
			type: s.type,
			data: s.data && typeof s.data === 'object' ? s.data : {},
		}));
	}
	if (message && typeof message === 'object' && typeof (message as OneBotSegment).type === 'string') return eventSegments([message]);
	if (typeof message === 'string') {
		try {
			return parseCqString(message);
		} catch {
			// A malformed CQ string from the implementation is still the user's text.
			return message ? [{ type: 'text', data: { text: message } }] : [];
		}
	}
	return [];
}

export function normalizeEvent(event: OneBotEvent): NormalizedEvent {
	const kind = String(event.post_type ?? '');
	const out: NormalizedEvent = { kind };
	const groupId = event.group_id;
	if (groupId !== undefined && groupId !== null) out.chat = { type: 'group', id: groupId as number };
	else if (event.user_id !== undefined && (kind === 'message' || kind === 'message_sent' || kind === 'request' || kind === 'notice')) {
		out.chat = { type: 'private', id: (kind === 'message_sent' && event.target_id !== undefined ? event.target_id : event.user_id) as number };
	}
	if (kind === 'message' || kind === 'message_sent') {
		const segments = eventSegments(event.message);
		const mentions = mentionsOf(segments);
		const selfId = event.self_id === undefined ? undefined : String(event.self_id);
		out.text = segmentsToPlainText(segments);
		out.segments = segments;
		out.mentions = mentions;
		out.mentionsBot = mentions.includes('all') || (selfId !== undefined && mentions.includes(selfId));
		const replyTo = replyIdOf(segments);
		if (replyTo !== undefined) out.replyTo = replyTo;
		const sender = (event.sender && typeof event.sender === 'object' ? event.sender : {}) as Record<string, unknown>;
		out.sender = { ...sender, user_id: sender.user_id ?? event.user_id };
	} else if (event.user_id !== undefined) {
		out.sender = { user_id: event.user_id };
	}
	return out;
}

/** The text after the @-mention of the bot and surrounding blanks, for command matching. */
export function commandText(normalized: NormalizedEvent, selfId: unknown): string {
	const segments = normalized.segments ?? [];
	const self = String(selfId ?? '');
	const parts = segments
		.filter((s) => !(s.type === 'at' && String(s.data.qq) === self) && s.type !== 'reply')
		.map((s) => (s.type === 'text' ? String(s.data.text ?? '') : s.type === 'at' ? `@${String(s.data.qq)}` : ''));
	return parts.join('').trim();
}
