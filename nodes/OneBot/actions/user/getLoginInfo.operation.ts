import { asObject } from '../../helpers/params';
import { defineOperation } from '../operation';

export const getLoginInfo = defineOperation(
	'user',
	{ name: 'Get Login Info', value: 'getLoginInfo', description: 'Get the bot account\'s QQ number and nickname', action: 'Get the bot login info' },
	[],
	async function (_i, client) {
		return asObject(await client.call('get_login_info'));
	},
);
