/**
 * Minimal CQ-code codec used by the OneBot simulator (OB11 `message/string.md`).
 * Decoding follows NapCat's decoder: `/\[CQ:(\w+)((,\w+=[^,\]]*)*)]/`, unescaping
 * `&#91; &#93; &#44; &amp;` (ampersand last).
 */

export interface Segment {
	type: string;
	data: Record<string, unknown>;
}

const CQ_RE = /\[CQ:(\w+)((?:,\w+=[^,\]]*)*)\]/g;

export function unescapeCQ(s: string): string {
	return s
		.replace(/&#91;/g, '[')
		.replace(/&#93;/g, ']')
		.replace(/&#44;/g, ',')
		.replace(/&amp;/g, '&');
}

export function escapeCQText(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/\[/g, '&#91;').replace(/\]/g, '&#93;');
}

export function escapeCQValue(s: string): string {
	return escapeCQText(s).replace(/,/g, '&#44;');
}

/** Turns a CQ string into a segment array. Text outside CQ codes becomes `text` segments. */
export function decodeCQ(input: string): Segment[] {
	const out: Segment[] = [];
	const pushText = (raw: string) => {
		if (raw === '') return;
		const text = unescapeCQ(raw);
		const prev = out[out.length - 1];
		if (prev && prev.type === 'text') {
			prev.data.text = String(prev.data.text) + text;
		} else {
			out.push({ type: 'text', data: { text } });
		}
	};
	let last = 0;
	CQ_RE.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = CQ_RE.exec(input)) !== null) {
		pushText(input.slice(last, m.index));
		const data: Record<string, unknown> = {};
		const params = m[2];
		if (params) {
			for (const part of params.slice(1).split(',')) {
				const eq = part.indexOf('=');
				data[part.slice(0, eq)] = unescapeCQ(part.slice(eq + 1));
			}
		}
		out.push({ type: m[1], data });
		last = m.index + m[0].length;
	}
	pushText(input.slice(last));
	return out;
}

function valueToString(v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'object') return JSON.stringify(v);
	return String(v);
}

/** Renders segments as a CQ string (used for `raw_message` and go-cqhttp's string format). */
export function encodeCQ(segments: Segment[]): string {
	return segments
		.map((seg) => {
			if (seg.type === 'text') return escapeCQText(valueToString(seg.data.text));
			const params = Object.entries(seg.data ?? {})
				.filter(([, v]) => v !== undefined)
				.map(([k, v]) => `,${k}=${escapeCQValue(valueToString(v))}`)
				.join('');
			return `[CQ:${seg.type}${params}]`;
		})
		.join('');
}
