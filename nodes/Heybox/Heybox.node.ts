import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as channelMessage from './actions/channelMessage';
import * as media from './actions/media';
import * as privateMessage from './actions/privateMessage';
import * as role from './actions/role';
import * as room from './actions/room';
import { router } from './actions/router';
import * as roomEmoji from './actions/roomEmoji';
import { searchChannels, searchRooms } from './methods/listSearch';

export class Heybox implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Heybox',
		name: 'heybox',
		icon: { light: 'file:heybox.svg', dark: 'file:heybox.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send channel and private messages, cards and images, and manage rooms, roles and emoji in Heybox chat (黑盒语音)',
		defaults: { name: 'Heybox' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heyboxApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Channel Message', value: 'channelMessage' },
					{ name: 'Media', value: 'media' },
					{ name: 'Private Message', value: 'privateMessage' },
					{ name: 'Role', value: 'role' },
					{ name: 'Room', value: 'room' },
					{ name: 'Room Emoji', value: 'roomEmoji' },
				],
				default: 'channelMessage',
			},
			...channelMessage.description,
			...privateMessage.description,
			...media.description,
			...room.description,
			...role.description,
			...roomEmoji.description,
		],
	};

	methods = { listSearch: { searchRooms, searchChannels } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
