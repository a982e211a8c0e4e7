/**
 * JSON helpers that keep 64-bit integer IDs exact.
 *
 * Chat APIs send IDs such as `1234567890123456789` as bare JSON numbers. `JSON.parse` rounds any
 * integer beyond Number.MAX_SAFE_INTEGER, so these helpers read such integers as strings holding
 * the exact digits, and write `bigint` values back as bare integer literals.
 */

const MAX_SAFE_DIGITS = String(Number.MAX_SAFE_INTEGER);

const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \
const MINUS = 0x2d; // -
const PLUS = 0x2b; // +
const DOT = 0x2e; // .
const COLON = 0x3a; // :
const ZERO = 0x30;
const NINE = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

function isDigit(code: number): boolean {
	return code >= ZERO && code <= NINE;
}

function isJsonWhitespace(code: number): boolean {
	return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** `digits` has no sign and no leading zero. */
function exceedsSafeInteger(digits: string): boolean {
	if (digits.length !== MAX_SAFE_DIGITS.length) return digits.length > MAX_SAFE_DIGITS.length;
	return digits > MAX_SAFE_DIGITS;
}

/** Index just past the string literal whose opening quote is at `start` (or the text length). */
function skipStringLiteral(text: string, start: number): number {
	let i = start + 1;
	while (i < text.length) {
		const code = text.charCodeAt(i);
		if (code === BACKSLASH) i += 2;
		else if (code === QUOTE) return i + 1;
		else i++;
	}
	return text.length;
}

function skipDigits(text: string, start: number): number {
	let i = start;
	while (i < text.length && isDigit(text.charCodeAt(i))) i++;
	return i;
}

function nextNonWhitespace(text: string, start: number): number {
	let i = start;
	while (i < text.length && isJsonWhitespace(text.charCodeAt(i))) i++;
	return i < text.length ? text.charCodeAt(i) : -1;
}

/**
 * Wraps every unsafe integer literal outside string literals in quotes. A valid number token is
 * only ever replaced by a valid string token, and never in front of a `:` (where a string would
 * become a valid key), so the text stays valid exactly when it was valid.
 */
function quoteUnsafeIntegers(text: string): string {
	let out = '';
	let copied = 0;
	let i = 0;
	while (i < text.length) {
		const code = text.charCodeAt(i);
		if (code === QUOTE) {
			i = skipStringLiteral(text, i);
			continue;
		}
		if (code !== MINUS && !isDigit(code)) {
			i++;
			continue;
		}
		const start = i;
		if (code === MINUS) i++;
		const intStart = i;
		i = skipDigits(text, i);
		const intEnd = i;
		let isInteger = intEnd > intStart;
		if (i < text.length && text.charCodeAt(i) === DOT) {
			isInteger = false;
			i = skipDigits(text, i + 1);
		}
		if (i < text.length && (text.charCodeAt(i) === LOWER_E || text.charCodeAt(i) === UPPER_E)) {
			isInteger = false;
			i++;
			if (i < text.length && (text.charCodeAt(i) === PLUS || text.charCodeAt(i) === MINUS)) i++;
			i = skipDigits(text, i);
		}
		if (
			isInteger &&
			intEnd - intStart >= MAX_SAFE_DIGITS.length &&
			text.charCodeAt(intStart) !== ZERO &&
			exceedsSafeInteger(text.slice(intStart, intEnd)) &&
			nextNonWhitespace(text, i) !== COLON
		) {
			out += `${text.slice(copied, start)}"${text.slice(start, i)}"`;
			copied = i;
		}
		if (i === start) i++;
	}
	return copied === 0 ? text : out + text.slice(copied);
}

/**
 * `JSON.parse`, except that an integer literal whose absolute value exceeds
 * Number.MAX_SAFE_INTEGER becomes a string with its exact digits (and sign), e.g.
 * `{"id":1234567890123456789}` → `{ id: '1234567890123456789' }`. Fractions and exponents stay
 * numbers; digits inside string literals are never touched. Invalid JSON throws the SyntaxError
 * `JSON.parse` would throw for the original text.
 */
export function parseJsonLossless(text: string): unknown {
	if (!/\d{16}/.test(text)) return JSON.parse(text);
	const rewritten = quoteUnsafeIntegers(text);
	if (rewritten === text) return JSON.parse(text);
	let failure: unknown;
	try {
		return JSON.parse(rewritten);
	} catch (error) {
		failure = error;
	}
	// Report the error against the caller's text, not the rewritten one (both are invalid).
	JSON.parse(text);
	throw failure;
}

function unbox(value: unknown): unknown {
	if (value instanceof Number || value instanceof String || value instanceof Boolean) {
		return value.valueOf();
	}
	if (value instanceof BigInt) return value.valueOf();
	return value;
}

function hasToJson(value: unknown): value is { toJSON: (key: string) => unknown } {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { toJSON?: unknown }).toJSON === 'function'
	);
}

/** JSON.stringify's algorithm (no indentation) with bigint written as an integer literal. */
function writeValue(raw: unknown, key: string, ancestors: object[]): string | undefined {
	const value = unbox(hasToJson(raw) ? raw.toJSON(key) : raw);
	switch (typeof value) {
		case 'string':
			return JSON.stringify(value);
		case 'number':
			return Number.isFinite(value) ? String(value) : 'null';
		case 'boolean':
			return value ? 'true' : 'false';
		case 'bigint':
			return value.toString();
		case 'object':
			break;
		default:
			return undefined; // undefined, function, symbol
	}
	if (value === null) return 'null';
	if (ancestors.includes(value)) throw new TypeError('Converting circular structure to JSON');
	ancestors.push(value);
	let result: string;
	if (Array.isArray(value)) {
		const items = value.map((item: unknown, index) => writeValue(item, String(index), ancestors) ?? 'null');
		result = `[${items.join(',')}]`;
	} else {
		const members: string[] = [];
		const record = value as Record<string, unknown>;
		for (const member of Object.keys(record)) {
			const written = writeValue(record[member], member, ancestors);
			if (written !== undefined) members.push(`${JSON.stringify(member)}:${written}`);
		}
		result = `{${members.join(',')}}`;
	}
	ancestors.pop();
	return result;
}

/**
 * `JSON.stringify(value)`, except that `bigint` values are written as bare integer literals
 * (`{ id: 1234567890123456789n }` → `{"id":1234567890123456789}`) instead of throwing.
 * Throws a TypeError for a value that has no JSON form (undefined, a function, a symbol) and for
 * circular structures.
 */
export function stringifyJson(value: unknown): string {
	let sawBigInt = false;
	const plain: string | undefined = JSON.stringify(value, (_key, item: unknown) => {
		if (typeof item === 'bigint' || item instanceof BigInt) {
			sawBigInt = true;
			return null;
		}
		return item;
	});
	const result = sawBigInt ? writeValue(value, '', []) : plain;
	if (result === undefined) throw new TypeError(`A ${typeof value} value has no JSON representation`);
	return result;
}
