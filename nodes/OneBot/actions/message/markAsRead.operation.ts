import { messageIdParam } from '../../helpers/params';
import { messageIdField } from '../common.description';
import { defineOperation } from '../operation';

export const markAsRead = defineOperation(
	'message',
	{ name: 'Mark as Read', value: 'markAsRead', description: 'Mark a message (and its chat) as read', action: 'Mark a message as read' },
	[messageIdField('ID of the message to mark as read')],
	async function (i, client) {
		const messageId = messageIdParam(this, i);
		await client.call('mark_msg_as_read', { message_id: messageId });
		return { success: true, message_id: messageId };
	},
);
