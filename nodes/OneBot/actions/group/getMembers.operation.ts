import { asList, groupIdParam, limitList } from '../../helpers/params';
import { groupLocator, returnAllFields, simplifyField } from '../common.description';
import { defineOperation } from '../operation';
import { simplifyMember } from './simplify';

export const getMembers = defineOperation(
	'group',
	{ name: 'Get Members', value: 'getMembers', description: 'List a group\'s members, one item per member', action: 'Get group members' },
	[groupLocator(), ...returnAllFields, simplifyField],
	async function (i, client) {
		const members = limitList(this, i, asList(await client.call('get_group_member_list', { group_id: groupIdParam(this, i) })));
		return this.getNodeParameter('simplify', i, true) ? members.map(simplifyMember) : members;
	},
);
