import { asObject } from '../../helpers/params';
import { defineOperation } from '../operation';

export const getStatus = defineOperation(
	'system',
	{ name: 'Get Status', value: 'getStatus', description: 'Whether the bot is online and healthy', action: 'Get the bot status' },
	[],
	async function (_i, client) {
		return asObject(await client.call('get_status'));
	},
);
