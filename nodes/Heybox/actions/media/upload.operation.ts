import { readBinary } from '../../../shared/binary';
import { imageSize } from '../../message';
import { defineOperation } from '../operation';

export const upload = defineOperation(
	'media',
	{ name: 'Upload', value: 'upload', description: 'Upload a file to the Heybox CDN and get its URL', action: 'Upload a media file' },
	[
		{
			displayName: 'Input Binary Property',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			description: 'Name of the binary property holding the file',
		},
	],
	async function (i, client) {
		const file = await readBinary(this, i, String(this.getNodeParameter('binaryPropertyName', i, 'data')), 'Input Binary Property');
		const url = await client.upload(file.data, file.fileName ?? 'file', file.mimeType);
		return { url, fileName: file.fileName, mimeType: file.mimeType, size: file.data.length, ...(imageSize(file.data) ?? {}) };
	},
);
