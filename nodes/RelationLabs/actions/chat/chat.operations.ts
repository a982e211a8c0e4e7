import type { IDataObject } from 'n8n-workflow';

import { asObject, channelLocator, channelUuidParam, limitParam, returnAllFields } from '../common';
import { defineOperation } from '../operation';

export const getMany = defineOperation(
	'chat',
	{ name: 'Get Many', value: 'getMany', description: 'The bot\'s conversations (groups and direct chats) with unread counts', action: 'Get many chats' },
	[...returnAllFields, { displayName: 'Name Contains', name: 'keyword', type: 'string', default: '' }],
	async function (i, client) {
		const limit = limitParam(this, i);
		const keyword = String(this.getNodeParameter('keyword', i, '')).trim();
		const out: IDataObject[] = [];
		let cursor: string | undefined;
		do {
			const data = asObject(
				await client.call({ method: 'GET', path: '/api/v1/userChannels/list', qs: { limit: 50, ...(keyword ? { keyword } : {}), ...(cursor ? { cursor } : {}) } }),
			);
			const list = (data.list ?? []) as IDataObject[];
			out.push(...list);
			cursor = data.cursor ? String(data.cursor) : undefined;
			if (!list.length) break;
		} while (cursor && (limit === undefined || out.length < limit));
		return limit === undefined ? out : out.slice(0, limit);
	},
);

function toggle(value: 'pin' | 'mute', name: string, field: string) {
	return defineOperation(
		'chat',
		{ name, value, description: `${name} a conversation`, action: `${name} a chat` },
		[channelLocator(), { displayName: name, name: field, type: 'boolean', default: true, description: `Whether to ${value} (false undoes it)` }],
		async function (i, client) {
			const body = { channelUuid: channelUuidParam(this, i), [value]: this.getNodeParameter(field, i, true) as boolean };
			await client.call({ method: 'POST', path: `/api/v1/userChannels/${value}`, body, safety: 'repeatable' });
			return { success: true, ...body };
		},
	);
}

export const pin = toggle('pin', 'Pin', 'pinned');
export const mute = toggle('mute', 'Mute', 'muted');

export const hide = defineOperation(
	'chat',
	{ name: 'Hide', value: 'hide', description: 'Hide a conversation until its next message', action: 'Hide a chat' },
	[channelLocator()],
	async function (i, client) {
		const body = { channelUuid: channelUuidParam(this, i) };
		await client.call({ method: 'POST', path: '/api/v1/userChannels/hide', body, safety: 'repeatable' });
		return { hidden: true, ...body };
	},
);
