/**
 * Parameter, message-segment and forward-node validation for the OneBot simulator.
 * Throws `ActionError` (kind 'param') for bad parameters; the server turns it into the
 * dialect's "bad parameters" envelope (NapCat/LLOneBot retcode 400, Lagrange 200, go-cqhttp 100).
 */
import { decodeCQ } from './cq.ts';
import type { Segment } from './cq.ts';
import type { Dialect } from './dialects.ts';

export type Params = Record<string, unknown>;

export type ActionErrorKind = 'param' | 'handler';

/** An action failure. `code` is go-cqhttp's `msg` (e.g. GROUP_NOT_FOUND); `message` is the human text. */
export class ActionError extends Error {
	kind: ActionErrorKind;
	code: string;
	field?: string;
	constructor(kind: ActionErrorKind, code: string, message: string, field?: string) {
		super(message);
		this.name = 'ActionError';
		this.kind = kind;
		this.code = code;
		this.field = field;
	}
}

export function paramError(field: string, reason: string): ActionError {
	return new ActionError('param', 'PARAM_ERROR', `${field}: ${reason}`, field);
}

export function handlerError(code: string, message: string): ActionError {
	return new ActionError('handler', code, message);
}

/** Absent = undefined, null or '' (go-cqhttp and form bodies treat an empty value as missing). */
export function isAbsent(v: unknown): boolean {
	return v === undefined || v === null || v === '';
}

/**
 * An ID parameter: a JSON number (safe integer) or a digit string.
 * `signed` allows negative values (go-cqhttp message ids can be negative).
 */
export function readId(p: Params, name: string, required: true, signed?: boolean): number;
export function readId(p: Params, name: string, required?: boolean, signed?: boolean): number | undefined;
export function readId(p: Params, name: string, required = false, signed = false): number | undefined {
	const v = p[name];
	if (isAbsent(v)) {
		if (required) throw paramError(name, 'is required');
		return undefined;
	}
	const n = parseId(v, signed);
	if (n === undefined) throw paramError(name, `must be a number or a numeric string, got ${describe(v)}`);
	return n;
}

export function parseId(v: unknown, signed = false): number | undefined {
	if (typeof v === 'number') {
		if (!Number.isSafeInteger(v)) return undefined;
		if (!signed && v < 0) return undefined;
		return v;
	}
	if (typeof v === 'string') {
		const re = signed ? /^-?\d+$/ : /^\d+$/;
		if (!re.test(v)) return undefined;
		const n = Number(v);
		return Number.isSafeInteger(n) ? n : undefined;
	}
	return undefined;
}

export function readInt(p: Params, name: string, def: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
	const v = p[name];
	if (isAbsent(v)) return def;
	const n = parseId(v, true);
	if (n === undefined) throw paramError(name, `must be an integer, got ${describe(v)}`);
	if (n < min || n > max) throw paramError(name, `must be between ${min} and ${max}, got ${n}`);
	return n;
}

/** OB11 booleans: true/false, 'true'/'false', 1/0, '1'/'0', 'yes'/'no'. */
export function readBool(p: Params, name: string, def: boolean): boolean {
	const v = p[name];
	if (isAbsent(v)) return def;
	if (v === true || v === 1 || v === 'true' || v === '1' || v === 'yes') return true;
	if (v === false || v === 0 || v === 'false' || v === '0' || v === 'no') return false;
	throw paramError(name, `must be a boolean, got ${describe(v)}`);
}

export function readString(p: Params, name: string, required: true): string;
export function readString(p: Params, name: string, required?: boolean, def?: string): string | undefined;
export function readString(p: Params, name: string, required = false, def?: string): string | undefined {
	const v = p[name];
	if (v === undefined || v === null || (required && v === '')) {
		if (required) throw paramError(name, 'is required');
		return def;
	}
	if (typeof v === 'number') return String(v);
	if (typeof v !== 'string') throw paramError(name, `must be a string, got ${describe(v)}`);
	return v;
}

export function describe(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
	if (typeof v === 'object') return 'object';
	return `${typeof v} ${String(v)}`;
}

// ---------------------------------------------------------------------------------------------
// Files

export type FileSourceKind = 'http' | 'file-uri' | 'base64' | 'data-uri' | 'path';

export function fileSourceKind(v: string): FileSourceKind | undefined {
	if (/^https?:\/\/\S+/i.test(v)) return 'http';
	if (/^file:\/\/\S+/i.test(v)) return 'file-uri';
	if (/^base64:\/\/[A-Za-z0-9+/=\s_-]+$/.test(v)) return 'base64';
	if (/^data:[^,]*,/.test(v)) return 'data-uri';
	if (v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v)) return 'path';
	return undefined;
}

/** Which `file` forms a media segment accepts per dialect (see reference 3.3). */
export function segmentFileAccepted(dialect: Dialect, kind: FileSourceKind): boolean {
	if (kind === 'http' || kind === 'file-uri' || kind === 'base64') return true;
	return dialect === 'napcat' || dialect === 'llonebot';
}

// ---------------------------------------------------------------------------------------------
// Messages

export interface ValidateOptions {
	dialect: Dialect;
}

const MEDIA_TYPES = new Set(['image', 'record', 'video', 'file']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function digitsLike(v: unknown, signed = false): boolean {
	return parseId(v, signed) !== undefined;
}

/**
 * Normalises a `message` parameter (CQ string, single segment or segment array) into a
 * validated segment array. A string is decoded as CQ code unless `autoEscape` is set.
 * `allowNodes`: a message made only of `node` segments is accepted (NapCat send_msg).
 */
export function normalizeMessage(
	value: unknown,
	field: string,
	opts: ValidateOptions,
	autoEscape = false,
	allowNodes = false,
): Segment[] {
	if (value === undefined || value === null) throw paramError(field, 'is required');
	let segments: Segment[];
	if (typeof value === 'string') {
		segments = autoEscape ? (value === '' ? [] : [{ type: 'text', data: { text: value } }]) : decodeCQ(value);
		validateSegments(segments, field, opts, allowNodes);
		return segments;
	}
	if (Array.isArray(value)) {
		segments = value.map((seg, i) => checkSegmentShape(seg, `${field}[${i}]`));
		validateSegments(segments, field, opts, allowNodes);
		return segments;
	}
	if (isPlainObject(value)) {
		segments = [checkSegmentShape(value, field)];
		validateSegments(segments, field, opts, allowNodes, true);
		return segments;
	}
	throw paramError(field, `must be a string, a segment or an array of segments, got ${describe(value)}`);
}

function checkSegmentShape(seg: unknown, path: string): Segment {
	if (!isPlainObject(seg)) throw paramError(path, `must be a segment object {type, data}, got ${describe(seg)}`);
	if (typeof seg.type !== 'string' || seg.type === '') throw paramError(`${path}.type`, 'must be a non-empty string');
	if (!isPlainObject(seg.data)) throw paramError(`${path}.data`, `must be an object, got ${describe(seg.data)}`);
	// copy so later mutation by the caller cannot change stored messages
	return { type: seg.type, data: { ...seg.data } };
}

function validateSegments(
	segments: Segment[],
	field: string,
	opts: ValidateOptions,
	allowNodes: boolean,
	single = false,
): void {
	const nodes = segments.filter((s) => s.type === 'node').length;
	if (nodes > 0 && !(allowNodes && nodes === segments.length)) {
		throw paramError(
			field,
			allowNodes ? 'node segments cannot be mixed with other segments' : 'node segments are only allowed in forward messages',
		);
	}
	segments.forEach((seg, i) => {
		const path = single ? field : `${field}[${i}]`;
		if (seg.type === 'node') {
			segments[i] = normalizeNode(seg, path, opts, 0);
		} else {
			validateSegmentData(seg, path, opts);
		}
	});
}

function validateSegmentData(seg: Segment, path: string, opts: ValidateOptions): void {
	const d = seg.data;
	switch (seg.type) {
		case 'text':
			if (typeof d.text !== 'string') throw paramError(`${path}.data.text`, `must be a string, got ${describe(d.text)}`);
			break;
		case 'at':
			if (!(d.qq === 'all' || digitsLike(d.qq)))
				throw paramError(`${path}.data.qq`, `must be a QQ number or "all", got ${describe(d.qq)}`);
			break;
		case 'reply':
			if (!digitsLike(d.id, true)) throw paramError(`${path}.data.id`, `must be a message id, got ${describe(d.id)}`);
			break;
		case 'face':
			if (!digitsLike(d.id)) throw paramError(`${path}.data.id`, `must be a face id, got ${describe(d.id)}`);
			break;
		default:
			if (MEDIA_TYPES.has(seg.type)) {
				const f = d.file;
				if (typeof f !== 'string' || f === '')
					throw paramError(`${path}.data.file`, `must be a non-empty string, got ${describe(f)}`);
				const kind = fileSourceKind(f);
				if (!kind || !segmentFileAccepted(opts.dialect, kind)) {
					const forms =
						opts.dialect === 'napcat' || opts.dialect === 'llonebot'
							? 'http(s)://, file://, base64://, data: or an absolute path'
							: 'http(s)://, file:// or base64://';
					throw paramError(`${path}.data.file`, `unsupported file ${describe(f)} (expected ${forms})`);
				}
			}
	}
}

// ---------------------------------------------------------------------------------------------
// Forward nodes

export interface RefNodeInput {
	kind: 'ref';
	id: number;
}

export interface CustomNodeInput {
	kind: 'custom';
	user_id: number;
	nickname: string;
	content: Segment[];
}

export type NodeInput = RefNodeInput | CustomNodeInput;

const MAX_NEST = 3;

/** Validates one `node` segment and returns it with `content` normalised to a segment array. */
function normalizeNode(seg: Segment, path: string, opts: ValidateOptions, depth: number): Segment {
	const input = parseNode(seg, path, opts, depth);
	if (input.kind === 'ref') return { type: 'node', data: { id: String(input.id) } };
	return { type: 'node', data: { user_id: input.user_id, nickname: input.nickname, content: input.content } };
}

function parseNode(seg: Segment, path: string, opts: ValidateOptions, depth: number): NodeInput {
	const d = seg.data;
	const hasContent = d.content !== undefined && d.content !== null;
	if (!hasContent && !isAbsent(d.id)) {
		if (opts.dialect === 'lagrange') {
			throw paramError(`${path}.data`, 'reference nodes {id} are not supported; send custom nodes {user_id, nickname, content}');
		}
		const id = parseId(d.id, true);
		if (id === undefined) throw paramError(`${path}.data.id`, `must be a message id, got ${describe(d.id)}`);
		return { kind: 'ref', id };
	}
	const uidKey = !isAbsent(d.user_id) ? 'user_id' : 'uin';
	const uid = parseId(d[uidKey]);
	if (uid === undefined) {
		throw paramError(`${path}.data.${uidKey}`, isAbsent(d[uidKey]) ? 'user_id (or uin) is required' : `must be a QQ number, got ${describe(d[uidKey])}`);
	}
	const nameKey = typeof d.nickname === 'string' ? 'nickname' : 'name';
	const nickname = d[nameKey];
	if (typeof nickname !== 'string') throw paramError(`${path}.data.nickname`, 'nickname (or name) is required and must be a string');
	if (!hasContent) throw paramError(`${path}.data.content`, 'is required');
	const content = normalizeNodeContent(d.content, `${path}.data.content`, opts, depth);
	return { kind: 'custom', user_id: uid, nickname, content };
}

function normalizeNodeContent(value: unknown, path: string, opts: ValidateOptions, depth: number): Segment[] {
	const nestedAllowed = (opts.dialect === 'napcat' || opts.dialect === 'gocqhttp') && depth < MAX_NEST;
	let segments: Segment[];
	if (typeof value === 'string') segments = decodeCQ(value);
	else if (Array.isArray(value)) segments = value.map((s, i) => checkSegmentShape(s, `${path}[${i}]`));
	else if (isPlainObject(value)) segments = [checkSegmentShape(value, path)];
	else throw paramError(path, `must be a string, a segment or an array of segments, got ${describe(value)}`);
	if (segments.length === 0) throw paramError(path, 'must not be empty');
	const nodes = segments.filter((s) => s.type === 'node').length;
	if (nodes > 0) {
		if (!nestedAllowed) throw paramError(path, `nested node segments are not supported by ${opts.dialect}`);
		if (nodes !== segments.length) throw paramError(path, 'node segments cannot be mixed with other segments');
	}
	return segments.map((seg, i) => {
		const p = Array.isArray(value) ? `${path}[${i}]` : path;
		if (seg.type === 'node') return normalizeNode(seg, p, opts, depth + 1);
		validateSegmentData(seg, p, opts);
		return seg;
	});
}

/**
 * Validates the node list of a forward message. `messages` must be a non-empty array of `node`
 * segments, each `{id}` (not Lagrange) or custom `{user_id|uin, nickname|name, content}`.
 */
export function normalizeForwardNodes(value: unknown, field: string, opts: ValidateOptions): NodeInput[] {
	if (value === undefined || value === null) throw paramError(field, 'is required');
	if (!Array.isArray(value)) throw paramError(field, `must be an array of node segments, got ${describe(value)}`);
	if (value.length === 0) throw paramError(field, 'must not be empty');
	return value.map((raw, i) => {
		const path = `${field}[${i}]`;
		const seg = checkSegmentShape(raw, path);
		if (seg.type !== 'node') throw paramError(`${path}.type`, `must be "node", got ${describe(seg.type)}`);
		return parseNode(seg, path, opts, 0);
	});
}

/** Reads node inputs back out of normalised `node` segments (NapCat's node-only send_msg). */
export function nodesFromSegments(segments: Segment[], field: string, opts: ValidateOptions): NodeInput[] {
	return segments.map((seg, i) => parseNode(seg, `${field}[${i}]`, opts, 0));
}
