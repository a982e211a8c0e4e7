/** Heybox chat (黑盒语音) bot REST simulator and event gateway: see server.ts and gateway.ts. */
export { COMMON_QUERY, DEFAULT_TOKEN, HeyboxSimulator, RATE_LIMIT_MSG, UNAUTHORIZED_MSG } from './server.ts';
export type { HeyboxFault, HeyboxRecordedRequest, HeyboxSimulatorOptions } from './server.ts';
export { ALL_PERMISSIONS, BOT_USER_ID, CHANNEL_CATEGORY, CHANNEL_TEXT, CHANNEL_VOICE, HeyboxState, PERM, SEED, SEED_TIME_MS, USERS, permissionMask } from './state.ts';
export type {
	BanRecord,
	Channel,
	ChannelMessage,
	DirectMessage,
	KickRecord,
	Member,
	Meme,
	NicknameRecord,
	ReactionRecord,
	Role,
	RoleGrantRecord,
	Room,
	Upload,
	User,
} from './state.ts';
export { ACK_WINDOW_MS, JOINED_LIMIT_MAX, MSG_TYPES, NICKNAME_MAX, ROUTES, USERS_LIMIT_MAX } from './handlers.ts';
export { JsonNumber, parseLossless, stringifyResponse } from './json.ts';
export { parseMultipart } from './multipart.ts';
export { validateCardMsg } from './cards.ts';
export { DEFAULT_PONG_REPLY, HeyboxGateway, WS_PATH } from './gateway.ts';
export type { HeyboxWsConnectionRecord, HeyboxWsFrame, HeyboxWsOptions, HeyboxWsStats, PushEventOptions, PushEventResult, PushedEvent, ReplayResult } from './gateway.ts';
export {
	EVENT_ID_KEYS,
	EVENT_TYPES,
	FIRST_SEQUENCE,
	NOTIFY_USER_IM_MESSAGE,
	buttonClickEvent,
	channelMessageEvent,
	commandEvent,
	commandIdFor,
	joinLeaveEvent,
	msgIdFor,
	normaliseSequence,
	reactionEvent,
	stringifyEvent,
} from './events.ts';
export type {
	ButtonClickEventOptions,
	ChannelMessageEventOptions,
	CommandEventOptions,
	CommandOption,
	HeyboxEvent,
	HeyboxEventEnvelope,
	JoinLeaveEventOptions,
	ReactionEventOptions,
} from './events.ts';
