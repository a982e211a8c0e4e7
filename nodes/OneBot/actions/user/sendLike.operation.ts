import { boundedNumber, userIdParam } from '../../helpers/params';
import { userLocator } from '../common.description';
import { defineOperation } from '../operation';

export const sendLike = defineOperation(
	'user',
	{ name: 'Send Like', value: 'sendLike', description: 'Like a user\'s profile card (at most 10 per friend per day)', action: 'Send a like' },
	[
		userLocator('Whose profile card to like'),
		{
			displayName: 'Times',
			name: 'times',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 1,
			description: 'How many likes to give (1–10)',
		},
	],
	async function (i, client) {
		const userId = userIdParam(this, i);
		const times = boundedNumber(this, i, 'times', 'Times', 1, 10);
		await client.call('send_like', { user_id: userId, times });
		return { success: true, user_id: userId, times };
	},
);
