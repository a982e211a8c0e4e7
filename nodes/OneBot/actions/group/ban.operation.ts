import { boundedNumber, groupIdParam, memberIdParam } from '../../helpers/params';
import { groupLocator, memberLocator } from '../common.description';
import { defineOperation } from '../operation';

/** QQ allows mutes of up to 30 days. */
export const MAX_BAN_SECONDS = 30 * 24 * 3600;

export const ban = defineOperation(
	'group',
	{ name: 'Mute Member', value: 'ban', description: 'Mute (ban) a member for a time (the bot must be admin)', action: 'Mute a group member' },
	[
		groupLocator(),
		memberLocator('The member to mute'),
		{
			displayName: 'Duration (Seconds)',
			name: 'duration',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_BAN_SECONDS },
			default: 1800,
			description: 'How long the member stays muted; at most 30 days (2592000)',
		},
	],
	async function (i, client) {
		// Always send duration: NapCat and Lagrange treat a missing one as 0, which lifts the ban.
		const body = {
			group_id: groupIdParam(this, i),
			user_id: memberIdParam(this, i),
			duration: boundedNumber(this, i, 'duration', 'Duration (Seconds)', 1, MAX_BAN_SECONDS),
		};
		await client.call('set_group_ban', body);
		return { success: true, ...body };
	},
);
