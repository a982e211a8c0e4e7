import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readBinary } from '../../shared/binary';
import { ParameterError } from '../../shared/errors';
import { parseJsonLossless, stringifyJson } from '../../shared/json';
import { buildCard, CardError, heyboxLineBreaks, imageSize, normalizeCard, type CardModuleInput } from '../message';
import type { HeyboxClient } from '../transport';

export interface MessageContent {
	msgType: number;
	msg: string;
	/** the JSON-string `addition` */
	addition: string;
	img?: string;
}

function cardFromParams(ctx: IExecuteFunctions, i: number): Record<string, unknown> {
	try {
		if (ctx.getNodeParameter('cardSource', i) === 'json') {
			const raw = ctx.getNodeParameter('cardJson', i);
			return normalizeCard(typeof raw === 'string' ? parseJsonLossless(raw) : raw);
		}
		const modules = ((ctx.getNodeParameter('cardModules', i, {}) as IDataObject).module ?? []) as IDataObject[];
		return buildCard(
			modules.map((m) => ({
				...(m as unknown as CardModuleInput),
				endTime: m.endTime ? Math.floor(new Date(String(m.endTime)).getTime() / 1000) : undefined,
			})),
		);
	} catch (error) {
		return cardParameterError(error, ctx.getNodeParameter('cardSource', i) === 'json' ? 'Card JSON' : 'Modules');
	}
}

/** A refused card as a ParameterError on the field that holds it. */
function cardParameterError(error: unknown, field: string): never {
	if (error instanceof CardError) throw new ParameterError(field, error.message, 'See the card structure in the README');
	if (error instanceof SyntaxError) throw new ParameterError(field, `Not valid JSON: ${error.message}`, 'Check quotes, commas and brackets');
	throw error;
}

/**
 * The msg / msg_type / addition / img of a send, from the content fields. Images from binary
 * data are uploaded first; their width and height are read from the file for img_files_info.
 */
export async function readContent(ctx: IExecuteFunctions, i: number, client: HeyboxClient, convertLineBreaks: boolean): Promise<MessageContent> {
	const type = ctx.getNodeParameter('messageType', i) as string;
	if (type === 'markdown') {
		const text = String(ctx.getNodeParameter('text', i, ''));
		if (!text.trim()) throw new ParameterError('Text', 'The message text is empty', 'Enter the text to send');
		return { msgType: 4, msg: convertLineBreaks ? heyboxLineBreaks(text) : text, addition: '{"img_files_info":[]}' };
	}
	if (type === 'card') return { msgType: 20, msg: stringifyJson(cardFromParams(ctx, i)), addition: '{}' };
	if (type !== 'image') throw new ParameterError('Message Type', `Unknown message type "${type}"`);
	let url: string;
	let size: { width: number; height: number } | undefined;
	if (ctx.getNodeParameter('imageSource', i) === 'binary') {
		const file = await readBinary(ctx, i, String(ctx.getNodeParameter('binaryPropertyName', i, 'data')), 'Input Binary Property');
		if (!file.mimeType.startsWith('image/') && !imageSize(file.data)) {
			throw new ParameterError('Input Binary Property', `The binary data is not an image (${file.mimeType})`, 'Pass a PNG, JPEG, GIF or WebP file');
		}
		size = imageSize(file.data);
		url = await client.upload(file.data, file.fileName ?? 'image', file.mimeType);
	} else {
		url = String(ctx.getNodeParameter('imageUrl', i, '')).trim();
		if (!/^https?:\/\//i.test(url)) throw new ParameterError('Image URL', `"${url}" is not an http(s) URL`, 'Enter the image URL');
	}
	const info: IDataObject = { url };
	if (size) Object.assign(info, size);
	return { msgType: 3, msg: '', img: url, addition: stringifyJson({ img_files_info: [info] }) };
}
