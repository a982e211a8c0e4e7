import type { INodeProperties } from 'n8n-workflow';

import * as shared from '../../shared/operation';
import type { RelationLabsClient } from '../transport';

export type Operation = shared.Operation<RelationLabsClient>;

export const defineOperation = (
	resource: string,
	option: Operation['option'],
	properties: INodeProperties[],
	execute: shared.OperationExecute<RelationLabsClient>,
	concurrencyParameter?: string,
): Operation => shared.defineOperation<RelationLabsClient>(resource, option, properties, execute, concurrencyParameter);

export const resourceDescription = (resource: string, operations: Operation[], defaultOperation: string) =>
	shared.resourceDescription(resource, operations, defaultOperation);
