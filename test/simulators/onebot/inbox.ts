/**
 * `GET /__inbox`: a plain HTML page listing the messages the simulator holds, newest first.
 * No external assets; used by the dev sandbox.
 */
import type { Segment } from './cq.ts';
import type { Dialect } from './dialects.ts';
import type { OneBotState, StoredMessage } from './state.ts';

function esc(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function short(v: unknown, max = 60): string {
	const s = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
	return s.length > max ? s.slice(0, max) + '…' : s;
}

function renderSegments(segments: Segment[], state: OneBotState, depth = 0): string {
	return segments
		.map((seg) => {
			const d = seg.data;
			switch (seg.type) {
				case 'text':
					return esc(String(d.text ?? ''));
				case 'at':
					return `<span class="seg">@${esc(String(d.qq))}</span>`;
				case 'reply':
					return `<span class="seg">↩ reply #${esc(String(d.id))}</span> `;
				case 'face':
					return `<span class="seg">[face ${esc(String(d.id))}]</span>`;
				case 'forward': {
					const rec = state.forwards.get(String(d.id));
					if (!rec || depth > 2) return `<span class="seg">[forward ${esc(String(d.id))}]</span>`;
					const items = rec.nodes
						.map((n) => `<li><b>${esc(n.nickname)}</b> (${n.user_id}): ${renderSegments(n.content, state, depth + 1)}</li>`)
						.join('');
					return `<div class="fwd">forward ${esc(rec.id)}<ul>${items}</ul></div>`;
				}
				case 'node': {
					const content = Array.isArray(d.content) ? renderSegments(d.content as Segment[], state, depth + 1) : esc(short(d.content));
					return `<div class="fwd"><b>${esc(String(d.nickname ?? d.id ?? ''))}</b>: ${content}</div>`;
				}
				default:
					return `<span class="seg">[${esc(seg.type)}${d.file !== undefined ? ' ' + esc(short(d.file)) : ''}]</span>`;
			}
		})
		.join('');
}

function target(m: StoredMessage, state: OneBotState): string {
	if (m.message_type === 'group') {
		const g = state.groups.get(m.group_id ?? 0);
		return `group ${m.group_id}${g ? ' ' + esc(g.group_name) : ''}`;
	}
	const f = state.friends.get(m.user_id ?? 0);
	return `private ${m.user_id}${f ? ' ' + esc(f.nickname) : ''}`;
}

export function renderInbox(state: OneBotState, dialect: Dialect): string {
	const list = [...state.messages.values()].sort((a, b) => b.time - a.time || b.message_id - a.message_id);
	const rows = list
		.map(
			(m) =>
				`<tr><td>${m.message_id}</td><td>${new Date(m.time * 1000).toISOString()}</td><td>${target(m, state)}</td>` +
				`<td>${esc(m.sender.card || m.sender.nickname)} (${m.sender.user_id})</td><td>${renderSegments(m.message, state)}</td></tr>`,
		)
		.join('\n');
	return `<!doctype html>
<html><head><meta charset="utf-8"><title>OneBot simulator inbox (${esc(dialect)})</title>
<style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}.seg{color:#06c}.fwd{border-left:3px solid #aaa;padding-left:6px;margin:2px 0}</style>
</head><body>
<h1>OneBot simulator inbox</h1>
<p>dialect: <b>${esc(dialect)}</b> · bot ${state.selfId} (${esc(state.nickname)}) · ${list.length} message(s) · deleted: ${state.deletedMessages.length}</p>
<table><thead><tr><th>id</th><th>time</th><th>chat</th><th>sender</th><th>message</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
