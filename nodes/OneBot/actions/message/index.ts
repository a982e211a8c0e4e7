import { resourceDescription } from '../operation';
import { deleteMessage } from './delete.operation';
import { getMessage } from './get.operation';
import { getForward } from './getForward.operation';
import { markAsRead } from './markAsRead.operation';
import { react } from './react.operation';
import { removeReaction } from './removeReaction.operation';
import { send } from './send.operation';
import { sendGroup } from './sendGroup.operation';
import { sendGroupForward } from './sendGroupForward.operation';
import { sendPrivate } from './sendPrivate.operation';
import { sendPrivateForward } from './sendPrivateForward.operation';

export const operations = [
	sendPrivate,
	sendGroup,
	send,
	sendPrivateForward,
	sendGroupForward,
	deleteMessage,
	getMessage,
	getForward,
	react,
	removeReaction,
	markAsRead,
];

export const description = resourceDescription('message', operations, 'sendPrivate');
