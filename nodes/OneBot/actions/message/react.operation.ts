import type { INodeProperties } from 'n8n-workflow';

import { messageIdField } from '../common.description';
import { defineOperation } from '../operation';
import { setReaction } from './reaction';

export const reactionFields: INodeProperties[] = [
	messageIdField('ID of the message to react to'),
	{
		displayName: 'Emoji ID',
		name: 'emojiId',
		type: 'string',
		default: '76',
		required: true,
		description: 'QQ emoji ID, e.g. 76 (thumbs up), 66 (heart), 124 (OK)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Group ID',
				name: 'groupId',
				type: 'string',
				default: '',
				description: 'Lagrange only: the group of the message (looked up with get_msg when empty)',
			},
		],
	},
];

export const react = defineOperation(
	'message',
	{ name: 'React', value: 'react', description: 'Add an emoji reaction to a message', action: 'React to a message' },
	reactionFields,
	async function (i, client) {
		return await setReaction(this, i, client, true);
	},
);
