import { ParameterError } from './errors';

const DIGITS = /^-?\d+$/;

/**
 * Reads an ID given as a number or a string of digits and returns the exact digits.
 * Numbers above 2^53 cannot be exact, so they are refused: such IDs must be strings.
 */
export function readId(value: unknown, field: string, label: string): string {
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value)) {
			throw new ParameterError(
				field,
				`${label} must be a whole number, got ${value}`,
				'Numbers above 9007199254740991 lose digits in JavaScript; pass the ID as a string',
			);
		}
		text = String(value);
	} else if (typeof value === 'bigint') {
		text = value.toString();
	} else if (typeof value === 'string') {
		text = value.trim();
	} else {
		throw new ParameterError(field, `${label} is missing`, `Enter the ${label} as digits`);
	}
	if (text === '') throw new ParameterError(field, `${label} is empty`, `Enter the ${label} as digits`);
	if (!DIGITS.test(text)) {
		throw new ParameterError(field, `${label} must contain only digits, got "${text}"`, `Enter the ${label} as digits, e.g. 123456`);
	}
	return text;
}

/** Like readId but also refuses negative values (QQ numbers, group numbers). */
export function readAccountId(value: unknown, field: string, label: string): string {
	const id = readId(value, field, label);
	if (id.startsWith('-') || /^0+$/.test(id)) {
		throw new ParameterError(field, `${label} must be a positive number, got "${id}"`, `Enter the ${label} as digits, e.g. 123456`);
	}
	return id;
}

/** The JSON form of a digit string: a number when exact, otherwise a bigint (written as a bare integer). */
export function jsonId(id: string): number | bigint {
	const n = Number(id);
	return Number.isSafeInteger(n) ? n : BigInt(id);
}

/** The JSON number of a digit string that must fit a JavaScript number exactly (QQ numbers, OneBot message IDs). */
export function exactNumber(id: string, field: string, label: string): number {
	const n = Number(id);
	if (!Number.isSafeInteger(n)) throw new ParameterError(field, `${label} ${id} is too large`, 'Check the ID');
	return n;
}
