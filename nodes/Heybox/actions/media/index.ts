import { resourceDescription } from '../operation';
import { upload } from './upload.operation';

export const operations = [upload];

export const description = resourceDescription('media', operations, 'upload');
