import { defineOperation } from '../operation';
import { reactionFields } from './react.operation';
import { setReaction } from './reaction';

export const removeReaction = defineOperation(
	'message',
	{ name: 'Remove Reaction', value: 'removeReaction', description: 'Remove the bot\'s emoji reaction from a message', action: 'Remove a reaction' },
	reactionFields,
	async function (i, client) {
		return await setReaction(this, i, client, false);
	},
);
