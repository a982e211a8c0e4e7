import { roomLocator } from '../common.description';
import { defineOperation } from '../operation';
import { roomIdParam } from '../params';

export const getRoom = defineOperation(
	'room',
	{ name: 'Get', value: 'get', description: 'Get a room and its channels', action: 'Get a room' },
	[roomLocator()],
	async function (i, client) {
		return await client.call({ method: 'GET', path: '/chatroom/v2/room/view', qs: { room_id: roomIdParam(this, i) } });
	},
);
