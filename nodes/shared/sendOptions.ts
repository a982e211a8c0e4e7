import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** Items in flight at once. */
export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 64 },
	default: 1,
	description: 'How many messages may be in flight at once (the output keeps the input order)',
};

/** A smooth rate shared by the items of one execution. */
export const rateLimitOptions: INodeProperties[] = [
	{
		displayName: 'Rate Limit',
		name: 'rateLimit',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'At most this many messages per Rate Limit Period, evenly spaced (0 = no limit)',
	},
	{
		displayName: 'Rate Limit Period',
		name: 'rateLimitPer',
		type: 'options',
		options: [
			{ name: 'Second', value: 'second' },
			{ name: 'Minute', value: 'minute' },
		],
		default: 'minute',
	},
];

/** Options every send operation offers for bulk sends (alphabetical, as in the editor). */
export const throughputOptions: INodeProperties[] = [concurrencyOption, ...rateLimitOptions];

/** The configured rate as messages per minute (0 = none). */
export function ratePerMinute(options: IDataObject): number {
	const rate = Number(options.rateLimit ?? 0);
	if (!(rate > 0)) return 0;
	return options.rateLimitPer === 'second' ? rate * 60 : rate;
}
