import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ParameterError } from '../../../shared/errors';
import { readId } from '../../../shared/ids';
import type { HeyboxClient } from '../../transport';
import { channelLocator, messageIdField, roomLocator } from '../common.description';
import { channelIdParam, roomIdParam } from '../params';

export const reactionFields: INodeProperties[] = [
	roomLocator(),
	channelLocator(),
	messageIdField,
	{
		displayName: 'Emoji',
		name: 'emoji',
		type: 'string',
		default: '[cube_doge]',
		required: true,
		description: 'A built-in emoji like [cube_doge], or a room emoji such as [custom3358126864697663488_1737773988806922240.png] (the code column of Room Emoji › Get Many)',
	},
];

const EMOJI = /^\[[^\]\s]+\]$/;

export async function setReaction(ctx: IExecuteFunctions, i: number, client: HeyboxClient, add: boolean) {
	const emoji = String(ctx.getNodeParameter('emoji', i, '')).trim();
	if (!EMOJI.test(emoji)) throw new ParameterError('Emoji', `"${emoji}" is not a Heybox emoji`, 'Write it in brackets, e.g. [cube_doge]');
	const body = {
		msg_id: readId(ctx.getNodeParameter('messageId', i, ''), 'Message ID', 'message ID'),
		emoji,
		is_add: add ? 1 : 0,
		channel_id: channelIdParam(ctx, i),
		room_id: roomIdParam(ctx, i),
	};
	await client.call({ method: 'POST', path: '/chatroom/v2/channel_msg/emoji/reply', body, safety: 'repeatable' });
	return { success: true, ...body };
}
