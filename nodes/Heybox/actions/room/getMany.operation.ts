import type { IDataObject } from 'n8n-workflow';

import { returnAllFields } from '../common.description';
import { defineOperation } from '../operation';
import { limitParam } from '../params';
import { collectPages } from './paging';

export const getRooms = defineOperation(
	'room',
	{ name: 'Get Many', value: 'getMany', description: 'List the rooms the bot has joined', action: 'Get many rooms' },
	[...returnAllFields],
	async function (i, client) {
		return await collectPages(client, '/chatroom/v2/room/joined', {}, 50, limitParam(this, i), (result) => {
			// The list is nested: result.rooms = {rooms: [...], total, offset, limit}
			const rooms = (result.rooms ?? {}) as IDataObject;
			const items = Array.isArray(rooms) ? (rooms as IDataObject[]) : ((rooms.rooms ?? []) as IDataObject[]);
			return { items, total: typeof rooms.total === 'number' ? rooms.total : undefined };
		});
	},
);
