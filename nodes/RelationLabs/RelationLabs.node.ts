import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as channel from './actions/channel';
import * as chat from './actions/chat';
import * as message from './actions/message';
import { router } from './actions/router';
import * as user from './actions/user';
import { searchChannels } from './methods/listSearch';

export class RelationLabs implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RelationLabs',
		name: 'relationLabs',
		icon: { light: 'file:relationlabs.svg', dark: 'file:relationlabs.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send and read messages, manage groups and follows in RelationLabs (Relation ONE) messaging',
		defaults: { name: 'RelationLabs' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'relationLabsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Channel', value: 'channel', description: 'Groups and one-to-one chats' },
					{ name: 'Chat', value: 'chat', description: 'The bot\'s conversation list' },
					{ name: 'Message', value: 'message' },
					{ name: 'User', value: 'user' },
				],
				default: 'message',
			},
			...message.description,
			...channel.description,
			...chat.description,
			...user.description,
		],
	};

	methods = { listSearch: { searchChannels } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
