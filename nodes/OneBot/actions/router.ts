import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { mapItems } from '../../shared/items';
import { OneBotClient } from '../transport';
import * as file from './file';
import * as group from './group';
import * as message from './message';
import type { Operation } from './operation';
import * as system from './system';
import * as user from './user';

const RESOURCES: Record<string, Operation[]> = {
	message: message.operations,
	user: user.operations,
	group: group.operations,
	file: file.operations,
	system: system.operations,
};

/** Runs the chosen operation once per input item, with one client (and credential load) per execution. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = RESOURCES[resource]?.find((candidate) => candidate.option.value === operation);
	if (!op) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not known`);
	}
	const client = await OneBotClient.create(this);
	return [await mapItems(this, async (i) => await op.execute.call(this, i, client))];
}
