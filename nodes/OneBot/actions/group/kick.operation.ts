import { groupIdParam, memberIdParam } from '../../helpers/params';
import { groupLocator, memberLocator } from '../common.description';
import { defineOperation } from '../operation';

export const kick = defineOperation(
	'group',
	{ name: 'Kick Member', value: 'kick', description: 'Remove a member from a group (the bot must be admin)', action: 'Kick a group member' },
	[
		groupLocator(),
		memberLocator('The member to remove'),
		{
			displayName: 'Reject Future Requests',
			name: 'rejectAddRequest',
			type: 'boolean',
			default: false,
			description: 'Whether to refuse this user\'s future requests to join',
		},
	],
	async function (i, client) {
		const body = {
			group_id: groupIdParam(this, i),
			user_id: memberIdParam(this, i),
			reject_add_request: this.getNodeParameter('rejectAddRequest', i, false) as boolean,
		};
		await client.call('set_group_kick', body);
		return { success: true, ...body };
	},
);
