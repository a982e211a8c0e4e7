import type { IDataObject } from 'n8n-workflow';

const MEMBER_KEYS = ['group_id', 'user_id', 'nickname', 'card', 'role', 'title', 'level', 'join_time', 'last_sent_time', 'shut_up_timestamp'];

/** The member fields most workflows use; NapCat adds a dozen more. */
export function simplifyMember(member: IDataObject): IDataObject {
	const out: IDataObject = {};
	for (const key of MEMBER_KEYS) if (member[key] !== undefined) out[key] = member[key];
	return out;
}
