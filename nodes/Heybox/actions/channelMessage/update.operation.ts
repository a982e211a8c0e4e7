import { readId } from '../../../shared/ids';
import { channelLocator, messageIdField, roomLocator } from '../common.description';
import { contentFields } from '../content.description';
import { defineOperation } from '../operation';
import { sendOptions } from '../send.options';
import { channelMessageBody, sendResult } from './body';
import { mentionFields } from './mentions.description';

export const update = defineOperation(
	'channelMessage',
	{ name: 'Update', value: 'update', description: 'Edit a message the bot sent', action: 'Update a channel message' },
	[roomLocator(), channelLocator(), messageIdField, ...contentFields, ...mentionFields, sendOptions(true)],
	async function (i, client) {
		const body = await channelMessageBody(this, i, client);
		body.msg_id = readId(this.getNodeParameter('messageId', i, ''), 'Message ID', 'message ID');
		const result = await client.call({ method: 'POST', path: '/chatroom/v2/channel_msg/update', body, safety: 'ackKey' });
		return { msg_id: body.msg_id as string, ...sendResult(result, body) };
	},
);
