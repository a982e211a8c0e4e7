import { messageIdParam } from '../../helpers/params';
import { messageIdField } from '../common.description';
import { defineOperation } from '../operation';

export const deleteMessage = defineOperation(
	'message',
	{ name: 'Recall', value: 'delete', description: 'Recall (delete) a message', action: 'Recall a message' },
	[messageIdField('ID of the message to recall')],
	async function (i, client) {
		const messageId = messageIdParam(this, i);
		await client.call('delete_msg', { message_id: messageId });
		return { deleted: true, message_id: messageId };
	},
);
