import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { RelationLabsClient } from '../transport';

/** The bot's conversations, searchable by name (the API's keyword search). */
export async function searchChannels(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const client = await RelationLabsClient.create(this);
	const qs: IDataObject = { limit: 50 };
	if (filter) qs.keyword = filter;
	if (paginationToken) qs.cursor = paginationToken;
	const data = ((await client.call({ method: 'GET', path: '/api/v1/userChannels/list', qs })) ?? {}) as IDataObject;
	const list = (data.list ?? []) as IDataObject[];
	return {
		results: list.map((c) => ({ name: `${String(c.displayName ?? c.channelUuid)} (${c.channelType === 'P' ? 'chat' : 'group'})`, value: String(c.channelUuid) })),
		paginationToken: data.cursor ? String(data.cursor) : undefined,
	};
}
