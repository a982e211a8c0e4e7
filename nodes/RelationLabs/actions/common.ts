import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ParameterError } from '../../shared/errors';

export const channelLocator = (description = 'The group or one-to-one chat'): INodeProperties => ({
	displayName: 'Channel',
	name: 'channelUuid',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description,
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchChannels', searchable: true } },
		{
			displayName: 'By UUID',
			name: 'id',
			type: 'string',
			placeholder: '4f326124812c41448bc587bf6b2eaf42',
			validation: [{ type: 'regex', properties: { regex: '^\\s*[0-9a-fA-F-]{8,64}\\s*$', errorMessage: 'Enter the channel UUID (hex)' } }],
		},
	],
});

export const relationIdField = (name = 'relationId', displayName = 'Relation ID', description = 'The user\'s relationId (or a web3 address)'): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	required: true,
	placeholder: 'dhkyq-sqaaa-aaaaj-sgz3q-cai',
	description,
});

export { returnAllFields } from '../../shared/descriptions';

export function channelUuidParam(ctx: IExecuteFunctions, i: number, name = 'channelUuid', label = 'Channel'): string {
	const value = String(ctx.getNodeParameter(name, i, '', { extractValue: true }) ?? '').trim();
	if (!value) throw new ParameterError(label, 'The channel UUID is empty', 'Pick a channel or enter its UUID');
	if (!/^[0-9a-fA-F-]{8,64}$/.test(value)) throw new ParameterError(label, `"${value}" is not a channel UUID`, 'A channel UUID is hex, e.g. 4f326124812c41448bc587bf6b2eaf42');
	return value;
}

export function relationIdParam(ctx: IExecuteFunctions, i: number, name = 'relationId', label = 'Relation ID'): string {
	const value = String(ctx.getNodeParameter(name, i, '') ?? '').trim();
	if (!value) throw new ParameterError(label, `${label} is empty`, 'Enter the user\'s relationId');
	return value;
}

export function relationListParam(value: unknown, label: string): string[] {
	const list = String(value ?? '')
		.split(/[\s,;]+/)
		.map((s) => s.trim())
		.filter(Boolean);
	if (!list.length) throw new ParameterError(label, `${label} is empty`, 'Enter one or more relationIds, separated by commas');
	return list;
}

export function limitParam(ctx: IExecuteFunctions, i: number): number | undefined {
	return ctx.getNodeParameter('returnAll', i, false) ? undefined : Math.max(1, Number(ctx.getNodeParameter('limit', i, 50)));
}

export const asObject = (data: unknown): IDataObject => (data && typeof data === 'object' && !Array.isArray(data) ? (data as IDataObject) : {});
