import type { INodeProperties } from 'n8n-workflow';

import * as shared from '../../shared/operation';
import type { HeyboxClient } from '../transport';

export type Operation = shared.Operation<HeyboxClient>;

export const defineOperation = (
	resource: string,
	option: Operation['option'],
	properties: INodeProperties[],
	execute: shared.OperationExecute<HeyboxClient>,
	concurrencyParameter?: string,
): Operation => shared.defineOperation<HeyboxClient>(resource, option, properties, execute, concurrencyParameter);

export const resourceDescription = (resource: string, operations: Operation[], defaultOperation: string) =>
	shared.resourceDescription(resource, operations, defaultOperation);
