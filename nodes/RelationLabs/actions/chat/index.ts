import { resourceDescription } from '../operation';
import { getMany, hide, mute, pin } from './chat.operations';

export const operations = [getMany, pin, mute, hide];

export const description = resourceDescription('chat', operations, 'getMany');
