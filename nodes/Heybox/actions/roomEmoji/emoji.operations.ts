import type { IDataObject } from 'n8n-workflow';

import { ParameterError } from '../../../shared/errors';
import { readId } from '../../../shared/ids';
import { roomLocator } from '../common.description';
import { defineOperation } from '../operation';
import { roomIdParam } from '../params';

const pathField = {
	displayName: 'Emoji Path',
	name: 'path',
	type: 'string' as const,
	default: '',
	required: true,
	placeholder: '1737773988806922240',
	description: 'The meme_info.path of the emoji (see Get Many)',
};

export const getEmoji = defineOperation(
	'roomEmoji',
	{ name: 'Get Many', value: 'getMany', description: 'List the room\'s custom emoji and stickers', action: 'Get many room emoji' },
	[roomLocator()],
	async function (i, client) {
		const roomId = roomIdParam(this, i);
		const result = await client.call({ method: 'GET', path: '/chatroom/v3/msg/meme/room/list', qs: { room_id: roomId } });
		const rows: IDataObject[] = [];
		for (const kind of ['emoji', 'sticker'] as const) {
			for (const entry of (result[kind] ?? []) as IDataObject[]) {
				const meme = (entry.meme_info ?? {}) as IDataObject;
				// The string to use in reactions and messages: [custom<room_id>_<path>.<ext>]
				const code = meme.path ? `[custom${roomId}_${String(meme.path)}.${String(meme.ext ?? 'png')}]` : undefined;
				rows.push({ kind, ...meme, code, uploader: entry.user_info });
			}
		}
		return rows;
	},
);

export const deleteEmoji = defineOperation(
	'roomEmoji',
	{ name: 'Delete', value: 'delete', description: 'Delete a room emoji', action: 'Delete a room emoji' },
	[roomLocator(), pathField],
	async function (i, client) {
		const body = { path: readId(this.getNodeParameter('path', i, ''), 'Emoji Path', 'emoji path'), room_id: roomIdParam(this, i) };
		await client.call({ method: 'POST', path: '/chatroom/v2/msg/meme/room/del', body, safety: 'repeatable' });
		return { deleted: true, ...body };
	},
);

export const renameEmoji = defineOperation(
	'roomEmoji',
	{ name: 'Rename', value: 'rename', description: 'Rename a room emoji', action: 'Rename a room emoji' },
	[roomLocator(), pathField, { displayName: 'New Name', name: 'name', type: 'string', default: '', required: true }],
	async function (i, client) {
		const name = String(this.getNodeParameter('name', i, '')).trim();
		if (!name) throw new ParameterError('New Name', 'The new name is empty', 'Enter the name');
		const body = { path: readId(this.getNodeParameter('path', i, ''), 'Emoji Path', 'emoji path'), name, room_id: roomIdParam(this, i) };
		await client.call({ method: 'POST', path: '/chatroom/v2/msg/meme/room/edit', body, safety: 'repeatable' });
		return { success: true, ...body };
	},
);
