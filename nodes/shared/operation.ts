import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { mapItems, type ItemResult } from './items';
import { withParameterReader } from './parameters';

export type OperationExecute<Client> = (this: IExecuteFunctions, i: number, client: Client) => Promise<ItemResult>;

/** One operation: its option in the Operation list, its fields (shown only for it), and what it does per item. */
export interface Operation<Client> {
	option: { name: string; value: string; description: string; action: string };
	description: INodeProperties[];
	execute: OperationExecute<Client>;
	/** the parameter (read at item 0) holding how many items may be in flight at once */
	concurrencyParameter?: string;
}

export function defineOperation<Client>(
	resource: string,
	option: Operation<Client>['option'],
	properties: INodeProperties[],
	execute: OperationExecute<Client>,
	concurrencyParameter?: string,
): Operation<Client> {
	return {
		option,
		description: updateDisplayOptions({ show: { resource: [resource], operation: [option.value] } }, properties),
		execute,
		concurrencyParameter,
	};
}

/** The resource's `operation` parameter and all its operation fields. */
export function resourceDescription<Client>(resource: string, operations: Array<Operation<Client>>, defaultOperation: string): INodeProperties[] {
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

/**
 * Runs the chosen resource/operation once per input item with one client per execution
 * (credential loaded once), through the shared item loop, reading parameters through the
 * reader that resolves per execution what does not change per item (./parameters).
 */
export async function routeItems<Client>(
	ctx: IExecuteFunctions,
	resources: Record<string, Array<Operation<Client>>>,
	createClient: () => Promise<Client>,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const op = resources[resource]?.find((candidate) => candidate.option.value === operation);
	if (!op) throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of resource "${resource}" is not known`);
	const client = await createClient();
	const reader = withParameterReader(ctx, op.description);
	const concurrency = op.concurrencyParameter ? Number(reader.getNodeParameter(op.concurrencyParameter, 0, 1)) : 1;
	return [await mapItems(ctx, async (i) => await op.execute.call(reader, i, client), { concurrency })];
}
