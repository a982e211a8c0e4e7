import { asList, limitList } from '../../helpers/params';
import { returnAllFields } from '../common.description';
import { defineOperation } from '../operation';

export const getMany = defineOperation(
	'group',
	{ name: 'Get Many', value: 'getMany', description: 'List the groups the bot is in, one item per group', action: 'Get many groups' },
	[...returnAllFields],
	async function (i, client) {
		return limitList(this, i, asList(await client.call('get_group_list')));
	},
);
