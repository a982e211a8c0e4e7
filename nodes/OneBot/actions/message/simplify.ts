import type { IDataObject } from 'n8n-workflow';

import { mentionsOf, parseCqString, replyIdOf, segmentsToPlainText, type OneBotSegment } from '../../message';

/** A message's segments whether the implementation reports a CQ string or an array. */
export function messageSegments(message: unknown): OneBotSegment[] {
	if (Array.isArray(message)) return message as OneBotSegment[];
	if (typeof message === 'string') {
		try {
			return parseCqString(message);
		} catch {
			return [{ type: 'text', data: { text: message } }];
		}
	}
	return [];
}

/** The fields a workflow needs from get_msg without parsing. */
export function simplifyMessage(data: IDataObject): IDataObject {
	const segments = messageSegments(data.message);
	const sender = (data.sender ?? {}) as IDataObject;
	const out: IDataObject = {
		message_id: data.message_id,
		time: data.time,
		message_type: data.message_type,
		user_id: data.user_id ?? sender.user_id,
		sender: { user_id: sender.user_id, nickname: sender.nickname, card: sender.card },
		text: segmentsToPlainText(segments),
		segments: segments as unknown as IDataObject[],
		mentions: mentionsOf(segments),
	};
	if (data.group_id !== undefined) out.group_id = data.group_id;
	const replyTo = replyIdOf(segments);
	if (replyTo !== undefined) out.replyTo = replyTo;
	return out;
}
