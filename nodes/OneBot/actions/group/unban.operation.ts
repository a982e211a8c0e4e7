import { groupIdParam, memberIdParam } from '../../helpers/params';
import { groupLocator, memberLocator } from '../common.description';
import { defineOperation } from '../operation';

export const unban = defineOperation(
	'group',
	{ name: 'Unmute Member', value: 'unban', description: 'Lift a member\'s mute', action: 'Unmute a group member' },
	[groupLocator(), memberLocator('The member to unmute')],
	async function (i, client) {
		const body = { group_id: groupIdParam(this, i), user_id: memberIdParam(this, i), duration: 0 };
		await client.call('set_group_ban', body);
		return { success: true, ...body };
	},
);
