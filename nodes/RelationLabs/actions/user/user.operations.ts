import type { IDataObject } from 'n8n-workflow';

import { asObject, limitParam, relationIdField, relationIdParam, returnAllFields } from '../common';
import { defineOperation } from '../operation';

export const get = defineOperation(
	'user',
	{ name: 'Get', value: 'get', description: 'A user\'s profile (the bot itself when empty)', action: 'Get a user' },
	[
		{ ...relationIdField('address', 'Relation ID or Address', 'A relationId or web3 address; empty = the bot itself'), required: false },
		{
			displayName: 'Extra Fields',
			name: 'fields',
			type: 'multiOptions',
			options: [
				{ name: 'Addresses', value: 'ADDRESS_WITH_CHAIN' },
				{ name: 'Created At', value: 'CREATE_AT' },
				{ name: 'Follow Counts', value: 'FOLLOW_COUNT' },
			],
			default: [],
		},
	],
	async function (i, client) {
		const address = String(this.getNodeParameter('address', i, '')).trim();
		const fields = this.getNodeParameter('fields', i, []) as string[];
		const qs: IDataObject = {};
		if (address) qs.address = address;
		if (fields.length) qs.fields = fields.join(',');
		return asObject(await client.call({ method: 'GET', path: '/api/v1/userInfo', qs }));
	},
);

function followList(value: 'getFollowers' | 'getFollowing', name: string, path: string) {
	return defineOperation(
		'user',
		{ name, value, description: `${name} of a user`, action: `${name}` },
		[relationIdField('address', 'Relation ID or Address'), ...returnAllFields],
		async function (i, client) {
			const address = relationIdParam(this, i, 'address', 'Relation ID or Address');
			const limit = limitParam(this, i);
			const out: IDataObject[] = [];
			let cursor: string | undefined;
			do {
				const data = asObject(await client.call({ method: 'GET', path, qs: { address, limit: 100, ...(cursor ? { cursor } : {}) } }));
				const list = (data.list ?? []) as IDataObject[];
				out.push(...list);
				cursor = data.cursor ? String(data.cursor) : undefined;
				if (!list.length) break;
			} while (cursor && (limit === undefined || out.length < limit));
			return limit === undefined ? out : out.slice(0, limit);
		},
	);
}

export const getFollowers = followList('getFollowers', 'Get Followers', '/api/v1/follower');
export const getFollowing = followList('getFollowing', 'Get Following', '/api/v1/following');

function followAction(value: 'follow' | 'unfollow', name: string) {
	return defineOperation('user', { name, value, description: `${name} a user`, action: `${name} a user` }, [relationIdField('address', 'Relation ID or Address')], async function (i, client) {
		const body = { address: relationIdParam(this, i, 'address', 'Relation ID or Address') };
		await client.call({ method: 'POST', path: `/api/v1/${value}`, body, safety: 'repeatable' });
		return { success: true, ...body };
	});
}

export const follow = followAction('follow', 'Follow');
export const unfollow = followAction('unfollow', 'Unfollow');
