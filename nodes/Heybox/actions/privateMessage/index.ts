import { resourceDescription } from '../operation';
import { sendPrivate } from './send.operation';

export const operations = [sendPrivate];

export const description = resourceDescription('privateMessage', operations, 'send');
