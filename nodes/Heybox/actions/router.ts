import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../shared/operation';
import { HeyboxClient } from '../transport';
import * as channelMessage from './channelMessage';
import * as media from './media';
import * as privateMessage from './privateMessage';
import * as role from './role';
import * as room from './room';
import * as roomEmoji from './roomEmoji';

const RESOURCES = {
	channelMessage: channelMessage.operations,
	privateMessage: privateMessage.operations,
	media: media.operations,
	room: room.operations,
	role: role.operations,
	roomEmoji: roomEmoji.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, RESOURCES, async (ctx) => await HeyboxClient.create(ctx));
}
