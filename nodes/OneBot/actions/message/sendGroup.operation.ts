import { composeMessage } from '../../helpers/composer';
import { asObject, groupIdParam, optionsParam } from '../../helpers/params';
import { groupLocator } from '../common.description';
import { ratePerMinute } from '../../../shared/sendOptions';
import { throttle } from '../../../shared/rateLimit';
import { defineOperation } from '../operation';
import { composerFields } from './composer.description';
import { callOptions, replyToOption, sendOptions } from './send.options';

export const sendGroup = defineOperation(
	'message',
	{ name: 'Send Group', value: 'sendGroup', description: 'Send a message to a QQ group', action: 'Send a group message' },
	[groupLocator('Group that receives the message'), ...composerFields, sendOptions],
	async function (i, client) {
		const options = optionsParam(this, i);
		const body = { group_id: groupIdParam(this, i), message: await composeMessage(this, i, replyToOption(options)) };
		await throttle(client, ratePerMinute(options));
		return asObject(await client.call('send_group_msg', body, callOptions(options)));
	},
	'options.concurrency',
);
