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

import { JsonNumber } from '../shared/tagged-json.ts';

export { JsonNumber, parseLossless, parseTagged, toPlain } from '../shared/tagged-json.ts';

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
