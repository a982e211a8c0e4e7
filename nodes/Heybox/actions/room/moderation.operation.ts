import { ParameterError } from '../../../shared/errors';
import { roomLocator, userIdField } from '../common.description';
import { defineOperation } from '../operation';
import { roomIdParam, userIdParam } from '../params';

export const kick = defineOperation(
	'room',
	{ name: 'Kick User', value: 'kick', description: 'Remove a user from the room', action: 'Kick a user from a room' },
	[roomLocator(), userIdField('The user to remove')],
	async function (i, client) {
		const body = { room_id: roomIdParam(this, i), to_user_id: userIdParam(this, i) };
		await client.call({ method: 'POST', path: '/chatroom/v2/room/kick_out', body, safety: 'repeatable' });
		return { success: true, room_id: body.room_id, to_user_id: Number(body.to_user_id) };
	},
);

export const leave = defineOperation(
	'room',
	{ name: 'Leave', value: 'leave', description: 'The bot leaves the room', action: 'Leave a room' },
	[roomLocator('The room to leave')],
	async function (i, client) {
		const body = { room_id: roomIdParam(this, i) };
		await client.call({ method: 'POST', path: '/chatroom/v2/room/leave', body, safety: 'repeatable' });
		return { success: true, ...body };
	},
);

export const setNickname = defineOperation(
	'room',
	{ name: 'Set Nickname', value: 'setNickname', description: 'Set a member\'s (or the bot\'s) nickname in the room', action: 'Set a nickname' },
	[
		roomLocator(),
		userIdField('The member; the bot\'s own ID changes the bot\'s nickname'),
		{ displayName: 'Nickname', name: 'nickname', type: 'string', default: '', description: 'At most 20 characters; empty clears it' },
	],
	async function (i, client) {
		const nickname = String(this.getNodeParameter('nickname', i, ''));
		if ([...nickname].length > 20) throw new ParameterError('Nickname', `The nickname has ${[...nickname].length} characters; Heybox allows 20`);
		const body = { nickname, room_id: roomIdParam(this, i), to_user_id: userIdParam(this, i) };
		await client.call({ method: 'POST', path: '/chatroom/v2/room/nickname', body, safety: 'repeatable' });
		return { success: true, nickname, room_id: body.room_id, to_user_id: Number(body.to_user_id) };
	},
);

export const mute = defineOperation(
	'room',
	{ name: 'Mute User', value: 'mute', description: 'Stop a member from chatting for a time', action: 'Mute a user in a room' },
	[
		roomLocator(),
		userIdField('The member to mute'),
		{ displayName: 'Duration (Seconds)', name: 'duration', type: 'number', typeOptions: { minValue: 1 }, default: 600 },
		{ displayName: 'Reason', name: 'reason', type: 'string', default: '', description: 'Shown in the audit log' },
	],
	async function (i, client) {
		const duration = Number(this.getNodeParameter('duration', i));
		if (!Number.isInteger(duration) || duration < 1) throw new ParameterError('Duration (Seconds)', 'The duration must be a whole number of seconds, at least 1');
		const body = { duration, reason: String(this.getNodeParameter('reason', i, '')), room_id: roomIdParam(this, i), to_user_id: userIdParam(this, i) };
		await client.call({ method: 'POST', path: '/chatroom/v2/room/ban', body, safety: 'repeatable' });
		return { success: true, ...body, to_user_id: Number(body.to_user_id) };
	},
);

export const unmute = defineOperation(
	'room',
	{ name: 'Unmute User', value: 'unmute', description: 'Lift a member\'s mute', action: 'Unmute a user in a room' },
	[roomLocator(), userIdField('The member to unmute')],
	async function (i, client) {
		const body = { duration: 0, reason: '', room_id: roomIdParam(this, i), to_user_id: userIdParam(this, i) };
		await client.call({ method: 'POST', path: '/chatroom/v2/room/ban', body, safety: 'repeatable' });
		return { success: true, duration: 0, room_id: body.room_id, to_user_id: Number(body.to_user_id) };
	},
);
