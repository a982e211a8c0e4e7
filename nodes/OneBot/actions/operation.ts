import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ItemResult } from '../../shared/items';
import type { OneBotClient } from '../transport';

export type OperationExecute = (this: IExecuteFunctions, i: number, client: OneBotClient) => Promise<ItemResult>;

/** One operation: its fields (shown only for it) and what it does for one input item. */
export interface Operation {
	option: { name: string; value: string; description: string; action: string };
	description: INodeProperties[];
	execute: OperationExecute;
}

export function defineOperation(
	resource: string,
	option: Operation['option'],
	properties: INodeProperties[],
	execute: OperationExecute,
): Operation {
	return {
		option,
		description: updateDisplayOptions({ show: { resource: [resource], operation: [option.value] } }, properties),
		execute,
	};
}

/** The resource's `operation` parameter and all its operation fields. */
export function resourceDescription(resource: string, operations: Operation[], defaultOperation: string): INodeProperties[] {
	const options = [...operations.map((op) => op.option)].sort((a, b) => a.name.localeCompare(b.name));
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: defaultOperation,
		},
		...operations.flatMap((op) => op.description),
	];
}
