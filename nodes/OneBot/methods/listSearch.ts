import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { OneBotClient } from '../transport';

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => String(value ?? '').toLowerCase().includes(needle));
}

async function list(ctx: ILoadOptionsFunctions, action: string, params: IDataObject = {}): Promise<IDataObject[]> {
	const client = await OneBotClient.create(ctx);
	const data = await client.call(action, params);
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

function sortByName(results: INodeListSearchItems[]): INodeListSearchResult {
	return { results: results.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** The bot's groups, searchable by name or number. */
export async function searchGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const groups = await list(this, 'get_group_list');
	return sortByName(
		groups
			.filter((g) => matches(filter, g.group_name, g.group_id))
			.map((g) => ({ name: `${String(g.group_name ?? g.group_id)} (${String(g.group_id)})`, value: String(g.group_id) })),
	);
}

/** The bot's friends, searchable by nickname, remark or QQ number. */
export async function searchFriends(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const friends = await list(this, 'get_friend_list');
	return sortByName(
		friends
			.filter((f) => matches(filter, f.nickname, f.remark, f.user_id))
			.map((f) => {
				const label = f.remark && f.remark !== f.nickname ? `${String(f.remark)} / ${String(f.nickname)}` : String(f.nickname ?? f.user_id);
				return { name: `${label} (${String(f.user_id)})`, value: String(f.user_id) };
			}),
	);
}

/** Members of the group chosen in the Group field. */
export async function searchMembers(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const group = this.getCurrentNodeParameter('groupId', { extractValue: true });
	const groupId = Number(String(group ?? '').trim());
	if (!Number.isSafeInteger(groupId) || groupId <= 0) return { results: [] };
	const members = await list(this, 'get_group_member_list', { group_id: groupId });
	return sortByName(
		members
			.filter((m) => matches(filter, m.card, m.nickname, m.user_id))
			.map((m) => ({ name: `${String(m.card || m.nickname || m.user_id)} (${String(m.user_id)})`, value: String(m.user_id) })),
	);
}
