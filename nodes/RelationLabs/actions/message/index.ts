import { resourceDescription } from '../operation';
import { getMany, hide, markAsRead, send, unreadCount } from './message.operations';

export const operations = [send, getMany, markAsRead, hide, unreadCount];

export const description = resourceDescription('message', operations, 'send');
