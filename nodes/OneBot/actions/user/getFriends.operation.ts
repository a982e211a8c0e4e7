import { asList, limitList } from '../../helpers/params';
import { returnAllFields } from '../common.description';
import { defineOperation } from '../operation';

export const getFriends = defineOperation(
	'user',
	{ name: 'Get Friends', value: 'getFriends', description: 'List the bot\'s friends, one item per friend', action: 'Get many friends' },
	[...returnAllFields],
	async function (i, client) {
		return limitList(this, i, asList(await client.call('get_friend_list')));
	},
);
