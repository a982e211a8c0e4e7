import type { INodeProperties } from 'n8n-workflow';

import { oneBotThroughputOptions } from './send.options';

/** Fields of the forward (merged) message sends. */
export const forwardFields: INodeProperties[] = [
	{
		displayName: 'Forward Content',
		name: 'forwardMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Custom Nodes', value: 'custom', description: 'Write each message: sender nickname, QQ number and content' },
			{ name: 'Existing Messages', value: 'existing', description: 'Forward messages by their IDs (not supported by Lagrange)' },
		],
		default: 'custom',
	},
	{
		displayName: 'Nodes',
		name: 'forwardNodes',
		type: 'fixedCollection',
		placeholder: 'Add Node',
		typeOptions: { multipleValues: true, sortable: true },
		default: {},
		displayOptions: { show: { forwardMode: ['custom'] } },
		options: [
			{
				displayName: 'Node',
				name: 'node',
				values: [
					{
						displayName: 'Nickname',
						name: 'nickname',
						type: 'string',
						default: '',
						description: 'Sender name shown for this message',
					},
					{
						displayName: 'User ID',
						name: 'userId',
						type: 'string',
						default: '',
						placeholder: '987654321',
						description: 'Sender QQ number (its avatar is shown)',
					},
					{
						displayName: 'Content Format',
						name: 'contentFormat',
						type: 'options',
						options: [
							{ name: 'Text', value: 'text', description: 'Plain text, never parsed' },
							{ name: 'CQ Code', value: 'cqCode', description: 'E.g. hi[CQ:image,file=https://example.com/a.png].' },
							{ name: 'JSON', value: 'json', description: 'A segment array, e.g. [{"type":"text","data":{"text":"hi"}}]' },
						],
						default: 'text',
					},
					{
						displayName: 'Content',
						name: 'content',
						type: 'string',
						typeOptions: { rows: 2 },
						default: '',
						description: 'The message, in the chosen content format',
					},
				],
			},
		],
	},
	{
		displayName: 'Message IDs',
		name: 'forwardMessageIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1263753202, 1263753203',
		description: 'IDs of the messages to forward, separated by commas or spaces',
		displayOptions: { show: { forwardMode: ['existing'] } },
	},
	{
		displayName: 'Options',
		name: 'forwardOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			...oneBotThroughputOptions,
			{
				displayName: 'Prompt',
				name: 'prompt',
				type: 'string',
				default: '',
				description: 'Notification text in the chat list (NapCat, LLOneBot)',
			},
			{
				displayName: 'Source',
				name: 'source',
				type: 'string',
				default: '',
				description: 'Title of the forward card (NapCat, LLOneBot)',
			},
			{
				displayName: 'Summary',
				name: 'summary',
				type: 'string',
				default: '',
				description: 'Footer of the forward card, e.g. "View 3 messages" (NapCat, LLOneBot)',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1000 },
				default: 60000,
				description: 'How long to wait for the server to answer',
			},
		],
	},
];
