/** Heybox mention tokens (`@{id:user}`, `@{id:role}`, `#{id:channel}`, `@{all}`, `@{here}`) and their ID lists. */

export type MentionEveryone = 'none' | 'all' | 'here';

export interface Mentions {
	userIds: string[];
	roleIds: string[];
	channelIds: string[];
	everyone: MentionEveryone;
}

export interface MentionedText {
	msg: string;
	/** 10 when anything is mentioned, else 4 */
	msgType: 4 | 10;
	at_user_id: string;
	at_role_id: string;
	mention_channel_id: string;
}

/**
 * Writes the tokens the lists need in front of the text (users and roles first, then channels,
 * as in Heybox's own example), skipping tokens the text already has, and fills the ID lists.
 */
export function withMentions(text: string, mentions: Mentions): MentionedText {
	const has = (token: string) => text.includes(token);
	const people = [...mentions.userIds, ...mentions.roleIds].map((id) => `@{id:${id}}`).filter((t) => !has(t));
	if (mentions.everyone !== 'none' && !has(`@{${mentions.everyone}}`)) people.unshift(`@{${mentions.everyone}}`);
	const channels = mentions.channelIds.map((id) => `#{id:${id}}`).filter((t) => !has(t));
	const prefix = [people.join(''), channels.join(' ')].filter(Boolean).join(' ');
	const msg = prefix ? `${prefix} ${text}` : text;
	const any = mentions.userIds.length + mentions.roleIds.length + mentions.channelIds.length > 0 || mentions.everyone !== 'none' || /[@#]\{(id:\d+|all|here)\}/.test(text);
	return {
		msg,
		msgType: any ? 10 : 4,
		at_user_id: mentions.userIds.join(','),
		at_role_id: mentions.roleIds.join(','),
		mention_channel_id: mentions.channelIds.join(','),
	};
}

/** Heybox markdown needs a blank line for a line break: single "\n" become "\n\n". */
export function heyboxLineBreaks(text: string): string {
	return text.replace(/\r\n/g, '\n').replace(/(?<!\n)\n(?!\n)/g, '\n\n');
}
