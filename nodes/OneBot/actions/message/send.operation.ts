import type { IDataObject } from 'n8n-workflow';

import { composeMessage } from '../../helpers/composer';
import { asObject, groupIdParam, optionsParam, userIdParam } from '../../helpers/params';
import { groupLocator, userLocator } from '../common.description';
import { ratePerMinute } from '../../../shared/sendOptions';
import { throttle } from '../../../shared/rateLimit';
import { defineOperation } from '../operation';
import { composerFields } from './composer.description';
import { callOptions, replyToOption, sendOptions } from './send.options';

export const send = defineOperation(
	'message',
	{ name: 'Send', value: 'send', description: 'Send a message to a user or a group chosen per item', action: 'Send a message' },
	[
		{
			displayName: 'Chat Type',
			name: 'chatType',
			type: 'options',
			options: [
				{ name: 'Private', value: 'private' },
				{ name: 'Group', value: 'group' },
			],
			default: 'private',
			description: 'Whether the message goes to a user or a group; may be an expression such as {{ $JSON.chat.type }}',
		},
		{ ...userLocator('Who receives the message'), displayOptions: { show: { chatType: ['private'] } } },
		{ ...groupLocator('Group that receives the message'), displayOptions: { show: { chatType: ['group'] } } },
		...composerFields,
		sendOptions,
	],
	async function (i, client) {
		const options = optionsParam(this, i);
		const chatType = this.getNodeParameter('chatType', i) as string;
		const body: IDataObject = { message_type: chatType === 'group' ? 'group' : 'private' };
		if (chatType === 'group') body.group_id = groupIdParam(this, i);
		else body.user_id = userIdParam(this, i);
		body.message = await composeMessage(this, i, replyToOption(options));
		await throttle(client, ratePerMinute(options));
		return asObject(await client.call('send_msg', body, callOptions(options)));
	},
	'options.concurrency',
);
