import { composeForward, forwardExtras } from '../../helpers/forward';
import { asObject, groupIdParam, optionsParam } from '../../helpers/params';
import { groupLocator } from '../common.description';
import { ratePerMinute } from '../../../shared/sendOptions';
import { throttle } from '../../../shared/rateLimit';
import { defineOperation } from '../operation';
import { forwardFields } from './forward.description';
import { callOptions } from './send.options';

export const sendGroupForward = defineOperation(
	'message',
	{
		name: 'Send Group Forward',
		value: 'sendGroupForward',
		description: 'Send a merged-forward message (a card of several messages) to a QQ group',
		action: 'Send a group forward message',
	},
	[groupLocator('Group that receives the forward message'), ...forwardFields],
	async function (i, client) {
		const options = optionsParam(this, i, 'forwardOptions');
		const body = { group_id: groupIdParam(this, i), messages: composeForward(this, i), ...forwardExtras(options) };
		await throttle(client, ratePerMinute(options));
		return asObject(await client.call('send_group_forward_msg', body, callOptions(options)));
	},
	'forwardOptions.concurrency',
);
