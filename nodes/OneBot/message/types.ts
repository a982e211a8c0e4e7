/** OneBot v11 message shapes (array format). */

/** One message segment: `{"type": "text", "data": {"text": "hi"}}`. */
export interface OneBotSegment {
	type: string;
	data: Record<string, unknown>;
}

/** `node` data that re-forwards an existing message by its ID. */
export interface ForwardReferenceData {
	id: number | string;
	[key: string]: unknown;
}

/** `node` data of a custom ("fake") message: who said it and what. */
export interface ForwardCustomData {
	nickname: string;
	user_id: number | string;
	/** A segment array, or a CQ-code string as the spec allows. */
	content: OneBotSegment[] | string;
	[key: string]: unknown;
}

/** One entry of a forward (merged) message, as sent in `messages` of `send_*_forward_msg`. */
export interface ForwardNode {
	type: 'node';
	data: ForwardReferenceData | ForwardCustomData;
}

/** Who sent one message inside a forward message read with `get_forward_msg`. */
export interface ForwardMessageSender {
	user_id?: number | string;
	nickname?: string;
}

/** One message inside a forward message, the same for every implementation. */
export interface ForwardMessage {
	sender: ForwardMessageSender;
	time?: number;
	content: OneBotSegment[];
}
