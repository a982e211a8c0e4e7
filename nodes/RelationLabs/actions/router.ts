import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../shared/operation';
import { RelationLabsClient } from '../transport';
import * as channel from './channel';
import * as chat from './chat';
import * as message from './message';
import * as user from './user';

const RESOURCES = { message: message.operations, channel: channel.operations, chat: chat.operations, user: user.operations };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, RESOURCES, async (ctx) => await RelationLabsClient.create(ctx));
}
