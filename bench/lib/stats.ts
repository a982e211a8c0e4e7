/** Median and spread of repeated measurements. */
export interface Summary {
	median: number;
	min: number;
	max: number;
	n: number;
	values: number[];
}

export function summarize(values: number[]): Summary {
	const v = values.filter((x) => Number.isFinite(x));
	if (v.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0, values: [] };
	const s = [...v].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
	return { median, min: s[0], max: s[s.length - 1], n: s.length, values: v };
}

/** "1234 (1100–1500)" with the given number of decimals. */
export function fmt(s: Summary, decimals = 0, unit = ''): string {
	if (!s.n) return 'n/a';
	const f = (x: number) => x.toFixed(decimals);
	return s.n === 1 ? `${f(s.median)}${unit}` : `${f(s.median)}${unit} (${f(s.min)}–${f(s.max)})`;
}
