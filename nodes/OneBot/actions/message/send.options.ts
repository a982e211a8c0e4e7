import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../shared/ids';
import { concurrencyOption, rateLimitOptions } from '../../../shared/sendOptions';

/** Concurrency, Connection, Rate Limit, Rate Limit Period: the bulk-send options of every OneBot send. */
export const oneBotThroughputOptions: INodeProperties[] = [
	concurrencyOption,
	{
		displayName: 'Connection',
		name: 'connection',
		type: 'options',
		options: [
			{
				name: 'Auto',
				value: 'auto',
				description: 'WebSocket when the credential has a WebSocket URL (HTTP if that connection cannot be opened), else HTTP',
			},
			{ name: 'HTTP', value: 'http', description: 'One HTTP request per message, to the Base URL of the credential' },
			{
				name: 'WebSocket',
				value: 'websocket',
				description:
					'One connection for the whole run, to the WebSocket URL of the credential: much less work per message for bulk sends',
			},
		],
		default: 'auto',
	},
	...rateLimitOptions,
];

/** Options shared by the plain sends. */
export const sendOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		...oneBotThroughputOptions,
		{
			displayName: 'Reply To Message ID',
			name: 'replyTo',
			type: 'string',
			default: '',
			description: 'Quote this message (a reply segment is put first)',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 60000,
			description: 'How long to wait for the server to answer. A timed-out send is not repeated, so nothing is sent twice.',
		},
	],
};

export function replyToOption(options: IDataObject): string | undefined {
	const raw = String(options.replyTo ?? '').trim();
	return raw ? readId(raw, 'Options › Reply To Message ID', 'message ID') : undefined;
}

export function timeoutOption(options: IDataObject): number | undefined {
	return typeof options.timeout === 'number' ? options.timeout : undefined;
}

/** How a send goes out: Options › Connection. */
export function callOptions(options: IDataObject): { timeoutMs?: number; connection: 'auto' | 'http' | 'websocket' } {
	const connection = options.connection === 'websocket' || options.connection === 'http' ? options.connection : 'auto';
	return { timeoutMs: timeoutOption(options), connection };
}
