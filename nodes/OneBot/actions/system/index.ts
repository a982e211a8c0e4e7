import { resourceDescription } from '../operation';
import { getStatus } from './getStatus.operation';
import { getVersionInfo } from './getVersionInfo.operation';

export const operations = [getStatus, getVersionInfo];

export const description = resourceDescription('system', operations, 'getStatus');
