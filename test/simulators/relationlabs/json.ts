/**
 * Lossless JSON for the RelationLabs simulator.
 *
 * - `parseTagged` keeps every JSON number as a `JsonNumber` (its exact source text), so the
 *   validators can tell `"quoteId": "1579047130798100481"` (a string) from
 *   `"quoteId": 1579047130798100481` (a number a JavaScript client has already rounded).
 * - `toPlain` turns a tagged tree into what tests see as `body`: integers beyond 2^53 as strings
 *   (exact digits), every other number as a number.
 * - `stringifyResponse` writes response JSON by hand; with `numericIds` the 19-digit message ids
 *   (`id` keys) are written as bare integers with every digit.
 */

export class JsonNumber {
	/** the number exactly as written in the JSON text */
	readonly text: string;
	constructor(text: string) {
		this.text = text;
	}
	/** true for integer literals (no fraction, no exponent) */
	get isInteger(): boolean {
		return /^-?\d+$/.test(this.text);
	}
	get value(): number {
		return Number(this.text);
	}
}

type Reviver = (this: unknown, key: string, value: unknown, context?: { source?: string }) => unknown;

/** Parses JSON keeping numbers as `JsonNumber`. Throws SyntaxError on invalid JSON. */
export function parseTagged(text: string): unknown {
	const reviver: Reviver = (_key, value, context) => {
		if (typeof value === 'number') return new JsonNumber(context?.source ?? String(value));
		return value;
	};
	return JSON.parse(text, reviver as (this: unknown, key: string, value: unknown) => unknown);
}

/** A tagged tree as plain values: unsafe integers become their exact digit strings. */
export function toPlain(v: unknown): unknown {
	if (v instanceof JsonNumber) {
		if (v.isInteger && !Number.isSafeInteger(v.value)) return v.text.replace(/^(-?)0+(?=\d)/, '$1');
		return v.value;
	}
	if (Array.isArray(v)) return v.map(toPlain);
	if (v !== null && typeof v === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, x] of Object.entries(v)) out[k] = toPlain(x);
		return out;
	}
	return v;
}

/** Parses JSON losslessly into plain values (integers beyond 2^53 as strings). */
export function parseLossless(text: string): unknown {
	return toPlain(parseTagged(text));
}

/** Response keys whose 19-digit values `numericIds` writes as bare integers. */
export const ID_KEYS = new Set(['id']);

const SNOWFLAKE = /^[1-9]\d{18}$/;

/** JSON text; with `numericIds`, 19-digit strings under ID_KEYS are written as bare integers. */
export function stringifyResponse(value: unknown, numericIds = false): string {
	return write(value, numericIds, false);
}

function write(v: unknown, numericIds: boolean, idContext: boolean): string {
	if (v === undefined) return 'null';
	if (typeof v === 'string') return numericIds && idContext && SNOWFLAKE.test(v) ? v : JSON.stringify(v);
	if (typeof v === 'bigint') return v.toString();
	if (v instanceof JsonNumber) return v.text;
	if (Array.isArray(v)) return `[${v.map((x) => write(x, numericIds, false)).join(',')}]`;
	if (v instanceof Set) return write([...v], numericIds, false);
	if (v !== null && typeof v === 'object') {
		const parts: string[] = [];
		for (const [k, x] of Object.entries(v)) {
			if (x === undefined) continue;
			parts.push(`${JSON.stringify(k)}:${write(x, numericIds, ID_KEYS.has(k))}`);
		}
		return `{${parts.join(',')}}`;
	}
	return JSON.stringify(v) ?? 'null';
}
