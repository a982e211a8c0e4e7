import type { INodeProperties } from 'n8n-workflow';

const SNOWFLAKE = { type: 'regex' as const, properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Enter the numeric ID, e.g. 3358126864697663488' } };

export const roomLocator = (description = 'The room (server)'): INodeProperties => ({
	displayName: 'Room',
	name: 'roomId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description,
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchRooms', searchable: true } },
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: '3358126864697663488', validation: [SNOWFLAKE] },
	],
});

export const channelLocator = (description = 'The text channel in the room'): INodeProperties => ({
	displayName: 'Channel',
	name: 'channelId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description,
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchChannels', searchable: true } },
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: '3358126864697663490', validation: [SNOWFLAKE] },
	],
});

export const userIdField = (description = 'Heybox user ID of the member'): INodeProperties => ({
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '8829926',
	description,
});

export const messageIdField: INodeProperties = {
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '1843536909979836416',
	description: 'The msg_id of the channel message',
};

export { returnAllFields } from '../../shared/descriptions';
