import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ParameterError } from './errors';

export type ItemResult = IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[];

function isExecutionData(value: IDataObject | INodeExecutionData): value is INodeExecutionData {
	return typeof value.json === 'object' && value.json !== null && !Array.isArray(value.json);
}

function toItems(result: ItemResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, pairedItem: { item: itemIndex } }
			: { json: entry as IDataObject, pairedItem: { item: itemIndex } },
	);
}

/** Turns any error of ours into the n8n error the UI and continueOnFail understand. */
export function toNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	const suffix = ` [item ${itemIndex}]`;
	if (error instanceof ParameterError) {
		return new NodeOperationError(ctx.getNode(), error.message + suffix, {
			itemIndex,
			description: `Parameter: ${error.field}.${error.hint ? ` ${error.hint}.` : ''} Nothing was sent.`,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		if (!error.message.endsWith(suffix)) error.message += suffix;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : new Error(String(error)), { itemIndex });
}

/**
 * The continueOnFail output item for a failed input item: `error` (the message) plus `details`
 * (provider code and text, hint). n8n routes such items to the error output when the node's
 * setting is "continue (using error output)".
 */
export function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const details: IDataObject = {};
	const context = error.context ?? {};
	for (const key of ['provider', 'code', 'text', 'endpoint'] as const) {
		if (context[key] !== undefined) details[key] = context[key] as IDataObject[keyof IDataObject];
	}
	if (error instanceof NodeApiError && error.httpCode) details.httpCode = error.httpCode;
	if (error.description) details.description = error.description;
	return { json: { error: error.message, details }, pairedItem: { item: itemIndex } };
}

/**
 * The per-item loop every operation runs in: each input item gets its own try/catch, output
 * items carry `pairedItem`, and with "continue on fail" a failed item becomes an error item
 * while the others still run. With `concurrency` > 1 up to that many items are in flight at
 * once; the output keeps the input order. Without "continue on fail" the first failure stops
 * new items from starting, the ones in flight finish, and the failure of the lowest item is thrown.
 */
export async function mapItems(
	ctx: IExecuteFunctions,
	handler: (itemIndex: number) => Promise<ItemResult>,
	options: { concurrency?: number } = {},
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const concurrency = Math.max(1, Math.min(64, Math.floor(options.concurrency ?? 1)));
	const results: INodeExecutionData[][] = new Array(count);
	const failures = new Map<number, NodeApiError | NodeOperationError>();
	let next = 0;
	const worker = async () => {
		while (next < count && (failures.size === 0 || ctx.continueOnFail())) {
			const i = next++;
			try {
				results[i] = toItems(await handler(i), i);
			} catch (error) {
				const nodeError = toNodeError(ctx, error, i);
				if (ctx.continueOnFail()) results[i] = [errorItem(nodeError, i)];
				else failures.set(i, nodeError);
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(count, 1)) }, worker));
	if (failures.size) throw failures.get(Math.min(...failures.keys()))!;
	return results.flatMap((r) => r ?? []);
}
