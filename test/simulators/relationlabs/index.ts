/** RelationLabs "Relation ONE" open API simulator: see server.ts and README.md. */
export { ADDRESS_TOKEN_TTL_MS, API_KEY_DESC, DAY_MS, DEFAULT_API_KEY, RelationLabsSimulator, UNIFIED_TOKEN_TTL_MS } from './server.ts';
export type { IssueAddressTokenOptions, IssueUnifiedTokenOptions, RelationLabsFault, RelationLabsRecordedRequest, RelationLabsSimulatorOptions } from './server.ts';
export { ADDRESSES, FIRST_NEW_MESSAGE_ID, RelationLabsState, SEED, SEED_TIME_MS, SYSTEM_FROM, USERS } from './state.ts';
export type { Address, Channel, ChannelType, ChatState, FormerMember, Member, Message, User } from './state.ts';
export { DESC, ROUTES, RelationLabsError, USER_INFO_FIELDS, messageInfo } from './handlers.ts';
export type { HandlerContext, Route } from './handlers.ts';
export { JsonNumber, parseLossless, stringifyResponse } from './json.ts';
export { ADDRESS_HEADER, UNIFIED_HEADER, UNIFIED_ISSUER, decodeJwt } from './jwt.ts';
export type { AddressTokenPayload, AddressTokenSubject, DecodedJwt, UnifiedTokenPayload } from './jwt.ts';
