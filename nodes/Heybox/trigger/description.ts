import type { INodeProperties } from 'n8n-workflow';

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: [
			{ name: 'All Events (Including Unofficial)', value: 'all', description: 'Every event the gateway sends, also undocumented ones' },
			{ name: 'Card Button Click', value: 'buttonClick', description: 'A button of a card message was clicked' },
			{ name: 'Channel Message (Unofficial)', value: 'channelMessage', description: 'Ordinary channel messages (type 5): not documented by Heybox and may stop' },
			{ name: 'Reaction', value: 'reaction', description: 'An emoji reaction was added or removed (5003)' },
			{ name: 'Room Join / Leave', value: 'joinLeave', description: 'A user joined or left a room (3001)' },
			{ name: 'Slash Command', value: 'command', description: 'A user ran one of the bot\'s commands (50)' },
		],
		default: ['command'],
	},
	{
		displayName: 'Command Names',
		name: 'commandNames',
		type: 'string',
		default: '',
		placeholder: '/weather, /help',
		description: 'Slash commands only: start only for these commands (empty = any). Commands are registered in the bot console.',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Channel IDs', name: 'channelIds', type: 'string', default: '', description: 'Only events from these channels (comma-separated)' },
			{ displayName: 'Ignore Bots', name: 'ignoreBots', type: 'boolean', default: true, description: 'Whether to skip events sent by bots' },
			{ displayName: 'Room IDs', name: 'roomIds', type: 'string', default: '', description: 'Only events from these rooms (comma-separated)' },
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Heartbeat Interval (Seconds)',
				name: 'heartbeatSeconds',
				type: 'number',
				typeOptions: { minValue: 0.1 },
				default: 30,
				description: 'How often to send PING; a PING without PONG by the next one means a dead connection, which is replaced',
			},
		],
	},
];
