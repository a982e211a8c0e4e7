/**
 * Lossless JSON parsing shared by the simulators: numbers keep their exact text, so validators
 * can tell a 19-digit ID sent as a string from one sent as a (rounded) number.
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
