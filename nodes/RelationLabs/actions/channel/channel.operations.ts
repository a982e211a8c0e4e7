import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { ParameterError } from '../../../shared/errors';
import type { RelationLabsClient } from '../../transport';
import { asObject, channelLocator, channelUuidParam, relationIdField, relationIdParam, relationListParam } from '../common';
import { defineOperation } from '../operation';

const membersField: INodeProperties = {
	displayName: 'Members',
	name: 'members',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'dhkyq-sqaaa-aaaaj-sgz3q-cai, 1u4dp-6qaaa-aaaaj-aag4q-cai',
	description: 'RelationIds, separated by commas',
};

/** An operation on one channel whose answer is only success. */
function channelAction(value: string, name: string, description: string, action: string, path: string, extra: INodeProperties[] = [], body: (ctx: Parameters<typeof channelUuidParam>[0], i: number) => IDataObject = () => ({})) {
	return defineOperation('channel', { name, value, description, action }, [channelLocator(), ...extra], async function (i, client: RelationLabsClient) {
		const payload = { channelUuid: channelUuidParam(this, i), ...body(this, i) };
		const data = await client.call({ method: 'POST', path, body: payload, safety: 'repeatable' });
		return { success: true, ...payload, ...asObject(data) };
	});
}

export const create = defineOperation(
	'channel',
	{ name: 'Create', value: 'create', description: 'Create a group (the bot becomes its admin) or a one-to-one chat', action: 'Create a channel' },
	[
		{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true },
		{
			displayName: 'Type',
			name: 'channelType',
			type: 'options',
			options: [
				{ name: 'Group', value: 'G' },
				{ name: 'One-to-One', value: 'P', description: 'With the first member only' },
			],
			default: 'G',
		},
		membersField,
	],
	async function (i, client) {
		const name = String(this.getNodeParameter('name', i, '')).trim();
		if (!name) throw new ParameterError('Name', 'The group name is empty', 'Enter a name');
		const body = { name, type: this.getNodeParameter('channelType', i) as string, members: relationListParam(this.getNodeParameter('members', i, ''), 'Members') };
		const data = asObject(await client.call({ method: 'POST', path: '/api/v1/channel/create', body }));
		return { ...data, name, type: body.type };
	},
);

export const get = defineOperation(
	'channel',
	{ name: 'Get', value: 'get', description: 'Get a channel with its members', action: 'Get a channel' },
	[channelLocator()],
	async function (i, client) {
		return asObject(await client.call({ method: 'GET', path: '/api/v1/channel/info', qs: { channelUuid: channelUuidParam(this, i) } }));
	},
);

export const getMembers = defineOperation(
	'channel',
	{ name: 'Get Members', value: 'getMembers', description: 'List the members of a channel, one item per member', action: 'Get channel members' },
	[channelLocator()],
	async function (i, client) {
		const data = await client.call({ method: 'GET', path: '/api/v1/channel/members', qs: { channelUuid: channelUuidParam(this, i) } });
		return Array.isArray(data) ? (data as IDataObject[]) : [];
	},
);

export const isAdmin = defineOperation(
	'channel',
	{ name: 'Is Admin', value: 'isAdmin', description: 'Whether the bot is an admin of the channel', action: 'Check admin rights' },
	[channelLocator()],
	async function (i, client) {
		const channelUuid = channelUuidParam(this, i);
		return { channelUuid, isAdmin: (await client.call({ method: 'GET', path: '/api/v1/channel/isAdmin', qs: { channelUuid } })) === true };
	},
);

export const getAnnouncement = defineOperation(
	'channel',
	{ name: 'Get Announcement', value: 'getAnnouncement', description: 'Get the group announcement', action: 'Get the announcement' },
	[channelLocator()],
	async function (i, client) {
		const channelUuid = channelUuidParam(this, i);
		return { channelUuid, ...asObject(await client.call({ method: 'GET', path: '/api/v1/channel/announcement/get', qs: { channelUuid } })) };
	},
);

export const addMembers = channelAction('addMembers', 'Add Members', 'Add users to a group', 'Add members to a channel', '/api/v1/channel/members/add', [membersField], (ctx, i) => ({
	members: relationListParam(ctx.getNodeParameter('members', i, ''), 'Members'),
}));
export const removeMembers = channelAction('removeMembers', 'Remove Members', 'Remove users from a group (admin only)', 'Remove members from a channel', '/api/v1/channel/members/remove', [membersField], (ctx, i) => ({
	members: relationListParam(ctx.getNodeParameter('members', i, ''), 'Members'),
}));
export const join = channelAction('join', 'Join', 'The bot joins a group', 'Join a channel', '/api/v1/channel/join');
export const leave = channelAction('leave', 'Leave', 'The bot leaves a group', 'Leave a channel', '/api/v1/channel/members/leave');
export const disband = channelAction('disband', 'Disband', 'Dissolve a group (admin only)', 'Disband a channel', '/api/v1/channel/disband');
export const transferOwner = channelAction(
	'transferOwner',
	'Transfer Ownership',
	'Make another member the admin',
	'Transfer channel ownership',
	'/api/v1/channel/ownerTransfer',
	[relationIdField('relationId', 'New Admin Relation ID')],
	(ctx, i) => ({ relationId: relationIdParam(ctx, i, 'relationId', 'New Admin Relation ID') }),
);
export const updateAnnouncement = channelAction(
	'updateAnnouncement',
	'Update Announcement',
	'Set the group announcement (admin only)',
	'Update the announcement',
	'/api/v1/channel/announcement/update',
	[
		{ displayName: 'Announcement', name: 'announcement', type: 'string', typeOptions: { rows: 3 }, default: '' },
		{ displayName: 'Pin Announcement', name: 'pinAnnouncement', type: 'boolean', default: false, description: 'Whether to pin it at the top of the chat' },
	],
	(ctx, i) => ({ announcement: String(ctx.getNodeParameter('announcement', i, '')), pinAnnouncement: ctx.getNodeParameter('pinAnnouncement', i, false) as boolean }),
);
export const rename = channelAction('rename', 'Rename', 'Rename a group', 'Rename a channel', '/api/v1/channel/update', [{ displayName: 'New Name', name: 'channelName', type: 'string', default: '', required: true }], (ctx, i) => {
	const channelName = String(ctx.getNodeParameter('channelName', i, '')).trim();
	if (!channelName) throw new ParameterError('New Name', 'The new name is empty', 'Enter a name');
	return { channelName };
});
