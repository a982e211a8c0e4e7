import { defineOperation } from '../operation';
import { reactionFields, setReaction } from './reaction';

export const react = defineOperation(
	'channelMessage',
	{ name: 'Add Reaction', value: 'react', description: 'Add an emoji reaction to a message', action: 'Add a reaction' },
	reactionFields,
	async function (i, client) {
		return await setReaction(this, i, client, true);
	},
);

export const removeReaction = defineOperation(
	'channelMessage',
	{ name: 'Remove Reaction', value: 'removeReaction', description: 'Remove the bot\'s emoji reaction', action: 'Remove a reaction' },
	reactionFields,
	async function (i, client) {
		return await setReaction(this, i, client, false);
	},
);
