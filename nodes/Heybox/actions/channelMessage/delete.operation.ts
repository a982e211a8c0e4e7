import { readId } from '../../../shared/ids';
import { channelLocator, messageIdField, roomLocator } from '../common.description';
import { defineOperation } from '../operation';
import { channelIdParam, roomIdParam } from '../params';

export const deleteMessage = defineOperation(
	'channelMessage',
	{ name: 'Delete', value: 'delete', description: 'Delete a channel message', action: 'Delete a channel message' },
	[roomLocator(), channelLocator(), messageIdField],
	async function (i, client) {
		const body = {
			msg_id: readId(this.getNodeParameter('messageId', i, ''), 'Message ID', 'message ID'),
			room_id: roomIdParam(this, i),
			channel_id: channelIdParam(this, i),
		};
		await client.call({ method: 'POST', path: '/chatroom/v2/channel_msg/delete', body, safety: 'repeatable' });
		return { deleted: true, ...body };
	},
);
