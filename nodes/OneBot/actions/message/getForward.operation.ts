import type { IDataObject } from 'n8n-workflow';

import { readId } from '../../../shared/ids';
import { normalizeForwardMessages, segmentsToPlainText } from '../../message';
import { defineOperation } from '../operation';

export const getForward = defineOperation(
	'message',
	{
		name: 'Get Forward',
		value: 'getForward',
		description: 'Get the messages inside a merged-forward message, one item per message',
		action: 'Get a forward message',
	},
	[
		{
			displayName: 'Forward ID',
			name: 'forwardId',
			type: 'string',
			default: '',
			required: true,
			description: 'The forward ID: the ID of a forward segment, or forward_id / res_id from a forward send',
		},
	],
	async function (i, client) {
		const raw = String(this.getNodeParameter('forwardId', i, '')).trim();
		const id = /^-?\d+$/.test(raw) ? readId(raw, 'Forward ID', 'forward ID') : raw;
		if (!id) readId('', 'Forward ID', 'forward ID');
		// `id` is the spec's name (Lagrange reads only it); go-cqhttp, NapCat, LLOneBot also take message_id.
		const data = await client.call('get_forward_msg', { id, message_id: id });
		return normalizeForwardMessages(data).map(
			(entry, index): IDataObject => ({
				index,
				sender: entry.sender as IDataObject,
				time: entry.time,
				text: segmentsToPlainText(entry.content),
				content: entry.content as unknown as IDataObject[],
			}),
		);
	},
);
