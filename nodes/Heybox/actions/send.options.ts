import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { newAckId } from '../../shared/idempotency';
import { throttle as throttleShared } from '../../shared/rateLimit';
import { ratePerMinute, throughputOptions } from '../../shared/sendOptions';

/** Options of the sends. */
export const sendOptions = (channel: boolean): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		...throughputOptions,
		{
			displayName: 'Ack ID',
			name: 'ackId',
			type: 'string',
			default: '',
			description:
				'Your own heychat_ack_id (idempotency key). By default a unique one is made per message and reused on retries, so a retried send is never posted twice.',
		},
		{
			displayName: 'Convert Line Breaks',
			name: 'convertLineBreaks',
			type: 'boolean',
			default: false,
			description: 'Whether to turn single line breaks into the blank lines Heybox markdown needs',
		},
		{
			displayName: 'Max Sends per Minute',
			name: 'maxPerMinute',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description: `Spread the sends of this execution evenly (0 = as fast as allowed). Heybox allows about 300 requests per minute${channel ? '' : ' and 9 private messages per minute'}; rate-limited sends are retried anyway.`,
		},
		...(channel
			? [
					{
						displayName: 'Reply To Message ID',
						name: 'replyTo',
						type: 'string' as const,
						default: '',
						description: 'Quote this message (its msg_id)',
					},
				]
			: []),
	],
});

export function ackIdOption(options: IDataObject): string {
	const custom = String(options.ackId ?? '').trim();
	return custom || newAckId();
}

/** One rate per execution (keyed by the client), shared by all items: the stricter of the two options. */
export async function throttle(key: object, options: IDataObject): Promise<void> {
	const rates = [Number(options.maxPerMinute ?? 0), ratePerMinute(options)].filter((r) => r > 0);
	await throttleShared(key, rates.length ? Math.min(...rates) : 0);
}
