import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
		description: showOnlyFor({ resource: [resource], operation: [option.value] }, properties),
		execute,
		concurrencyParameter,
	};
}

/**
 * What n8n-workflow's updateDisplayOptions does for our fields (adds `show` conditions), as a
 * plain spread: updateDisplayOptions deep-merges with lodash, which costs ≈ 10 ms of start-up
 * the first time it is used (measured by `npm run bench -- --only P5`).
 */
export function showOnlyFor(show: Record<string, string[]>, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, ...show } },
	}));
}

/**
 * Sorts options by name as the n8n editor lists them. Case-insensitive code-point order, not
 * localeCompare: the first localeCompare call loads ICU collation data (≈ 5–8 ms at start-up);
 * for our ASCII names both orders are the same.
 */
export function byName<T extends { name: string }>(a: T, b: T): number {
	const x = a.name.toLowerCase();
	const y = b.name.toLowerCase();
	return x < y ? -1 : x > y ? 1 : 0;
}

/** The resource's `operation` parameter and all its operation fields. */
export function resourceDescription<Client>(resource: string, operations: Array<Operation<Client>>, defaultOperation: string): INodeProperties[] {
	const options = [...operations.map((op) => op.option)].sort(byName);
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
	createClient: (ctx: IExecuteFunctions) => Promise<Client & { close?: () => Promise<void> }>,
): Promise<INodeExecutionData[][]> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const op = resources[resource]?.find((candidate) => candidate.option.value === operation);
	if (!op) throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" of resource "${resource}" is not known`);
	const reader = withParameterReader(ctx, op.description);
	const client = await createClient(reader);
	try {
		const concurrency = op.concurrencyParameter ? Number(reader.getNodeParameter(op.concurrencyParameter, 0, 1)) : 1;
		return [await mapItems(ctx, async (i) => await op.execute.call(reader, i, client), { concurrency })];
	} finally {
		// connections kept for the execution (OneBot's WebSocket) end with it
		await client.close?.();
	}
}
