import { asObject, groupIdParam, memberIdParam } from '../../helpers/params';
import { groupLocator, memberLocator, simplifyField } from '../common.description';
import { defineOperation } from '../operation';
import { simplifyMember } from './simplify';

export const getMember = defineOperation(
	'group',
	{ name: 'Get Member', value: 'getMember', description: 'Get one member of a group', action: 'Get a group member' },
	[groupLocator(), memberLocator(), simplifyField],
	async function (i, client) {
		const data = asObject(
			await client.call('get_group_member_info', { group_id: groupIdParam(this, i), user_id: memberIdParam(this, i) }),
		);
		return this.getNodeParameter('simplify', i, true) ? simplifyMember(data) : data;
	},
);
