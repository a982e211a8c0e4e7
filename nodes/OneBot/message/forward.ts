/** Forward (merged) messages: building node lists and reading `get_forward_msg` results. */

import { parseCqString } from './cq';
import { SegmentError, validateNodeData } from './segments';
import type {
	ForwardMessage,
	ForwardMessageSender,
	ForwardNode,
	OneBotSegment,
} from './types';
import {
	describeNumberProblem,
	describeType,
	digitStringToNumber,
	isIntegerLike,
	isPlainObject,
	isUnsignedIdLike,
} from './values';

/**
 * A custom node: a message shown as sent by `nickname` (`userId`). Data keys are written in the
 * order nickname, user_id, content; a digit-string `userId` that fits a safe integer becomes a
 * number.
 */
export function customNode(
	nickname: string,
	userId: number | string,
	content: OneBotSegment[],
): ForwardNode {
	if (!isUnsignedIdLike(userId)) {
		throw new SegmentError(
			`must be a QQ number, got ${describeType(userId)}${describeNumberProblem(userId)}`,
			'user_id',
		);
	}
	return {
		type: 'node',
		data: { nickname, user_id: digitStringToNumber(userId) as number | string, content },
	};
}

/** A node that re-forwards an existing message by its ID (not supported by Lagrange). */
export function referenceNode(messageId: number | string): ForwardNode {
	if (!isIntegerLike(messageId) && !(typeof messageId === 'string' && messageId.trim() !== '')) {
		throw new SegmentError(
			`must be a message ID, got ${describeType(messageId)}${describeNumberProblem(messageId)}`,
			'id',
		);
	}
	return { type: 'node', data: { id: digitStringToNumber(messageId) as number | string } };
}

function validateNode(value: unknown, path: string): ForwardNode {
	if (!isPlainObject(value)) {
		throw new SegmentError(
			`must be a node object like {"type":"node","data":{"nickname":"…","user_id":10001,"content":[…]}}, got ${describeType(value)}`,
			path,
		);
	}
	if (value.type !== 'node') {
		throw new SegmentError(
			`must be "node" (a forward message holds only node segments), got ${typeof value.type === 'string' ? `"${value.type}"` : describeType(value.type)}`,
			`${path}.type`,
		);
	}
	if (!isPlainObject(value.data)) {
		throw new SegmentError(
			`must be an object with id, or with user_id, nickname and content; got ${describeType(value.data)}`,
			`${path}.data`,
		);
	}
	return { type: 'node', data: validateNodeData(value.data, path) };
}

/**
 * Checks a forward node list (`messages` of `send_*_forward_msg`): a non-empty array of node
 * segments (a single node object is accepted too), each `{id}` or `{user_id|uin, nickname|name,
 * content}` with content a segment array, a segment or a CQ string. Returns the nodes with
 * canonical keys (nickname, user_id, content). Throws SegmentError naming the offending path.
 */
export function validateForwardNodes(value: unknown, path = 'messages'): ForwardNode[] {
	if (isPlainObject(value)) return [validateNode(value, path)];
	if (!Array.isArray(value)) {
		throw new SegmentError(
			`must be an array of node segments, got ${describeType(value)}`,
			path,
		);
	}
	if (value.length === 0) throw new SegmentError('the forward message has no nodes', path);
	return value.map((item: unknown, index) => validateNode(item, `${path}[${index}]`));
}

function contentToSegments(content: unknown): OneBotSegment[] {
	if (typeof content === 'string') {
		try {
			return parseCqString(content);
		} catch {
			// A malformed CQ string (CqSyntaxError) is still worth showing as text.
			return [{ type: 'text', data: { text: content } }];
		}
	}
	if (isPlainObject(content)) return contentToSegments([content]);
	if (!Array.isArray(content)) return [];
	return content
		.filter((item: unknown): item is Record<string, unknown> => isPlainObject(item))
		.filter((item) => typeof item.type === 'string')
		.map((item) => ({
			type: item.type as string,
			data: isPlainObject(item.data) ? item.data : {},
		}));
}

function senderOf(userId: unknown, nickname: unknown): ForwardMessageSender {
	const sender: ForwardMessageSender = {};
	if (typeof userId === 'number' || typeof userId === 'string') sender.user_id = userId;
	if (typeof nickname === 'string') sender.nickname = nickname;
	return sender;
}

function withTime(message: ForwardMessage, time: unknown): ForwardMessage {
	const value = digitStringToNumber(time);
	if (typeof value === 'number' && Number.isFinite(value)) message.time = value;
	return message;
}

function normalizeEntry(entry: unknown): ForwardMessage | undefined {
	if (!isPlainObject(entry)) return undefined;
	if (entry.type === 'node' && isPlainObject(entry.data)) {
		// spec and Lagrange: node segments
		const data = entry.data;
		const sender = senderOf(data.user_id ?? data.uin, data.nickname ?? data.name);
		return withTime({ sender, content: contentToSegments(data.content) }, data.time);
	}
	// go-cqhttp, NapCat, LLOneBot: {content, sender: {nickname, user_id}, time}
	const rawSender = isPlainObject(entry.sender) ? entry.sender : {};
	const sender = senderOf(
		rawSender.user_id ?? rawSender.uin ?? entry.user_id,
		rawSender.nickname ?? rawSender.name ?? rawSender.card,
	);
	const content = contentToSegments(entry.content ?? entry.message);
	return withTime({ sender, content }, entry.time);
}

/**
 * The messages of a `get_forward_msg` result `data`, the same for every implementation.
 * Accepts `{messages: [{content, sender: {nickname, user_id}, time}]}` (go-cqhttp, NapCat,
 * LLOneBot) and `{message: [{type: 'node', data: {user_id|uin, nickname|name, content}}]}` (spec,
 * Lagrange), or the bare list. Content given as a CQ string is parsed (kept as one text segment if
 * it is malformed). Throws SegmentError when `data` holds neither list.
 */
export function normalizeForwardMessages(data: unknown): ForwardMessage[] {
	let list: unknown;
	if (Array.isArray(data)) list = data;
	else if (isPlainObject(data)) list = Array.isArray(data.messages) ? data.messages : data.message;
	if (!Array.isArray(list)) {
		throw new SegmentError(
			`must hold a "messages" or "message" array (the get_forward_msg result), got ${describeType(data)}`,
			'data',
		);
	}
	const messages: ForwardMessage[] = [];
	for (const entry of list) {
		const message = normalizeEntry(entry);
		if (message !== undefined) messages.push(message);
	}
	return messages;
}
