import type { INodeProperties } from 'n8n-workflow';

const DIGITS = { type: 'regex' as const, properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Enter digits only, e.g. 123456789' } };

function accountLocator(
	name: string,
	displayName: string,
	searchListMethod: string,
	description: string,
	placeholder: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true, searchFilterRequired: false },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder,
				validation: [DIGITS],
			},
		],
	};
}

/** A QQ group, picked from the bot's groups or typed as a number. */
export const groupLocator = (description = 'The QQ group'): INodeProperties =>
	accountLocator('groupId', 'Group', 'searchGroups', description, '123456789');

/** A QQ user, picked from the bot's friends or typed as a QQ number. */
export const userLocator = (description = 'The QQ user (friends are listed; any QQ number can be typed)'): INodeProperties =>
	accountLocator('userId', 'User', 'searchFriends', description, '10001');

/** A member of the group chosen in `groupId`. */
export const memberLocator = (description = 'The group member'): INodeProperties =>
	accountLocator('memberId', 'Member', 'searchMembers', description, '10001');

export const messageIdField = (description = 'ID of the message (message_id from a send, get or trigger output)'): INodeProperties => ({
	displayName: 'Message ID',
	name: 'messageId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '1263753202',
	description,
});

export { returnAllFields } from '../../shared/descriptions';

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};
