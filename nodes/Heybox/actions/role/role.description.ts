import type { INodeProperties } from 'n8n-workflow';

import { byName } from '../../../shared/operation';
import { PERMISSION_BITS } from './permissions';

export const roleIdField: INodeProperties = {
	displayName: 'Role ID',
	name: 'roleId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '3663316788343832578',
};

export const roleFields: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Role name (on update: empty keeps the current name)' },
	{
		displayName: 'Permissions',
		name: 'permissions',
		type: 'multiOptions',
		options: PERMISSION_BITS.map(([bit, name]) => ({ name, value: bit })).sort(byName),
		default: [],
		description: 'What members with this role may do (sent as a decimal bitmask)',
	},
	{
		displayName: 'Role Options',
		name: 'roleOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ displayName: 'Color', name: 'color', type: 'color', default: '#4A90D9' },
			{ displayName: 'Icon URL', name: 'icon', type: 'string', default: '' },
			{ displayName: 'Permissions (Raw Mask)', name: 'rawMask', type: 'string', default: '', description: 'A decimal bitmask added to the chosen permissions' },
			{ displayName: 'Position', name: 'position', type: 'number', default: 0, description: 'Update only: the role\'s position in the list' },
			{ displayName: 'Show Separately', name: 'hoist', type: 'boolean', default: false, description: 'Whether members with this role are listed apart' },
		],
	},
];
