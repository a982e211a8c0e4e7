/** Which events start the workflow. Pure functions, no n8n types. */
import { commandText, type NormalizedEvent, type OneBotEvent } from '../message';

export interface TriggerFilters {
	/** post types to accept: message, message_sent, notice, request, meta_event */
	events: string[];
	/** private and/or group (message events) */
	messageTypes: string[];
	groupIds: string[];
	userIds: string[];
	onlyWhenMentioned: boolean;
	commandPrefix: string;
	/** a regular expression the message text must match */
	textPattern?: RegExp;
	ignoreSelf: boolean;
}

export interface FilterVerdict {
	pass: boolean;
	/** why the event was left out */
	reason?: string;
}

const no = (reason: string): FilterVerdict => ({ pass: false, reason });

/** Splits "1, 2 3" into ['1','2','3']. */
export function idList(value: unknown): string[] {
	return String(value ?? '')
		.split(/[\s,;]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

export function eventPasses(event: OneBotEvent, normalized: NormalizedEvent, filters: TriggerFilters): FilterVerdict {
	const kind = normalized.kind;
	if (!filters.events.includes(kind)) return no(`event type ${kind || '(none)'} not selected`);
	const isMessage = kind === 'message' || kind === 'message_sent';
	if (isMessage) {
		const messageType = String(event.message_type ?? '');
		if (filters.messageTypes.length && !filters.messageTypes.includes(messageType)) return no(`message type ${messageType} not selected`);
		if (filters.ignoreSelf && kind === 'message' && event.user_id !== undefined && String(event.user_id) === String(event.self_id)) {
			return no("the bot's own message");
		}
	}
	if (filters.groupIds.length) {
		if (event.group_id === undefined || !filters.groupIds.includes(String(event.group_id))) return no('group not in the list');
	}
	if (filters.userIds.length) {
		if (event.user_id === undefined || !filters.userIds.includes(String(event.user_id))) return no('user not in the list');
	}
	if (isMessage) {
		// In private chats every message is addressed to the bot.
		if (filters.onlyWhenMentioned && event.message_type === 'group' && !normalized.mentionsBot) return no('the bot is not mentioned');
		const text = commandText(normalized, event.self_id);
		if (filters.commandPrefix && !text.startsWith(filters.commandPrefix)) return no('no command prefix');
		if (filters.textPattern && !filters.textPattern.test(normalized.text ?? '')) return no('text does not match');
	} else if (filters.onlyWhenMentioned || filters.commandPrefix || filters.textPattern) {
		return no('text filters apply to messages only');
	}
	return { pass: true };
}

/** Command name and arguments when the text starts with the prefix ("/ban 123 10m" → ban, ['123','10m']). */
export function parseCommand(text: string, prefix: string): { name: string; args: string[]; rest: string } | undefined {
	if (!prefix || !text.startsWith(prefix)) return undefined;
	const body = text.slice(prefix.length).trim();
	const [name = '', ...args] = body.split(/\s+/).filter(Boolean);
	return { name, args, rest: body.slice(name.length).trim() };
}
