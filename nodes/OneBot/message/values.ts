/** Small value checks shared by the message modules. */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const proto: unknown = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

const UNSIGNED_DIGITS = /^\d+$/;
const SIGNED_DIGITS = /^-?\d+$/;
const CANONICAL_INTEGER = /^-?(0|[1-9]\d*)$/;

/** A QQ number, group number or face ID: a non-negative integer, or a string of digits. */
export function isUnsignedIdLike(value: unknown): boolean {
	if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0;
	if (typeof value === 'bigint') return value >= BigInt(0);
	return typeof value === 'string' && UNSIGNED_DIGITS.test(value);
}

/** A message ID: an integer (negative IDs exist in go-cqhttp), or a string of digits. */
export function isIntegerLike(value: unknown): boolean {
	if (typeof value === 'number') return Number.isSafeInteger(value);
	if (typeof value === 'bigint') return true;
	return typeof value === 'string' && SIGNED_DIGITS.test(value);
}

/** Why a number failed an integer check, for error messages. */
export function describeNumberProblem(value: unknown): string {
	if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
		return ' (the number is too large to be exact; pass it as a string)';
	}
	return '';
}

/**
 * A string of digits (optionally signed, no leading zeros) that fits in a safe integer becomes a
 * number; every other value is returned unchanged.
 */
export function digitStringToNumber(value: unknown): unknown {
	if (typeof value !== 'string' || !CANONICAL_INTEGER.test(value) || value === '-0') return value;
	const parsed = Number(value);
	return Number.isSafeInteger(parsed) ? parsed : value;
}

/** An ID as a string, or undefined when it is neither a string, a number nor a bigint. */
export function idToString(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'bigint') return String(value);
	return undefined;
}

/** A short description of a value's JSON type, for error messages. */
export function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
	return `a ${typeof value}`;
}
