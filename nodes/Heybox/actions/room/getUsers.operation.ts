import type { IDataObject } from 'n8n-workflow';

import { returnAllFields, roomLocator } from '../common.description';
import { defineOperation } from '../operation';
import { limitParam, roomIdParam } from '../params';
import { collectPages } from './paging';

export const getUsers = defineOperation(
	'room',
	{ name: 'Get Users', value: 'getUsers', description: 'List the members of a room, one item per member', action: 'Get room users' },
	[roomLocator(), ...returnAllFields],
	async function (i, client) {
		const roomId = roomIdParam(this, i);
		return await collectPages(client, '/chatroom/v2/room/users', { room_id: roomId }, 300, limitParam(this, i), (result) => {
			const info = (result.room_info ?? {}) as IDataObject;
			return { items: (info.user_info ?? []) as IDataObject[], total: typeof info.user_count === 'number' ? info.user_count : undefined };
		});
	},
);
