import { composeMessage } from '../../helpers/composer';
import { asObject, optionsParam, userIdParam } from '../../helpers/params';
import { userLocator } from '../common.description';
import { ratePerMinute } from '../../../shared/sendOptions';
import { throttle } from '../../../shared/rateLimit';
import { defineOperation } from '../operation';
import { composerFields } from './composer.description';
import { callOptions, replyToOption, sendOptions } from './send.options';

export const sendPrivate = defineOperation(
	'message',
	{ name: 'Send Private', value: 'sendPrivate', description: 'Send a message to a QQ user', action: 'Send a private message' },
	[userLocator('Who receives the message'), ...composerFields, sendOptions],
	async function (i, client) {
		const options = optionsParam(this, i);
		const body = { user_id: userIdParam(this, i), message: await composeMessage(this, i, replyToOption(options)) };
		await throttle(client, ratePerMinute(options));
		return asObject(await client.call('send_private_msg', body, callOptions(options)));
	},
	'options.concurrency',
);
