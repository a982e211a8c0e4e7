import { resourceDescription } from '../operation';
import { deleteEmoji, getEmoji, renameEmoji } from './emoji.operations';

export const operations = [getEmoji, deleteEmoji, renameEmoji];

export const description = resourceDescription('roomEmoji', operations, 'getMany');
