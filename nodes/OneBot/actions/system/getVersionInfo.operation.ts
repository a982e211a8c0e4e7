import { asObject } from '../../helpers/params';
import { implementationFromAppName } from '../../transport';
import { defineOperation } from '../operation';

export const getVersionInfo = defineOperation(
	'system',
	{ name: 'Get Version Info', value: 'getVersionInfo', description: 'Which OneBot implementation and version answers', action: 'Get version info' },
	[],
	async function (_i, client) {
		const data = asObject(await client.call('get_version_info'));
		return { ...data, implementation: implementationFromAppName(data.app_name) };
	},
);
