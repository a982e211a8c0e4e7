/** OneBot v11 messages: CQ-code strings, segments, media files and forward nodes. */

export type {
	ForwardCustomData,
	ForwardMessage,
	ForwardMessageSender,
	ForwardNode,
	ForwardReferenceData,
	OneBotSegment,
} from './types';
export {
	CqSyntaxError,
	escapeCqText,
	escapeCqValue,
	parseCqString,
	segmentsToCqString,
	unescapeCq,
} from './cq';
export {
	SegmentError,
	mentionsOf,
	normalizeSegmentIds,
	replyIdOf,
	segmentsToPlainText,
	validateNodeData,
	validateSegments,
} from './segments';
export type { MediaSource } from './media';
export { base64FileValue, mediaFileValue } from './media';
export {
	customNode,
	normalizeForwardMessages,
	referenceNode,
	validateForwardNodes,
} from './forward';
export type { NormalizedEvent, OneBotEvent } from './event';
export { commandText, eventSegments, normalizeEvent } from './event';
