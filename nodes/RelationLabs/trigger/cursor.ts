/** Which messages of a newest-first page are new since the last poll. No n8n types. */

export interface ChannelCursor {
	/** createAt (ms) of the newest message seen */
	createAt: number;
	/** IDs seen at exactly that createAt (messages can share a millisecond) */
	ids: string[];
}

type Message = Record<string, unknown>;

/**
 * New messages are those after the cursor (or at its millisecond but unseen). The first poll
 * only sets the cursor: history does not start the workflow.
 */
export function newMessages(page: Message[], cursor: ChannelCursor | undefined): { fresh: Message[]; cursor: ChannelCursor } {
	const at = (m: Message) => Number(m.createAt ?? 0);
	const newest = page.reduce((max, m) => Math.max(max, at(m)), cursor?.createAt ?? 0);
	const next: ChannelCursor = {
		createAt: newest,
		ids: page.filter((m) => at(m) === newest).map((m) => String(m.id)),
	};
	if (!cursor) return { fresh: [], cursor: next };
	const seen = new Set(cursor.ids);
	const fresh = page.filter((m) => at(m) > cursor.createAt || (at(m) === cursor.createAt && !seen.has(String(m.id))));
	if (newest === cursor.createAt) next.ids = [...new Set([...cursor.ids, ...next.ids])];
	return { fresh, cursor: next };
}
