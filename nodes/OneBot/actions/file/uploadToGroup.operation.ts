import type { IDataObject } from 'n8n-workflow';

import { asObject, groupIdParam, optionsParam } from '../../helpers/params';
import { groupLocator } from '../common.description';
import { defineOperation } from '../operation';
import { fileSourceFields, uploadFileParams } from './upload';

export const uploadToGroup = defineOperation(
	'file',
	{ name: 'Upload to Group', value: 'uploadToGroup', description: 'Upload a file to a group\'s files', action: 'Upload a file to a group' },
	[
		groupLocator('Group to upload to'),
		...fileSourceFields,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Folder',
					name: 'folder',
					type: 'string',
					default: '',
					description: 'Folder ID in the group files (root when empty)',
				},
			],
		},
	],
	async function (i, client) {
		const groupId = groupIdParam(this, i);
		const body: IDataObject = { group_id: groupId, ...(await uploadFileParams(this, i, client)) };
		const folder = String(optionsParam(this, i).folder ?? '').trim();
		if (folder) body.folder = folder;
		const data = asObject(await client.call('upload_group_file', body, { timeoutMs: 300_000 }));
		return { success: true, group_id: groupId, name: body.name, ...data };
	},
);
