/** Checking and reading OneBot v11 message segments (array format). */

import { CqSyntaxError, parseCqString } from './cq';
import type { ForwardCustomData, ForwardReferenceData, OneBotSegment } from './types';
import {
	describeNumberProblem,
	describeType,
	digitStringToNumber,
	idToString,
	isIntegerLike,
	isPlainObject,
	isUnsignedIdLike,
} from './values';

/** An invalid message; `path` names the offending value, e.g. `message[2].data.qq`. */
export class SegmentError extends Error {
	readonly path: string;

	/** The problem without the path, e.g. `must be a QQ number or "all"`. */
	readonly reason: string;

	constructor(reason: string, path: string) {
		super(`${path}: ${reason}`);
		this.name = 'SegmentError';
		this.path = path;
		this.reason = reason;
	}
}

const MEDIA_TYPES = new Set(['image', 'record', 'video', 'file']);

/** Known types whose `data` has required fields, and what they need (for messages). */
const REQUIRED_FIELDS: Record<string, string> = {
	text: 'text',
	at: 'qq',
	reply: 'id',
	face: 'id',
	image: 'file',
	record: 'file',
	video: 'file',
	file: 'file',
	json: 'data',
	node: 'id, or user_id, nickname and content',
};

function checkText(data: Record<string, unknown>, path: string): void {
	if (typeof data.text !== 'string') {
		throw new SegmentError(`must be a string, got ${describeType(data.text)}`, `${path}.data.text`);
	}
}

function checkAt(data: Record<string, unknown>, path: string): void {
	if (data.qq === 'all' || isUnsignedIdLike(data.qq)) return;
	throw new SegmentError(
		`must be a QQ number or "all", got ${describeType(data.qq)}${describeNumberProblem(data.qq)}`,
		`${path}.data.qq`,
	);
}

function checkReply(data: Record<string, unknown>, path: string): void {
	// NapCat also accepts `seq` instead of `id`.
	const field = data.id === undefined && data.seq !== undefined ? 'seq' : 'id';
	const value = data[field];
	if (isIntegerLike(value)) return;
	throw new SegmentError(
		`must be a message ID (an integer or a string of digits), got ${describeType(value)}${describeNumberProblem(value)}`,
		`${path}.data.${field}`,
	);
}

function checkFace(data: Record<string, unknown>, path: string): void {
	if (isUnsignedIdLike(data.id)) return;
	throw new SegmentError(
		`must be a face ID (a non-negative integer or a string of digits), got ${describeType(data.id)}`,
		`${path}.data.id`,
	);
}

function checkMedia(type: string, data: Record<string, unknown>, path: string): void {
	if (typeof data.file === 'string' && data.file.trim() !== '') return;
	throw new SegmentError(
		`must be a non-empty string (a URL, a file:// URI, base64://… or a file name) for a ${type} segment, got ${describeType(data.file)}`,
		`${path}.data.file`,
	);
}

function checkJson(data: Record<string, unknown>, path: string): void {
	if (typeof data.data === 'string' && data.data.trim() !== '') return;
	if (isPlainObject(data.data)) return;
	throw new SegmentError(
		`must be a JSON string or an object, got ${describeType(data.data)}`,
		`${path}.data.data`,
	);
}

/** The user ID of a custom node (`user_id` or `uin`), checked. */
function nodeUserId(data: Record<string, unknown>, path: string): unknown {
	const field = data.user_id === undefined && data.uin !== undefined ? 'uin' : 'user_id';
	const value = data[field];
	if (value === undefined) {
		throw new SegmentError(
			'is required for a custom node (the QQ number shown as the sender)',
			`${path}.data.user_id`,
		);
	}
	if (!isUnsignedIdLike(value)) {
		throw new SegmentError(
			`must be a QQ number, got ${describeType(value)}${describeNumberProblem(value)}`,
			`${path}.data.${field}`,
		);
	}
	return value;
}

/** The nickname of a custom node (`nickname` or `name`), checked. */
function nodeNickname(data: Record<string, unknown>, path: string): string {
	if (typeof data.nickname === 'string' && data.nickname !== '') return data.nickname;
	if (typeof data.name === 'string' && data.name !== '') return data.name;
	const field = data.nickname === undefined && data.name !== undefined ? 'name' : 'nickname';
	throw new SegmentError(
		`must be a non-empty string (the sender name shown in the forward message), got ${describeType(data[field])}`,
		`${path}.data.${field}`,
	);
}

/** Why a CQ-code string does not parse, or undefined when it does. */
function cqSyntaxProblem(content: string): string | undefined {
	try {
		parseCqString(content);
		return undefined;
	} catch (error) {
		return error instanceof CqSyntaxError ? error.message : String(error);
	}
}

function nodeContent(data: Record<string, unknown>, path: string): OneBotSegment[] | string {
	const content = data.content;
	const contentPath = `${path}.data.content`;
	if (typeof content === 'string') {
		if (content === '') throw new SegmentError('must not be empty', contentPath);
		const problem = cqSyntaxProblem(content);
		if (problem !== undefined) {
			throw new SegmentError(`is not a valid CQ-code string: ${problem}`, contentPath);
		}
		return content;
	}
	if (content === undefined) {
		throw new SegmentError('is required for a custom node (a segment array or a string)', contentPath);
	}
	return validateSegments(content, contentPath);
}

/**
 * Checks the data of a `node` segment and returns it with canonical keys: `{id, ...}` for a
 * reference node; `{nickname, user_id, content, ...}` for a custom node (`name` and `uin` are
 * renamed; other fields such as `time` or `source` are kept after them).
 */
export function validateNodeData(
	data: Record<string, unknown>,
	path: string,
): ForwardReferenceData | ForwardCustomData {
	if (data.id !== undefined) {
		const id = data.id;
		if (isIntegerLike(id) || (typeof id === 'string' && id.trim() !== '')) {
			return data as ForwardReferenceData;
		}
		throw new SegmentError(
			`must be the ID of the message to forward, got ${describeType(id)}${describeNumberProblem(id)}`,
			`${path}.data.id`,
		);
	}
	const nickname = nodeNickname(data, path);
	const userId = nodeUserId(data, path);
	const content = nodeContent(data, path);
	const rest: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(data)) {
		if (!['nickname', 'name', 'user_id', 'uin', 'content'].includes(key)) rest[key] = value;
	}
	return { nickname, user_id: userId as number | string, content, ...rest };
}

function validateData(type: string, data: Record<string, unknown>, path: string): Record<string, unknown> {
	switch (type) {
		case 'text':
			checkText(data, path);
			break;
		case 'at':
			checkAt(data, path);
			break;
		case 'reply':
			checkReply(data, path);
			break;
		case 'face':
			checkFace(data, path);
			break;
		case 'json':
			checkJson(data, path);
			break;
		case 'node':
			return validateNodeData(data, path);
		default:
			if (MEDIA_TYPES.has(type)) checkMedia(type, data, path);
	}
	return data;
}

function validateSegment(value: unknown, path: string): OneBotSegment {
	if (!isPlainObject(value)) {
		throw new SegmentError(
			`must be a segment object like {"type":"text","data":{"text":"hi"}}, got ${describeType(value)}`,
			path,
		);
	}
	const type = value.type;
	if (typeof type !== 'string' || type.trim() === '') {
		throw new SegmentError(
			`must be a non-empty string such as "text", "image" or "at", got ${describeType(type)}`,
			`${path}.type`,
		);
	}
	let data = value.data;
	if (data === undefined || data === null) {
		const required = REQUIRED_FIELDS[type];
		if (required !== undefined) {
			throw new SegmentError(`is required for a "${type}" segment (needs ${required})`, `${path}.data`);
		}
		data = {};
	}
	if (!isPlainObject(data)) {
		throw new SegmentError(`must be an object, got ${describeType(data)}`, `${path}.data`);
	}
	return { type, data: validateData(type, data, path) };
}

/**
 * Checks a message given as a segment array or a single segment object and returns it as an
 * array of `{type, data}` segments. Known types must carry their required fields; unknown types
 * pass through. `node` segments may not be mixed with other segments (NapCat rejects that).
 * Throws SegmentError naming the offending path.
 */
export function validateSegments(value: unknown, path = 'message'): OneBotSegment[] {
	if (isPlainObject(value)) return [validateSegment(value, path)];
	if (!Array.isArray(value)) {
		const hint = typeof value === 'string' ? ' (parse CQ-code strings first)' : '';
		throw new SegmentError(
			`must be an array of segments or one segment object, got ${describeType(value)}${hint}`,
			path,
		);
	}
	if (value.length === 0) throw new SegmentError('message is empty', path);
	const segments = value.map((item: unknown, index) => validateSegment(item, `${path}[${index}]`));
	const firstNode = segments.findIndex((segment) => segment.type === 'node');
	if (firstNode >= 0) {
		const other = segments.findIndex((segment) => segment.type !== 'node');
		if (other >= 0) {
			throw new SegmentError(
				'"node" segments cannot be mixed with other segments; send forward nodes on their own',
				`${path}[${Math.max(firstNode, other)}].type`,
			);
		}
	}
	return segments;
}

function normalizeNodeData(data: Record<string, unknown>): Record<string, unknown> {
	const copy = { ...data };
	if ('id' in copy) copy.id = digitStringToNumber(copy.id);
	if ('user_id' in copy) copy.user_id = digitStringToNumber(copy.user_id);
	if ('uin' in copy) copy.uin = digitStringToNumber(copy.uin);
	if (Array.isArray(copy.content)) {
			copy.content = normalizeSegmentIds(copy.content as OneBotSegment[]);
	}
	return copy;
}

/**
 * A copy of `segments` in which digit-string IDs that fit in a safe integer become JSON numbers:
 * `reply.id`, `at.qq` (not `"all"`), `face.id`, and in `node` segments `id`, `user_id`/`uin`,
 * recursing into `content`. Larger IDs stay strings so no digit is lost.
 */
export function normalizeSegmentIds(segments: readonly OneBotSegment[]): OneBotSegment[] {
	return segments.map((segment) => {
		const data = { ...(segment.data ?? {}) };
		switch (segment.type) {
			case 'reply':
			case 'face':
				if ('id' in data) data.id = digitStringToNumber(data.id);
				break;
			case 'at':
				if ('qq' in data) data.qq = digitStringToNumber(data.qq);
				break;
			case 'node':
				return { ...segment, data: normalizeNodeData(data) };
		}
		return { ...segment, data };
	});
}

/**
 * The text of a message: text segments concatenated, `at` written as `@<qq>`, every other
 * segment (face, image, …) left out.
 */
export function segmentsToPlainText(segments: readonly OneBotSegment[]): string {
	let text = '';
	for (const segment of segments) {
		const data = segment.data ?? {};
		if (segment.type === 'text' && typeof data.text === 'string') text += data.text;
		else if (segment.type === 'at') {
			const qq = idToString(data.qq);
			if (qq !== undefined && qq !== '') text += `@${qq}`;
		}
	}
	return text;
}

/** The `qq` values of the `at` segments, as strings, in order (`"all"` included). */
export function mentionsOf(segments: readonly OneBotSegment[]): string[] {
	const mentions: string[] = [];
	for (const segment of segments) {
		if (segment.type !== 'at') continue;
		const qq = idToString(segment.data?.qq);
		if (qq !== undefined && qq !== '') mentions.push(qq);
	}
	return mentions;
}

/** The `id` of the first `reply` segment as a string, or undefined when there is none. */
export function replyIdOf(segments: readonly OneBotSegment[]): string | undefined {
	for (const segment of segments) {
		if (segment.type !== 'reply') continue;
		const id = idToString(segment.data?.id);
		if (id !== undefined && id !== '') return id;
	}
	return undefined;
}
