import { groupIdParam, memberIdParam } from '../../helpers/params';
import { groupLocator, memberLocator } from '../common.description';
import { defineOperation } from '../operation';

export const setCard = defineOperation(
	'group',
	{ name: 'Set Member Card', value: 'setCard', description: 'Set a member\'s group nickname (card)', action: 'Set a member card' },
	[
		groupLocator(),
		memberLocator(),
		{
			displayName: 'Card',
			name: 'card',
			type: 'string',
			default: '',
			description: 'The new group nickname; empty removes it',
		},
	],
	async function (i, client) {
		const body = { group_id: groupIdParam(this, i), user_id: memberIdParam(this, i), card: String(this.getNodeParameter('card', i, '')) };
		await client.call('set_group_card', body);
		return { success: true, ...body };
	},
);
