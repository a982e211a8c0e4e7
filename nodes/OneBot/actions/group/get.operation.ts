import { asObject, groupIdParam } from '../../helpers/params';
import { groupLocator } from '../common.description';
import { defineOperation } from '../operation';

export const getGroup = defineOperation(
	'group',
	{ name: 'Get', value: 'get', description: 'Get a group\'s name and member counts', action: 'Get a group' },
	[groupLocator()],
	async function (i, client) {
		return asObject(await client.call('get_group_info', { group_id: groupIdParam(this, i) }));
	},
);
