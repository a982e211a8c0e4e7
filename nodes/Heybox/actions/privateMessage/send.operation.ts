import { readContent } from '../content';
import { contentFields } from '../content.description';
import { userIdField } from '../common.description';
import { defineOperation } from '../operation';
import { optionsParam, userIdParam } from '../params';
import { ackIdOption, sendOptions, throttle } from '../send.options';

export const sendPrivate = defineOperation(
	'privateMessage',
	{ name: 'Send', value: 'send', description: 'Send a direct message to a user who shares a room with the bot', action: 'Send a private message' },
	[userIdField('Heybox user ID of the recipient'), ...contentFields, sendOptions(false)],
	async function (i, client) {
		const options = optionsParam(this, i);
		const toUserId = userIdParam(this, i);
		const content = await readContent(this, i, client, options.convertLineBreaks === true);
		// Field order and types as in Heybox's own example: to_user_id is an integer.
		const body: Record<string, unknown> = {
			msg: content.msgType === 3 ? content.img : content.msg,
			msg_type: content.msgType,
			heychat_ack_id: ackIdOption(options),
			addition: content.msgType === 4 ? '{}' : content.addition,
			to_user_id: toUserId,
		};
		if (content.img) body.img = content.img;
		await throttle(client, options);
		const result = await client.call({ method: 'POST', path: '/chatroom/v3/msg/user', body, safety: 'ackKey' });
		return { to_user_id: Number(toUserId), heychat_ack_id: body.heychat_ack_id as string, ...result };
	},
	'options.concurrency',
);
