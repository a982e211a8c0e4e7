import { resourceDescription } from '../operation';
import { deleteMessage } from './delete.operation';
import { react, removeReaction } from './react.operation';
import { send } from './send.operation';
import { update } from './update.operation';

export const operations = [send, update, deleteMessage, react, removeReaction];

export const description = resourceDescription('channelMessage', operations, 'send');
