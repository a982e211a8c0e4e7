/**
 * CQ-code strings (OneBot v11 `message/string.md`): `text[CQ:type,key=value,...]text`.
 *
 * Escapes: in plain text `&` → `&amp;`, `[` → `&#91;`, `]` → `&#93;`; in parameter values also
 * `,` → `&#44;`. `&` is always replaced first.
 */

import { stringifyJson } from '../../shared/json';
import type { OneBotSegment } from './types';

/** A malformed CQ-code string; `position` is the index in the string where the problem is. */
export class CqSyntaxError extends Error {
	readonly position: number;

	constructor(message: string, position: number) {
		super(`${message} (at position ${position})`);
		this.name = 'CqSyntaxError';
		this.position = position;
	}
}

const CQ_OPEN = '[CQ:';
const CQ_TYPE = /^[a-zA-Z0-9_.-]+$/;
const UNESCAPES: Record<string, string> = { amp: '&', '#91': '[', '#93': ']', '#44': ',' };

/** Escapes plain text outside CQ codes: `&`, `[`, `]`. */
export function escapeCqText(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/\[/g, '&#91;').replace(/\]/g, '&#93;');
}

/** Escapes a CQ-code parameter value: `&`, `[`, `]` and `,`. */
export function escapeCqValue(s: string): string {
	return escapeCqText(s).replace(/,/g, '&#44;');
}

/** Reverses both escapes in one pass, so `&amp;#91;` becomes `&#91;` and not `[`. */
export function unescapeCq(s: string): string {
	return s.replace(/&(amp|#91|#93|#44);/g, (_match, name: string) => UNESCAPES[name]);
}

function isPlainText(segment: OneBotSegment): boolean {
	const keys = Object.keys(segment.data);
	return (
		segment.type === 'text' &&
		keys.length === 1 &&
		keys[0] === 'text' &&
		typeof segment.data.text === 'string'
	);
}

/** Appends a text segment, merging it into a preceding text segment; empty text is dropped. */
function pushText(segments: OneBotSegment[], text: string): void {
	if (text === '') return;
	const last = segments[segments.length - 1];
	if (last !== undefined && isPlainText(last)) {
		last.data = { text: `${last.data.text as string}${text}` };
	} else {
		segments.push({ type: 'text', data: { text } });
	}
}

/** Parses the code `s.slice(open, close + 1)`, where `s[open]` starts `[CQ:` and `s[close]` is `]`. */
function parseCode(s: string, open: number, close: number): OneBotSegment {
	const typeStart = open + CQ_OPEN.length;
	const firstComma = s.indexOf(',', typeStart);
	const typeEnd = firstComma >= 0 && firstComma < close ? firstComma : close;
	const type = s.slice(typeStart, typeEnd);
	if (type === '') throw new CqSyntaxError('CQ code has an empty type', typeStart);
	if (!CQ_TYPE.test(type)) {
		throw new CqSyntaxError(
			`CQ code type "${type}" is invalid (use letters, digits, "_", "." or "-")`,
			typeStart,
		);
	}
	const entries: Array<[string, string]> = [];
	let paramStart = typeEnd + 1;
	while (typeEnd < close && paramStart <= close) {
		const comma = s.indexOf(',', paramStart);
		const paramEnd = comma >= 0 && comma < close ? comma : close;
		const param = s.slice(paramStart, paramEnd);
		const eq = param.indexOf('=');
		if (eq < 0) {
			throw new CqSyntaxError(
				`CQ code parameter "${param}" has no "=" (write key=value)`,
				paramStart,
			);
		}
		if (eq === 0) throw new CqSyntaxError('CQ code parameter has an empty key', paramStart);
		entries.push([param.slice(0, eq), unescapeCq(param.slice(eq + 1))]);
		paramStart = paramEnd + 1;
	}
	return { type, data: Object.fromEntries(entries) };
}

/**
 * Parses a CQ-code string into segments. Text between codes becomes unescaped `text` segments
 * (adjacent text merged, empty text dropped). A `[` or `]` that does not start `[CQ:` is text.
 * Throws CqSyntaxError for a `[CQ:` without its `]` (or with a raw `[` before it), an empty or
 * invalid type, a parameter without `=` or with an empty key.
 */
export function parseCqString(s: string): OneBotSegment[] {
	const segments: OneBotSegment[] = [];
	let i = 0;
	while (i < s.length) {
		const open = s.indexOf(CQ_OPEN, i);
		if (open < 0) {
			pushText(segments, unescapeCq(s.slice(i)));
			break;
		}
		pushText(segments, unescapeCq(s.slice(i, open)));
		const close = s.indexOf(']', open);
		const nestedOpen = s.indexOf('[', open + 1);
		if (close < 0 || (nestedOpen >= 0 && nestedOpen < close)) {
			throw new CqSyntaxError('"[CQ:" is never closed with "]"', open);
		}
		const segment = parseCode(s, open, close);
		if (isPlainText(segment)) pushText(segments, segment.data.text as string);
		else if (segment.type !== 'text' || Object.keys(segment.data).length > 0) segments.push(segment);
		i = close + 1;
	}
	return segments;
}

function valueToString(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'object') return stringifyJson(value);
	return String(value);
}

/**
 * Writes segments as a CQ-code string. Text segments are escaped with escapeCqText; every other
 * segment becomes `[CQ:type,key=value,...]` with values escaped by escapeCqValue (numbers and
 * booleans written with String(), objects and arrays as JSON; null and undefined values left out).
 * Throws CqSyntaxError for a type or key that cannot be written.
 */
export function segmentsToCqString(segments: readonly OneBotSegment[]): string {
	let out = '';
	for (const segment of segments) {
		const data = segment.data ?? {};
		if (segment.type === 'text') {
			const text = data.text;
			out += escapeCqText(text === undefined || text === null ? '' : valueToString(text));
			continue;
		}
		if (typeof segment.type !== 'string' || !CQ_TYPE.test(segment.type)) {
			throw new CqSyntaxError(
				`segment type "${String(segment.type)}" cannot be written as a CQ code`,
				out.length,
			);
		}
		out += `${CQ_OPEN}${segment.type}`;
		for (const [key, value] of Object.entries(data)) {
			if (value === undefined || value === null) continue;
			if (key === '' || /[,=[\]]/.test(key)) {
				throw new CqSyntaxError(`parameter key "${key}" cannot be written in a CQ code`, out.length);
			}
			out += `,${key}=${escapeCqValue(valueToString(value))}`;
		}
		out += ']';
	}
	return out;
}
