import { groupIdParam } from '../../helpers/params';
import { groupLocator } from '../common.description';
import { defineOperation } from '../operation';

export const muteAll = defineOperation(
	'group',
	{ name: 'Mute All', value: 'muteAll', description: 'Turn the whole-group mute on or off', action: 'Mute or unmute a whole group' },
	[
		groupLocator(),
		{
			displayName: 'Enable',
			name: 'enable',
			type: 'boolean',
			default: true,
			description: 'Whether to mute everyone (true) or lift the whole-group mute (false)',
		},
	],
	async function (i, client) {
		const body = { group_id: groupIdParam(this, i), enable: this.getNodeParameter('enable', i, true) as boolean };
		await client.call('set_group_whole_ban', body);
		return { success: true, ...body };
	},
);
