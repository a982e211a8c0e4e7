import type { IExecuteFunctions } from 'n8n-workflow';

import { ParameterError } from './errors';

export interface BinaryFile {
	data: Buffer;
	fileName?: string;
	mimeType: string;
}

/**
 * Reads a binary property of an input item through n8n's binary data service (works in
 * memory, filesystem, S3 and database modes). A missing property is a ParameterError.
 */
export async function readBinary(ctx: IExecuteFunctions, itemIndex: number, property: string, field: string): Promise<BinaryFile> {
	const name = property.trim();
	const item = ctx.getInputData()[itemIndex];
	const available = Object.keys(item?.binary ?? {});
	if (!name || !item?.binary?.[name]) {
		throw new ParameterError(
			field,
			`Input item has no binary property "${name}"`,
			available.length
				? `Binary properties on this item: ${available.join(', ')}`
				: 'This item has no binary data: add a node that reads or downloads a file before this one',
		);
	}
	const meta = ctx.helpers.assertBinaryData(itemIndex, name);
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
	return { data, fileName: meta.fileName, mimeType: meta.mimeType };
}
