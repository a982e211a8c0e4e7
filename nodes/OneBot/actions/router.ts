import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../shared/operation';
import { OneBotClient } from '../transport';
import * as file from './file';
import * as group from './group';
import * as message from './message';
import * as system from './system';
import * as user from './user';

const RESOURCES = {
	message: message.operations,
	user: user.operations,
	group: group.operations,
	file: file.operations,
	system: system.operations,
};

/** Runs the chosen operation once per input item, with one client (and credential load) per execution. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, RESOURCES, async (ctx) => await OneBotClient.create(ctx));
}
