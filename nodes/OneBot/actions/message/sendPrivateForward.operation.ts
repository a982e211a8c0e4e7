import { composeForward, forwardExtras } from '../../helpers/forward';
import { asObject, optionsParam, userIdParam } from '../../helpers/params';
import { userLocator } from '../common.description';
import { ratePerMinute } from '../../../shared/sendOptions';
import { throttle } from '../../../shared/rateLimit';
import { defineOperation } from '../operation';
import { forwardFields } from './forward.description';
import { callOptions } from './send.options';

export const sendPrivateForward = defineOperation(
	'message',
	{
		name: 'Send Private Forward',
		value: 'sendPrivateForward',
		description: 'Send a merged-forward message (a card of several messages) to a QQ user',
		action: 'Send a private forward message',
	},
	[userLocator('Who receives the forward message'), ...forwardFields],
	async function (i, client) {
		const options = optionsParam(this, i, 'forwardOptions');
		const body = { user_id: userIdParam(this, i), messages: composeForward(this, i), ...forwardExtras(options) };
		await throttle(client, ratePerMinute(options));
		return asObject(await client.call('send_private_forward_msg', body, callOptions(options)));
	},
	'forwardOptions.concurrency',
);
