import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as file from './actions/file';
import * as group from './actions/group';
import * as message from './actions/message';
import { router } from './actions/router';
import * as system from './actions/system';
import * as user from './actions/user';
import { searchFriends, searchGroups, searchMembers } from './methods/listSearch';

export class OneBot implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'OneBot',
		name: 'oneBot',
		icon: { light: 'file:onebot.svg', dark: 'file:onebot.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send and manage QQ messages, groups and files through OneBot v11 (NapCat, LLOneBot, Lagrange, go-cqhttp)',
		defaults: { name: 'OneBot' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'oneBotApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'File', value: 'file' },
					{ name: 'Group', value: 'group' },
					{ name: 'Message', value: 'message' },
					{ name: 'System', value: 'system' },
					{ name: 'User', value: 'user' },
				],
				default: 'message',
			},
			...message.description,
			...user.description,
			...group.description,
			...file.description,
			...system.description,
		],
	};

	methods = { listSearch: { searchGroups, searchFriends, searchMembers } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
