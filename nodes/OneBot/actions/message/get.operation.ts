import { asObject, messageIdParam } from '../../helpers/params';
import { messageIdField, simplifyField } from '../common.description';
import { defineOperation } from '../operation';
import { simplifyMessage } from './simplify';

export const getMessage = defineOperation(
	'message',
	{ name: 'Get', value: 'get', description: 'Get a message by its ID', action: 'Get a message' },
	[messageIdField(), simplifyField],
	async function (i, client) {
		const data = asObject(await client.call('get_msg', { message_id: messageIdParam(this, i) }));
		return this.getNodeParameter('simplify', i, true) ? simplifyMessage(data) : data;
	},
);
