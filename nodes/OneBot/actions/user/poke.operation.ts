import type { IDataObject } from 'n8n-workflow';

import { apiError } from '../../../shared/errors';
import { asObject, optionsParam, qqNumber, userIdParam } from '../../helpers/params';
import { userLocator } from '../common.description';
import { defineOperation } from '../operation';

export const poke = defineOperation(
	'user',
	{ name: 'Poke', value: 'poke', description: 'Poke (nudge) a user, in private or in a group', action: 'Poke a user' },
	[
		userLocator('Who to poke'),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'In Group',
					name: 'groupId',
					type: 'string',
					default: '',
					placeholder: '123456789',
					description: 'Poke inside this group instead of in the private chat',
				},
			],
		},
	],
	async function (i, client) {
		const userId = userIdParam(this, i);
		const options = optionsParam(this, i);
		const rawGroup = String(options.groupId ?? '').trim();
		const groupId = rawGroup ? qqNumber(rawGroup, 'Options › In Group', 'group number') : undefined;
		const implementation = await client.implementation();
		let data: unknown;
		if (implementation === 'gocqhttp') {
			// go-cqhttp has no poke action; the poke segment works in groups only.
			if (groupId === undefined) {
				throw apiError(this.getNode(), 'go-cqhttp can poke only inside a group', {
					provider: 'OneBot',
					endpoint: 'send_group_msg',
					hint: 'Set Options › In Group, or use NapCat, LLOneBot or Lagrange for private pokes',
					cause: 'configuration-invalid',
				});
			}
			data = await client.call('send_group_msg', { group_id: groupId, message: [{ type: 'poke', data: { qq: userId } }] });
		} else if (groupId !== undefined) {
			data = await client.call('group_poke', { group_id: groupId, user_id: userId });
		} else {
			data = await client.call('friend_poke', { user_id: userId });
		}
		const out: IDataObject = { success: true, user_id: userId, ...asObject(data) };
		if (groupId !== undefined) out.group_id = groupId;
		return out;
	},
);
