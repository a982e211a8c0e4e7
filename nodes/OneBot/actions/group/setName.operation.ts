import { ParameterError } from '../../../shared/errors';
import { groupIdParam } from '../../helpers/params';
import { groupLocator } from '../common.description';
import { defineOperation } from '../operation';

export const setName = defineOperation(
	'group',
	{ name: 'Set Name', value: 'setName', description: 'Rename a group', action: 'Rename a group' },
	[
		groupLocator(),
		{
			displayName: 'Group Name',
			name: 'groupName',
			type: 'string',
			default: '',
			required: true,
			description: 'The new name of the group',
		},
	],
	async function (i, client) {
		const groupName = String(this.getNodeParameter('groupName', i, '')).trim();
		if (!groupName) throw new ParameterError('Group Name', 'The group name is empty', 'Enter the new name');
		const body = { group_id: groupIdParam(this, i), group_name: groupName };
		await client.call('set_group_name', body);
		return { success: true, ...body };
	},
);
