/**
 * `GET /__inbox`: a plain HTML page of every message the simulator holds, newest first. No
 * external assets; used by the dev sandbox.
 */
import type { RelationLabsState } from './state.ts';

function esc(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderInbox(state: RelationLabsState): string {
	const all = [...state.messages.values()].flat();
	all.sort((a, b) => b.createAt - a.createAt || (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
	const name = (id: string) => state.users.get(id)?.name ?? '';
	const rows = all
		.map((m) => {
			const ch = state.channels.get(m.channelUuid);
			const where = ch ? (ch.type === 'G' ? `group ${esc(ch.name)}` : `p2p ${esc(ch.members.map((x) => name(x.relationId)).join(' ↔ '))}`) : '';
			const quote = m.quoteId ? `<span class="seg">↩ ${esc(m.quoteId)}</span> ` : '';
			const mentions = m.mentionedUser.length ? ` <span class="seg">@${esc(m.mentionedUser.map((x) => name(x) || x).join(', @'))}</span>` : '';
			return (
				`<tr${m.hidden ? ' class="hidden"' : ''}><td>${esc(m.id)}</td><td>${new Date(m.createAt).toISOString()}</td>` +
				`<td>${where}<br><small>${esc(m.channelUuid)}</small></td><td>${esc(m.fromName)}<br><small>${esc(m.from)}</small></td>` +
				`<td>${esc(m.type)}</td><td>${quote}${esc(m.content)}${mentions}${m.hidden ? ' <i>(hidden)</i>' : ''}</td></tr>`
			);
		})
		.join('\n');
	return `<!doctype html>
<html><head><meta charset="utf-8"><title>RelationLabs simulator inbox</title>
<style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}.seg{color:#06c}tr.hidden{color:#999}</style>
</head><body>
<h1>RelationLabs simulator inbox</h1>
<p>bot ${esc(state.botRelationId)} · ${all.length} message(s) · ${state.channels.size} channel(s) · ${state.users.size} user(s)</p>
<table><thead><tr><th>id</th><th>createAt</th><th>channel</th><th>from</th><th>type</th><th>content</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
