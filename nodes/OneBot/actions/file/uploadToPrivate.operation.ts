import { asObject, userIdParam } from '../../helpers/params';
import { userLocator } from '../common.description';
import { defineOperation } from '../operation';
import { fileSourceFields, uploadFileParams } from './upload';

export const uploadToPrivate = defineOperation(
	'file',
	{ name: 'Upload to Private Chat', value: 'uploadToPrivate', description: 'Send a file to a user', action: 'Upload a file to a private chat' },
	[userLocator('Who receives the file'), ...fileSourceFields],
	async function (i, client) {
		const userId = userIdParam(this, i);
		const params = await uploadFileParams(this, i, client);
		const data = asObject(await client.call('upload_private_file', { user_id: userId, ...params }, { timeoutMs: 300_000 }));
		return { success: true, user_id: userId, name: params.name, ...data };
	},
);
