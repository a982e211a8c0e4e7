import { groupIdParam } from '../../helpers/params';
import { groupLocator } from '../common.description';
import { defineOperation } from '../operation';

export const leave = defineOperation(
	'group',
	{ name: 'Leave', value: 'leave', description: 'Leave a group (or dismiss it, if the bot owns it)', action: 'Leave a group' },
	[
		groupLocator('The group to leave'),
		{
			displayName: 'Dismiss Group',
			name: 'dismiss',
			type: 'boolean',
			default: false,
			description: 'Whether to dismiss the group; only works when the bot is the owner',
		},
	],
	async function (i, client) {
		const body = { group_id: groupIdParam(this, i), is_dismiss: this.getNodeParameter('dismiss', i, false) as boolean };
		await client.call('set_group_leave', body);
		return { success: true, ...body };
	},
);
