import { channelLocator, roomLocator } from '../common.description';
import { contentFields } from '../content.description';
import { defineOperation } from '../operation';
import { optionsParam } from '../params';
import { sendOptions, throttle } from '../send.options';
import { channelMessageBody, sendResult } from './body';
import { mentionFields } from './mentions.description';

export const send = defineOperation(
	'channelMessage',
	{ name: 'Send', value: 'send', description: 'Send markdown, an image or a card to a channel', action: 'Send a channel message' },
	[roomLocator(), channelLocator(), ...contentFields, ...mentionFields, sendOptions(true)],
	async function (i, client) {
		const body = await channelMessageBody(this, i, client);
		await throttle(client, optionsParam(this, i));
		const result = await client.call({ method: 'POST', path: '/chatroom/v2/channel_msg/send', body, safety: 'ackKey' });
		return sendResult(result, body);
	},
	'options.concurrency',
);
