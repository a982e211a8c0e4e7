import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ParameterError } from '../../shared/errors';
import { readAccountId, readId } from '../../shared/ids';
import { customNode, normalizeSegmentIds, parseCqString, referenceNode, validateSegments, type ForwardNode, type OneBotSegment } from '../message';
import { asParameterError, readJsonParameter } from './composer';

function nodeContent(entry: IDataObject, n: number): OneBotSegment[] {
	const format = String(entry.contentFormat ?? 'text');
	const content = String(entry.content ?? '');
	const field = `Nodes › Node ${n + 1} › Content`;
	if (content === '') throw new ParameterError(field, `Forward node ${n + 1} has no content`, 'Enter the message of this node');
	try {
		if (format === 'text') return [{ type: 'text', data: { text: content } }];
		if (format === 'cqCode') return normalizeSegmentIds(validateSegments(parseCqString(content), 'content'));
		return validateSegments(readJsonParameter(content, field), 'content');
	} catch (error) {
		return asParameterError(error, field);
	}
}

/** Builds the `messages` node list of a forward send from the forward fields. */
export function composeForward(ctx: IExecuteFunctions, i: number): ForwardNode[] {
	const mode = ctx.getNodeParameter('forwardMode', i) as string;
	if (mode === 'existing') {
		const raw = String(ctx.getNodeParameter('forwardMessageIds', i, ''));
		const ids = raw.split(/[\s,]+/).filter(Boolean);
		if (!ids.length) throw new ParameterError('Message IDs', 'No message IDs given', 'Enter the IDs of the messages to forward');
		return ids.map((id) => referenceNode(readId(id, 'Message IDs', 'Message ID')));
	}
	const entries = ((ctx.getNodeParameter('forwardNodes', i, {}) as IDataObject).node ?? []) as IDataObject[];
	if (!entries.length) throw new ParameterError('Nodes', 'The forward message has no nodes', 'Add at least one node');
	return entries.map((entry, n) => {
		const nickname = String(entry.nickname ?? '').trim();
		if (!nickname) throw new ParameterError(`Nodes › Node ${n + 1} › Nickname`, `Forward node ${n + 1} has no nickname`, 'Enter the sender name');
		const userId = readAccountId(String(entry.userId ?? ''), `Nodes › Node ${n + 1} › User ID`, 'sender QQ number');
		return customNode(nickname, userId, nodeContent(entry, n));
	});
}

/** NapCat/LLOneBot display extras; other implementations ignore unknown fields. */
export function forwardExtras(options: IDataObject): IDataObject {
	const extras: IDataObject = {};
	for (const key of ['source', 'summary', 'prompt']) {
		if (typeof options[key] === 'string' && options[key]) extras[key] = options[key];
	}
	return extras;
}
