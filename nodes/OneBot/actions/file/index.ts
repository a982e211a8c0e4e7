import { resourceDescription } from '../operation';
import { uploadToGroup } from './uploadToGroup.operation';
import { uploadToPrivate } from './uploadToPrivate.operation';

export const operations = [uploadToGroup, uploadToPrivate];

export const description = resourceDescription('file', operations, 'uploadToGroup');
