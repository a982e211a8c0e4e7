/**
 * Lossless JSON for the Heybox simulator.
 *
 * - `parseTagged` keeps every JSON number as a `JsonNumber` (its exact source text), so the
 *   validators can tell `"room_id": "3358126864697663488"` (a string) from
 *   `"room_id": 3358126864697663488` (a number that already lost digits in a JavaScript client).
 * - `toPlain` turns a tagged tree into what tests see as `body`: integers beyond 2^53 as strings
 *   (exact digits), every other number as a number.
 * - `stringifyResponse` writes response JSON by hand; with `numericIds` the snowflake fields are
 *   emitted as bare integers with all 19 digits (as some Heybox payloads do).
 */

import { JsonNumber } from '../shared/tagged-json.ts';

export { JsonNumber, parseLossless, parseTagged, toPlain } from '../shared/tagged-json.ts';

/** Response keys whose snowflake values `numericIds` writes as bare integers (array elements included). */
export const ID_KEYS = new Set([
	'room_id',
	'channel_id',
	'parent_id',
	'msg_id',
	'msg_seq',
	'reply_id',
	'role_id',
	'id',
	'department_id',
	'path',
	'roles',
	'role',
]);

const SNOWFLAKE = /^[1-9]\d{15,19}$/;

/** JSON text; with `numericIds`, snowflake strings under ID_KEYS are written as bare integers. */
export function stringifyResponse(value: unknown, numericIds = false): string {
	return write(value, numericIds, false);
}

function write(v: unknown, numericIds: boolean, idContext: boolean): string {
	if (v === undefined) return 'null';
	if (typeof v === 'string') return numericIds && idContext && SNOWFLAKE.test(v) ? v : JSON.stringify(v);
	if (typeof v === 'bigint') return v.toString();
	if (v instanceof JsonNumber) return v.text;
	if (Array.isArray(v)) return `[${v.map((x) => write(x, numericIds, idContext)).join(',')}]`;
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
