import type { IDataObject } from 'n8n-workflow';

import { asObject, userIdParam } from '../../helpers/params';
import { simplifyField, userLocator } from '../common.description';
import { defineOperation } from '../operation';

const SIMPLE_KEYS = ['user_id', 'nickname', 'remark', 'sex', 'age', 'level', 'qqLevel', 'long_nick', 'is_vip'];

export const getUser = defineOperation(
	'user',
	{ name: 'Get', value: 'get', description: 'Get a QQ user\'s public profile (get_stranger_info)', action: 'Get a user' },
	[
		userLocator('The QQ user to look up'),
		{
			displayName: 'Bypass Cache',
			name: 'noCache',
			type: 'boolean',
			default: false,
			description: 'Whether to ask QQ again instead of using the cached profile',
		},
		simplifyField,
	],
	async function (i, client) {
		const data = asObject(
			await client.call('get_stranger_info', { user_id: userIdParam(this, i), no_cache: this.getNodeParameter('noCache', i, false) as boolean }),
		);
		if (!this.getNodeParameter('simplify', i, true)) return data;
		const simple: IDataObject = {};
		for (const key of SIMPLE_KEYS) if (data[key] !== undefined) simple[key] = data[key];
		return simple;
	},
);
