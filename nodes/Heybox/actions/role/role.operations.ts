import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ParameterError } from '../../../shared/errors';
import { readId } from '../../../shared/ids';
import { newAckId } from '../../../shared/idempotency';
import { roomLocator, userIdField } from '../common.description';
import { defineOperation } from '../operation';
import { listOf, roomIdParam, userIdParam } from '../params';
import { permissionMask, permissionNames } from './permissions';
import { roleFields, roleIdField } from './role.description';

function withNames(role: IDataObject): IDataObject {
	return { ...role, permission_names: permissionNames(role.permissions) };
}

function colorNumber(value: unknown): number {
	const hex = String(value ?? '').replace(/^#/, '');
	return /^[0-9a-f]{6}$/i.test(hex) ? parseInt(hex, 16) : 0;
}

function roleBody(ctx: IExecuteFunctions, i: number): Record<string, unknown> {
	const name = String(ctx.getNodeParameter('name', i, '')).trim();
	if (!name) throw new ParameterError('Name', 'The role name is empty', 'Enter a name');
	const options = ctx.getNodeParameter('roleOptions', i, {}) as IDataObject;
	const color = colorNumber(options.color);
	return {
		name,
		icon: String(options.icon ?? ''),
		color_list: [color],
		room_id: roomIdParam(ctx, i),
		permissions: permissionMask(ctx.getNodeParameter('permissions', i, []) as number[], String(options.rawMask ?? '')),
		type: 0,
		color,
		hoist: options.hoist ? 1 : 0,
	};
}

/** Create/update answer `result.role` in most SDKs and the Role itself in one: read both. */
const roleOf = (result: IDataObject) => withNames(((result.role as IDataObject | undefined) ?? result) as IDataObject);

export const getRoles = defineOperation(
	'role',
	{ name: 'Get Many', value: 'getMany', description: 'List the roles of a room', action: 'Get many roles' },
	[roomLocator()],
	async function (i, client) {
		const result = await client.call({ method: 'GET', path: '/chatroom/v2/room_role/roles', qs: { room_id: roomIdParam(this, i) } });
		return listOf(result, 'roles').map(withNames);
	},
);

export const createRole = defineOperation(
	'role',
	{ name: 'Create', value: 'create', description: 'Create a role', action: 'Create a role' },
	[roomLocator(), ...roleFields],
	async function (i, client) {
		// `nonce` makes a repeated create (after a lost answer) harmless.
		const body = { ...roleBody(this, i), nonce: newAckId() };
		return roleOf(await client.call({ method: 'POST', path: '/chatroom/v2/room_role/create', body, safety: 'ackKey' }));
	},
);

export const updateRole = defineOperation(
	'role',
	{ name: 'Update', value: 'update', description: 'Change a role\'s name, permissions or look', action: 'Update a role' },
	[roomLocator(), roleIdField, ...roleFields],
	async function (i, client) {
		const roleId = readId(this.getNodeParameter('roleId', i, ''), 'Role ID', 'role ID');
		const roomId = roomIdParam(this, i);
		// Heybox wants the whole role on update: start from the current one, change what is set.
		const roles = listOf(await client.call({ method: 'GET', path: '/chatroom/v2/room_role/roles', qs: { room_id: roomId } }), 'roles');
		const current = roles.find((r) => String(r.id) === roleId);
		if (!current) throw new ParameterError('Role ID', `The room has no role ${roleId}`, 'Pick a role from Role › Get Many');
		const options = this.getNodeParameter('roleOptions', i, {}) as IDataObject;
		const bits = this.getNodeParameter('permissions', i, []) as number[];
		const name = String(this.getNodeParameter('name', i, '')).trim();
		const color = options.color !== undefined ? colorNumber(options.color) : Number(current.color ?? 0);
		const body = {
			id: roleId,
			name: name || String(current.name ?? ''),
			icon: options.icon !== undefined ? String(options.icon) : String(current.icon ?? ''),
			color_list: options.color !== undefined ? [color] : ((current.color_list as number[] | undefined) ?? [color]),
			room_id: roomId,
			permissions: bits.length || options.rawMask ? permissionMask(bits, String(options.rawMask ?? '')) : String(current.permissions ?? '0'),
			type: 0,
			color,
			hoist: options.hoist !== undefined ? (options.hoist ? 1 : 0) : Number(current.hoist ?? 0),
			position: options.position !== undefined ? Number(options.position) : Number(current.position ?? 0),
		};
		return roleOf(await client.call({ method: 'POST', path: '/chatroom/v2/room_role/update', body, safety: 'repeatable' }));
	},
);

export const deleteRole = defineOperation(
	'role',
	{ name: 'Delete', value: 'delete', description: 'Delete a role', action: 'Delete a role' },
	[roomLocator(), roleIdField],
	async function (i, client) {
		const body = { role_id: readId(this.getNodeParameter('roleId', i, ''), 'Role ID', 'role ID'), room_id: roomIdParam(this, i) };
		await client.call({ method: 'POST', path: '/chatroom/v2/room_role/delete', body, safety: 'repeatable' });
		return { deleted: true, ...body };
	},
);

function grantOperation(value: 'grant' | 'revoke') {
	return defineOperation(
		'role',
		value === 'grant'
			? { name: 'Grant to User', value, description: 'Give a member a role', action: 'Grant a role to a user' }
			: { name: 'Revoke From User', value, description: 'Take a role from a member', action: 'Revoke a role from a user' },
		[roomLocator(), roleIdField, userIdField()],
		async function (i, client) {
			const body = {
				to_user_id: userIdParam(this, i),
				role_id: readId(this.getNodeParameter('roleId', i, ''), 'Role ID', 'role ID'),
				room_id: roomIdParam(this, i),
			};
			const result = await client.call({ method: 'POST', path: `/chatroom/v2/room_role/${value}`, body, safety: 'repeatable' });
			const user = (result.user ?? {}) as IDataObject;
			// The role list is `roles` in some SDKs and `role` in others.
			const roles = (user.roles ?? user.role ?? []) as string[];
			return { success: true, room_id: body.room_id, role_id: body.role_id, to_user_id: Number(body.to_user_id), roles };
		},
	);
}

export const grantRole = grantOperation('grant');
export const revokeRole = grantOperation('revoke');
