import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readBinary } from '../../shared/binary';
import { ParameterError } from '../../shared/errors';
import { parseJsonLossless } from '../../shared/json';
import {
	CqSyntaxError,
	mediaFileValue,
	normalizeSegmentIds,
	parseCqString,
	SegmentError,
	validateSegments,
	type OneBotSegment,
} from '../message';

const MEDIA = new Set(['image', 'record', 'video', 'file']);

/** Rethrows protocol errors as a ParameterError naming the node field. */
export function asParameterError(error: unknown, field: string): never {
	if (error instanceof CqSyntaxError) {
		throw new ParameterError(field, `Malformed CQ code at character ${error.position}: ${error.message}`, 'Write codes as [CQ:type,key=value] and escape & [ ] , as &amp; &#91; &#93; &#44;');
	}
	if (error instanceof SegmentError) {
		throw new ParameterError(`${field} (${error.path})`, error.message, 'Each segment is {"type": "...", "data": {...}}');
	}
	if (error instanceof SyntaxError) {
		throw new ParameterError(field, `Not valid JSON: ${error.message}`, 'Check quotes, commas and brackets');
	}
	throw error;
}

/** A refused media value (URL, path, base64) as a ParameterError on the field that holds it. */
export function mediaParameterError(error: unknown, field: string, hint: string): never {
	if (error instanceof SegmentError) throw new ParameterError(field, error.reason, hint);
	throw error;
}

const MEDIA_HINTS: Record<string, string> = {
	url: 'Enter an http(s):// or file:// URL',
	path: 'Enter an absolute path on the machine running the OneBot implementation',
	base64: 'Enter base64 data (a data: URI or base64:// prefix is fine)',
};

/** Reads a JSON parameter that may arrive as text or as an already-parsed value. */
export function readJsonParameter(value: unknown, field: string): unknown {
	if (typeof value !== 'string') return value;
	if (!value.trim()) throw new ParameterError(field, 'The JSON is empty', 'Enter a segment array');
	try {
		return parseJsonLossless(value);
	} catch (error) {
		return asParameterError(error, field);
	}
}

async function segmentFromEntry(ctx: IExecuteFunctions, i: number, entry: IDataObject, n: number): Promise<OneBotSegment> {
	const type = String(entry.type ?? 'text');
	const value = String(entry.value ?? '');
	const field = `Segments › Segment ${n + 1} › Value`;
	if (MEDIA.has(type)) {
		const source = String(entry.mediaSource ?? 'url');
		const data: IDataObject = {};
		let fileName = String(entry.fileName ?? '').trim();
		if (source === 'binary') {
			const file = await readBinary(ctx, i, String(entry.binaryProperty ?? 'data'), `Segments › Segment ${n + 1} › Input Binary Property`);
			data.file = `base64://${file.data.toString('base64')}`;
			fileName ||= file.fileName ?? '';
		} else {
			if (!value.trim()) throw new ParameterError(field, `Segment ${n + 1} (${type}) needs a ${source === 'url' ? 'URL' : source === 'path' ? 'file path' : 'base64 value'}`);
			try {
				data.file = mediaFileValue(source as 'url' | 'path' | 'base64', value.trim());
			} catch (error) {
				mediaParameterError(error, field, MEDIA_HINTS[source] ?? 'Check the value');
			}
		}
		if (fileName && (type === 'file' || type === 'image' || type === 'video')) data.name = fileName;
		return { type, data };
	}
	switch (type) {
		case 'text':
			if (value === '') throw new ParameterError(field, `Segment ${n + 1} (text) is empty`, 'Enter the text or remove the segment');
			return { type, data: { text: value } };
		case 'at':
			return { type, data: { qq: value.trim() } };
		case 'reply':
		case 'face':
			return { type, data: { id: value.trim() } };
		case 'json':
			try {
				JSON.parse(value);
			} catch (error) {
				asParameterError(error, field);
			}
			return { type, data: { data: value } };
		default:
			throw new ParameterError(`Segments › Segment ${n + 1} › Type`, `Unknown segment type "${type}"`);
	}
}

/**
 * Builds the segment array of a send from the composer fields (see composer.description.ts),
 * validated before anything is sent. `replyTo` puts a reply segment first.
 */
export async function composeMessage(ctx: IExecuteFunctions, i: number, replyTo?: string): Promise<OneBotSegment[]> {
	const mode = ctx.getNodeParameter('messageMode', i) as string;
	let segments: OneBotSegment[];
	try {
		switch (mode) {
			case 'text': {
				const text = ctx.getNodeParameter('text', i, '') as string;
				if (text === '') throw new ParameterError('Text', 'The message text is empty', 'Enter the text to send');
				segments = [{ type: 'text', data: { text } }];
				break;
			}
			case 'segments': {
				const entries = ((ctx.getNodeParameter('segments', i, {}) as IDataObject).segment ?? []) as IDataObject[];
				if (!entries.length) throw new ParameterError('Segments', 'The message has no segments', 'Add at least one segment');
				segments = [];
				for (const [n, entry] of entries.entries()) segments.push(await segmentFromEntry(ctx, i, entry, n));
				segments = validateSegments(segments, 'segments');
				break;
			}
			case 'cqCode': {
				const cq = ctx.getNodeParameter('cqCode', i, '') as string;
				if (!cq.trim()) throw new ParameterError('CQ Code', 'The CQ code is empty', 'Enter the message');
				segments = validateSegments(parseCqString(cq), 'message');
				break;
			}
			case 'json':
				segments = validateSegments(readJsonParameter(ctx.getNodeParameter('messageJson', i), 'Message JSON'), 'message');
				break;
			default:
				throw new ParameterError('Message Format', `Unknown message format "${mode}"`);
		}
	} catch (error) {
		const field = { text: 'Text', segments: 'Segments', cqCode: 'CQ Code', json: 'Message JSON' }[mode] ?? 'Message';
		return asParameterError(error, field);
	}
	if (replyTo) segments = [{ type: 'reply', data: { id: replyTo } }, ...segments.filter((s) => s.type !== 'reply')];
	// Built from fields: IDs go out as JSON numbers, as in the OneBot examples. JSON input is sent as given.
	return mode === 'json' && !replyTo ? segments : normalizeSegmentIds(segments);
}
