/** OneBot v11 HTTP API simulator (plus event source: webhook posts, forward WebSocket): see server.ts. */
export { OneBotSimulator } from './server.ts';
export type { OneBotFault, OneBotSimulatorOptions, RecordedRequest, WsConnectionRecord, WsOptions } from './server.ts';
export { DEFAULT_EVENT_FORMAT, heartbeatEvent, lifecycleEvent, messageEvent, noticeEvent, requestEvent } from './events.ts';
export type { MessageEventOptions, MessageFormat, MetaEventOptions, OneBotEvent } from './events.ts';
export { signBody, webhookHeaders } from './webhook.ts';
export type { PostEventOptions, PostEventResult, PostEventsOptions } from './webhook.ts';
export { applyQuickOperation } from './quick.ts';
export type { QuickOperationEffect, QuickOperationRecord, QuickOperationSource, RequestDecision } from './quick.ts';
export { DIALECTS, PROFILES } from './dialects.ts';
export type { Dialect, DialectProfile } from './dialects.ts';
export { OneBotState, SEED_TIME } from './state.ts';
export type {
	BanRecord,
	ForwardNode,
	ForwardRecord,
	Friend,
	Group,
	Member,
	PokeRecord,
	ReactionRecord,
	ReadMark,
	Sender,
	StoredMessage,
	UploadedFile,
} from './state.ts';
export { decodeCQ, encodeCQ, escapeCQText, escapeCQValue } from './cq.ts';
export type { Segment } from './cq.ts';
