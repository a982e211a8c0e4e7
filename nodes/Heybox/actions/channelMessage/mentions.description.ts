import type { INodeProperties } from 'n8n-workflow';

export const mentionFields: INodeProperties[] = [
	{
		displayName: 'Mention Users',
		name: 'mentionUserIds',
		type: 'string',
		default: '',
		placeholder: '8829926, 72053518',
		description: 'User IDs to @-mention; the node writes @{ID:…} and at_user_id',
		displayOptions: { show: { messageType: ['markdown'] } },
	},
	{
		displayName: 'Mention Roles',
		name: 'mentionRoleIds',
		type: 'string',
		default: '',
		description: 'Role IDs to @-mention (at_role_id)',
		displayOptions: { show: { messageType: ['markdown'] } },
	},
	{
		displayName: 'Link Channels',
		name: 'mentionChannelIds',
		type: 'string',
		default: '',
		description: 'Channel IDs to link with #{ID:…} (mention_channel_id)',
		displayOptions: { show: { messageType: ['markdown'] } },
	},
	{
		displayName: 'Mention Everyone',
		name: 'mentionEveryone',
		type: 'options',
		options: [
			{ name: 'No', value: 'none' },
			{ name: 'All Members', value: 'all', description: 'Writes @{all}' },
			{ name: 'Online Members', value: 'here', description: 'Writes @{here}' },
		],
		default: 'none',
		description: 'Needs the room permission "@all, @online and roles"',
		displayOptions: { show: { messageType: ['markdown'] } },
	},
];
