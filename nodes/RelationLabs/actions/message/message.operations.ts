import type { IDataObject } from 'n8n-workflow';

import { ParameterError } from '../../../shared/errors';
import { readId } from '../../../shared/ids';
import { newSendUuid } from '../../../shared/idempotency';
import { throttle } from '../../../shared/rateLimit';
import { ratePerMinute, throughputOptions } from '../../../shared/sendOptions';
import { asObject, channelLocator, channelUuidParam, limitParam, relationIdField, relationListParam, returnAllFields } from '../common';
import { defineOperation } from '../operation';

const targetFields = [
	{
		displayName: 'Send To',
		name: 'target',
		type: 'options' as const,
		options: [
			{ name: 'Channel (Group or Chat)', value: 'channel' },
			{ name: 'User (Direct Message)', value: 'user' },
		],
		default: 'channel',
	},
	{ ...channelLocator(), displayOptions: { show: { target: ['channel'] } } },
	{ ...relationIdField('toRelationId', 'Recipient Relation ID', 'The relationId of the recipient; the one-to-one chat is created if needed'), displayOptions: { show: { target: ['user'] } } },
];

function target(ctx: Parameters<typeof channelUuidParam>[0], i: number): IDataObject {
	if (ctx.getNodeParameter('target', i) === 'user') {
		const to = String(ctx.getNodeParameter('toRelationId', i, '')).trim();
		if (!to) throw new ParameterError('Recipient Relation ID', 'A message needs a channel UUID or a recipient relationId', 'Enter the recipient\'s relationId');
		return { toRelationId: to };
	}
	return { channelUuid: channelUuidParam(ctx, i) };
}

export const send = defineOperation(
	'message',
	{ name: 'Send', value: 'send', description: 'Send a message to a group, a chat or a user', action: 'Send a message' },
	[
		...targetFields,
		{
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: [
				{ name: 'Text', value: 'TEXT' },
				{ name: 'Card', value: 'CARD', description: 'Content is the card JSON as text' },
				{ name: 'System', value: 'SYS' },
				{ name: 'Custom', value: 'custom', description: 'Your own type name' },
			],
			default: 'TEXT',
		},
		{ displayName: 'Custom Type', name: 'customType', type: 'string', default: '', required: true, displayOptions: { show: { type: ['custom'] } } },
		{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 4 }, default: '', required: true },
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				...throughputOptions,
				{ displayName: 'Mentioned Users', name: 'mentionedUser', type: 'string', default: '', description: 'RelationIds to mention, separated by commas' },
				{ displayName: 'Quote Message ID', name: 'quoteId', type: 'string', default: '', description: 'The 19-digit ID of the message to quote' },
				{ displayName: 'Send UUID', name: 'sendUuid', type: 'string', default: '', description: 'Your own idempotency key; by default one is made per message and reused on retries' },
			],
		},
	],
	async function (i, client) {
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const type = this.getNodeParameter('type', i) === 'custom' ? String(this.getNodeParameter('customType', i, '')).trim() : String(this.getNodeParameter('type', i));
		if (!type) throw new ParameterError('Custom Type', 'The message type is empty', 'Enter a type name');
		const content = String(this.getNodeParameter('content', i, ''));
		if (!content) throw new ParameterError('Content', 'The message content is empty', 'Enter the message');
		const body: Record<string, unknown> = { ...target(this, i), type, content, sendUuid: String(options.sendUuid ?? '').trim() || newSendUuid() };
		// quoteId is a string of digits: as a JSON number a 19-digit ID would lose digits.
		if (String(options.quoteId ?? '').trim()) body.quoteId = readId(String(options.quoteId), 'Options › Quote Message ID', 'message ID');
		if (String(options.mentionedUser ?? '').trim()) body.mentionedUser = relationListParam(options.mentionedUser, 'Options › Mentioned Users');
		await throttle(client, ratePerMinute(options));
		const data = asObject(await client.call({ method: 'POST', path: '/api/v1/message/send', body, safety: 'ackKey' }));
		return { ...data, id: data.id === undefined ? undefined : String(data.id), sendUuid: body.sendUuid as string };
	},
	'options.concurrency',
);

export const getMany = defineOperation(
	'message',
	{ name: 'Get Many', value: 'getMany', description: 'Messages of a chat, newest first', action: 'Get many messages' },
	[...targetFields, ...returnAllFields],
	async function (i, client) {
		const where = target(this, i);
		const limit = limitParam(this, i);
		const out: IDataObject[] = [];
		const seen = new Set<string>();
		// a minute ahead: a server clock running ahead of ours hides nothing
		let maxCreateAt = Date.now() + 60_000;
		for (;;) {
			const page = (await client.call({ method: 'GET', path: '/api/v1/message/list', qs: { ...where, maxCreateAt, limit: 50 } })) as IDataObject[] | null;
			const fresh = (page ?? []).filter((m) => !seen.has(String(m.id)));
			for (const m of fresh) seen.add(String(m.id));
			out.push(...fresh);
			if (!fresh.length || (page ?? []).length < 50 || (limit !== undefined && out.length >= limit)) break;
			maxCreateAt = Math.min(...fresh.map((m) => Number(m.createAt)));
		}
		return limit === undefined ? out : out.slice(0, limit);
	},
);

export const markAsRead = defineOperation(
	'message',
	{ name: 'Mark as Read', value: 'markAsRead', description: 'Mark messages of a chat as read', action: 'Mark messages as read' },
	[channelLocator(), { displayName: 'Count', name: 'total', type: 'number', typeOptions: { minValue: 1 }, default: 1, description: 'How many messages were read' }],
	async function (i, client) {
		const body = { channelUuid: channelUuidParam(this, i), total: Number(this.getNodeParameter('total', i, 1)) };
		const data = await client.call({ method: 'POST', path: '/api/v1/message/read', body, safety: 'repeatable' });
		return { success: Number(data) === 1, ...body };
	},
);

export const hide = defineOperation(
	'message',
	{ name: 'Hide', value: 'hide', description: 'Hide a message the bot sent (there is no recall or edit)', action: 'Hide a message' },
	[{ displayName: 'Message ID', name: 'messageId', type: 'string', default: '', required: true, placeholder: '1579309168845799425' }],
	async function (i, client) {
		const id = readId(this.getNodeParameter('messageId', i, ''), 'Message ID', 'message ID');
		await client.call({ method: 'POST', path: '/api/v1/message/hide', body: { id }, safety: 'repeatable' });
		return { hidden: true, id };
	},
);

export const unreadCount = defineOperation(
	'message',
	{ name: 'Get Unread Count', value: 'unreadCount', description: 'How many messages and mentions are unread', action: 'Get the unread count' },
	[],
	async function (_i, client) {
		return asObject(await client.call({ method: 'GET', path: '/api/v1/message/unreadCount' }));
	},
);
