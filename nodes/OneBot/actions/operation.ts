import type { INodeProperties } from 'n8n-workflow';

import * as shared from '../../shared/operation';
import type { OneBotClient } from '../transport';

export type Operation = shared.Operation<OneBotClient>;

export const defineOperation = (
	resource: string,
	option: Operation['option'],
	properties: INodeProperties[],
	execute: shared.OperationExecute<OneBotClient>,
	concurrencyParameter?: string,
): Operation => shared.defineOperation<OneBotClient>(resource, option, properties, execute, concurrencyParameter);

export const resourceDescription = (resource: string, operations: Operation[], defaultOperation: string) =>
	shared.resourceDescription(resource, operations, defaultOperation);
