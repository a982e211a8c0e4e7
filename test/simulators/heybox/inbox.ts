/**
 * `GET /__inbox`: a plain HTML page of the channel messages and DMs the simulator holds, newest
 * first. No external assets; used by the dev sandbox.
 */
import type { HeyboxState } from './state.ts';

function esc(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const TYPE_NAMES: Record<number, string> = { 3: 'image', 4: 'markdown', 10: 'markdown+mentions', 20: 'card' };

interface Row {
	time: number;
	id: string;
	where: string;
	who: string;
	type: number;
	content: string;
}

function content(msg: string, msgType: number, img: string): string {
	if (msgType === 3) return `<a href="${esc(img)}">[image ${esc(img)}]</a>${msg ? ' ' + esc(msg) : ''}`;
	if (msgType === 20) return `<pre class="card">${esc(msg)}</pre>`;
	return esc(msg).replace(/([@#])\{([^{}]*)\}/g, '<span class="seg">$1{$2}</span>');
}

export function renderInbox(state: HeyboxState): string {
	const rows: Row[] = [];
	for (const m of state.messages.values()) {
		const room = state.rooms.get(m.room_id);
		const ch = state.channels.get(m.channel_id);
		const sender = state.users.get(m.sender_id);
		rows.push({
			time: m.send_time,
			id: m.msg_id,
			where: `${esc(room?.room_name ?? m.room_id)} / #${esc(ch?.channel_name ?? m.channel_id)}`,
			who: `${esc(sender?.nickname ?? String(m.sender_id))} (${m.sender_id})`,
			type: m.msg_type,
			content: (m.reply_id ? `<span class="seg">↩ ${esc(m.reply_id)}</span> ` : '') + content(m.msg, m.msg_type, m.img) + (m.edits ? ` <i>(edited ×${m.edits})</i>` : ''),
		});
	}
	for (const d of state.dms) {
		const to = state.users.get(d.to_user_id);
		rows.push({
			time: d.send_time,
			id: d.msg_id,
			where: `DM → ${esc(to?.nickname ?? '')} (${d.to_user_id})`,
			who: `bot (${state.botUserId})`,
			type: d.msg_type,
			content: content(d.msg, d.msg_type, d.img),
		});
	}
	rows.sort((a, b) => b.time - a.time || (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
	const body = rows
		.map(
			(r) =>
				`<tr><td>${esc(r.id)}</td><td>${new Date(r.time).toISOString()}</td><td>${r.where}</td><td>${r.who}</td>` +
				`<td>${r.type} ${esc(TYPE_NAMES[r.type] ?? '')}</td><td>${r.content}</td></tr>`,
		)
		.join('\n');
	return `<!doctype html>
<html><head><meta charset="utf-8"><title>Heybox simulator inbox</title>
<style>body{font-family:sans-serif;margin:1em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}.seg{color:#06c}pre.card{white-space:pre-wrap;margin:0;font-size:90%}</style>
</head><body>
<h1>Heybox simulator inbox</h1>
<p>bot ${state.botUserId} · ${state.messages.size} channel message(s) · ${state.dms.length} DM(s) · deleted: ${state.deletedMessages.length} · uploads: ${state.uploads.length}</p>
<table><thead><tr><th>msg_id</th><th>time</th><th>where</th><th>sender</th><th>msg_type</th><th>message</th></tr></thead>
<tbody>
${body}
</tbody></table>
</body></html>
`;
}
