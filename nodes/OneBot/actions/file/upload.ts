import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readBinary } from '../../../shared/binary';
import { ParameterError } from '../../../shared/errors';
import { mediaFileValue } from '../../message';
import { mediaParameterError } from '../../helpers/composer';
import type { OneBotClient } from '../../transport';

export const fileSourceFields: INodeProperties[] = [
	{
		displayName: 'File Source',
		name: 'fileSource',
		type: 'options',
		options: [
			{ name: 'Binary Property', value: 'binary', description: 'A file from an earlier node (sent as base64)' },
			{ name: 'URL', value: 'url', description: 'An http(s):// or file:// URL the OneBot server can read' },
			{ name: 'File Path', value: 'path', description: 'A path on the machine running the OneBot implementation' },
			{ name: 'Base64', value: 'base64', description: 'Base64 data' },
		],
		default: 'binary',
		description: 'Where the file comes from. Go-cqhttp and Lagrange accept only a file path.',
	},
	{
		displayName: 'Input Binary Property',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Name of the binary property holding the file',
		displayOptions: { show: { fileSource: ['binary'] } },
	},
	{
		displayName: 'File URL',
		name: 'fileUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/report.pdf',
		displayOptions: { show: { fileSource: ['url'] } },
	},
	{
		displayName: 'File Path',
		name: 'filePath',
		type: 'string',
		default: '',
		required: true,
		placeholder: '/data/report.pdf',
		displayOptions: { show: { fileSource: ['path'] } },
	},
	{
		displayName: 'Base64 Data',
		name: 'fileBase64',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { fileSource: ['base64'] } },
	},
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		description: 'Name shown in the chat; defaults to the binary file name or the last part of the path/URL',
	},
];

const UPLOAD_HINTS: Record<string, string> = {
	url: 'Enter an http(s):// or file:// URL the OneBot server can read',
	path: 'Enter an absolute path on the machine running the OneBot implementation, e.g. /data/report.pdf',
	base64: 'Enter base64 data (a data: URI or base64:// prefix is fine)',
};

/** An absolute local path (a file:// URI is turned back into one). */
function localPath(value: string): string {
	if (/^file:\/\//i.test(value)) {
		const uri = mediaFileValue('path', value);
		const decoded = decodeURIComponent(uri.replace(/^file:\/\/(localhost)?/i, ''));
		return /^\/[A-Za-z]:\//.test(decoded) ? decoded.slice(1) : decoded;
	}
	mediaFileValue('path', value); // validates: absolute, not relative
	return value;
}

/** `file` and `name` of an upload action, validated before anything is sent. */
export async function uploadFileParams(ctx: IExecuteFunctions, i: number, client: OneBotClient): Promise<IDataObject> {
	const source = ctx.getNodeParameter('fileSource', i) as string;
	let name = String(ctx.getNodeParameter('fileName', i, '')).trim();
	let file: string;
	if (source !== 'path') {
		const implementation = await client.implementation();
		if (implementation === 'gocqhttp' || implementation === 'lagrange') {
			throw new ParameterError(
				'File Source',
				`${implementation === 'gocqhttp' ? 'go-cqhttp' : 'Lagrange'} uploads files only from a local path`,
				'Set File Source to File Path (a path on the OneBot machine), or use NapCat / LLOneBot',
			);
		}
	}
	if (source === 'binary') {
		const binary = await readBinary(ctx, i, String(ctx.getNodeParameter('binaryPropertyName', i, 'data')), 'Input Binary Property');
		file = `base64://${binary.data.toString('base64')}`;
		name ||= binary.fileName ?? '';
	} else {
		const field = { url: 'File URL', path: 'File Path', base64: 'Base64 Data' }[source] ?? 'File';
		const paramName = { url: 'fileUrl', path: 'filePath', base64: 'fileBase64' }[source] ?? 'fileUrl';
		const value = String(ctx.getNodeParameter(paramName, i, '')).trim();
		if (!value) throw new ParameterError(field, `${field} is empty`, 'Enter where the file comes from');
		try {
			// Upload actions take a plain local path (go-cqhttp checks it exists, Lagrange opens it);
			// the file:// form is only for message segments.
			file = source === 'path' ? localPath(value) : mediaFileValue(source as 'url' | 'base64', value);
		} catch (error) {
			return mediaParameterError(error, field, UPLOAD_HINTS[source] ?? 'Check the value');
		}
		if (!name && source !== 'base64') name = decodeURIComponent(value.split(/[?#]/)[0].split(/[\\/]/).pop() ?? '');
	}
	if (!name) throw new ParameterError('File Name', 'The file has no name', 'Set File Name');
	return { file, name };
}
