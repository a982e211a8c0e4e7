import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { newAckId } from '../../shared/idempotency';
import { RateLimiter } from '../../shared/rateLimit';

/** Options of the sends. */
export const sendOptions = (channel: boolean): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
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

const limiters = new WeakMap<object, RateLimiter>();

/** One limiter per execution (keyed by the client), shared by all items. */
export async function throttle(key: object, options: IDataObject): Promise<void> {
	const perMinute = Number(options.maxPerMinute ?? 0);
	if (!(perMinute > 0)) return;
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new RateLimiter(perMinute);
		limiters.set(key, limiter);
	}
	await limiter.take();
}
