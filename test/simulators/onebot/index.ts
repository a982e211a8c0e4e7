/** OneBot v11 HTTP API simulator: see server.ts. */
export { OneBotSimulator } from './server.ts';
export type { OneBotFault, OneBotSimulatorOptions, RecordedRequest } from './server.ts';
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
