import { testCredential } from '../harness/credentials';
import { listSearch } from '../harness/run';
import { SEED, USERS } from '../simulators/heybox';
import { byId, COMMON_QUERY, TOKEN, useHeybox } from './setup';

describe('Heybox rooms, roles, room emoji, media', () => {
	const t = useHeybox();
	const room = { roomId: byId(SEED.room1) };

	test('rooms: Get Many pages through result.rooms.rooms (limit and return all)', async () => {
		const limited = await t.run({ resource: 'room', operation: 'getMany', returnAll: false, limit: 2 });
		expect(limited.items).toHaveLength(2);
		const all = await t.run({ resource: 'room', operation: 'getMany', returnAll: true });
		expect(all.items.map((i) => i.json.room_id)).toEqual(expect.arrayContaining([SEED.room1, SEED.room2, SEED.room3]));
		expect(t.sim.last('room/joined')!.query).toMatchObject({ ...COMMON_QUERY, offset: '0', limit: '50' });
	});

	test('rooms: Get returns the room with its channels; Get Users pages through room_info.user_info', async () => {
		const got = await t.run({ resource: 'room', operation: 'get', ...room });
		expect((got.items[0].json.room as { room_id: string }).room_id).toBe(SEED.room1);
		const users = await t.run({ resource: 'room', operation: 'getUsers', ...room, returnAll: true });
		expect(users.items.map((i) => i.json.user_id)).toEqual(expect.arrayContaining([USERS.ali, USERS.heybox]));
		expect(t.sim.last('room/users')!.query.room_id).toBe(SEED.room1);
	});

	test('rooms: kick, nickname, mute, unmute, leave send the documented bodies', async () => {
		await t.run({ resource: 'room', operation: 'setNickname', ...room, userId: String(USERS.ali), nickname: '阿里' });
		expect(t.sim.last('room/nickname')!.rawBody).toBe(`{"nickname":"阿里","room_id":"${SEED.room1}","to_user_id":${USERS.ali}}`);
		await t.run({ resource: 'room', operation: 'mute', ...room, userId: String(USERS.ali), duration: 600, reason: 'spam' });
		expect(t.sim.last('room/ban')!.rawBody).toBe(`{"duration":600,"reason":"spam","room_id":"${SEED.room1}","to_user_id":${USERS.ali}}`);
		await t.run({ resource: 'room', operation: 'unmute', ...room, userId: String(USERS.ali) });
		expect(t.sim.last('room/ban')!.body).toMatchObject({ duration: 0, to_user_id: USERS.ali });
		const kicked = await t.run({ resource: 'room', operation: 'kick', ...room, userId: String(USERS.heybox) });
		expect(kicked.error?.message).toBeUndefined();
		expect(t.sim.last('room/kick_out')!.body).toEqual({ room_id: SEED.room1, to_user_id: USERS.heybox });
		const left = await t.run({ resource: 'room', operation: 'leave', roomId: byId(SEED.room3) });
		expect(left.items[0].json).toEqual({ success: true, room_id: SEED.room3 });
	});

	test('roles: create (permissions as a decimal bitmask string, bits above 31), update keeps unset fields, grant, revoke, delete', async () => {
		const created = await t.run({ resource: 'role', operation: 'create', ...room, name: 'Ops', permissions: [14, 17, 36], roleOptions: { color: '#00ff00' } });
		expect(created.error?.message).toBeUndefined();
		const body = t.sim.last('room_role/create')!.body;
		expect(body.permissions).toBe(String((1n << 14n) | (1n << 17n) | (1n << 36n)));
		expect(body).toMatchObject({ name: 'Ops', type: 0, room_id: SEED.room1, color: 0x00ff00 });
		expect(typeof body.nonce).toBe('string');
		const role = created.items[0].json;
		expect(String(role.id)).toMatch(/^\d+$/);
		expect(role.permission_names).toEqual(['Send Messages', 'Add Reactions', 'Use Bot Commands']);

		const updated = await t.run({ resource: 'role', operation: 'update', ...room, roleId: String(role.id), name: 'Ops Team' });
		expect(updated.error?.message).toBeUndefined();
		expect(t.sim.last('room_role/update')!.body).toMatchObject({ id: String(role.id), name: 'Ops Team', permissions: body.permissions, color: 0x00ff00 });

		const granted = await t.run({ resource: 'role', operation: 'grant', ...room, roleId: String(role.id), userId: String(USERS.ali) });
		expect(granted.items[0].json.roles).toContain(String(role.id));
		expect(t.sim.last('room_role/grant')!.rawBody).toBe(`{"to_user_id":${USERS.ali},"role_id":"${role.id}","room_id":"${SEED.room1}"}`);
		const revoked = await t.run({ resource: 'role', operation: 'revoke', ...room, roleId: String(role.id), userId: String(USERS.ali) });
		expect(revoked.items[0].json.roles).not.toContain(String(role.id));
		const deleted = await t.run({ resource: 'role', operation: 'delete', ...room, roleId: String(role.id) });
		expect(deleted.items[0].json).toEqual({ deleted: true, role_id: String(role.id), room_id: SEED.room1 });
	});

	test('room emoji: list (with the code to use in reactions), rename, delete', async () => {
		const list = await t.run({ resource: 'roomEmoji', operation: 'getMany', ...room });
		const emoji = list.items.find((i) => i.json.path === SEED.room1Emoji)!.json;
		expect(emoji.code).toMatch(new RegExp(`^\\[custom${SEED.room1}_${SEED.room1Emoji}\\.\\w+\\]$`));
		await t.run({ resource: 'roomEmoji', operation: 'rename', ...room, path: SEED.room1Emoji, name: 'doge2' });
		expect(t.sim.last('meme/room/edit')!.rawBody).toBe(`{"path":"${SEED.room1Emoji}","name":"doge2","room_id":"${SEED.room1}"}`);
		const deleted = await t.run({ resource: 'roomEmoji', operation: 'delete', ...room, path: SEED.room1Emoji });
		expect(deleted.items[0].json).toEqual({ deleted: true, path: SEED.room1Emoji, room_id: SEED.room1 });
	});

	test('media: upload returns the CDN URL and the image size', async () => {
		const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
		const result = await t.run({ resource: 'media', operation: 'upload', binaryPropertyName: 'data' }, { items: [{ json: {}, binary: { data: { base64: png, fileName: 'dot.png', mimeType: 'image/png' } } }] });
		expect(result.items[0].json).toMatchObject({ fileName: 'dot.png', width: 1, height: 1 });
		expect(String(result.items[0].json.url)).toMatch(/^https:\/\//);
		expect(t.sim.last('/upload')!.headers.token).toBe(TOKEN);
	});

	test('credential test (joined rooms) and From-list rooms and channels', async () => {
		const credentials = { token: TOKEN, chatVersion: '1.30.0', baseUrl: t.sim.url, uploadUrl: t.sim.uploadUrl };
		expect((await testCredential('heyboxApi', credentials)).status).toBe('OK');
		expect(t.sim.last('room/joined')!.query).toMatchObject({ ...COMMON_QUERY, offset: '0', limit: '1' });
		const wrong = await testCredential('heyboxApi', { ...credentials, token: 'bad' });
		expect(wrong.status).toBe('Error');

		const node = { type: 'heybox', parameters: { resource: 'channelMessage', operation: 'send', roomId: byId(SEED.room1) } };
		const rooms = await listSearch(node, 'searchRooms', { credentials: { heyboxApi: credentials as never }, filter: '测试' });
		expect(rooms.results.map((r) => r.value)).toContain(SEED.room1);
		const channels = await listSearch(node, 'searchChannels', { credentials: { heyboxApi: credentials as never } });
		expect(channels.results.map((r) => r.value)).toEqual(expect.arrayContaining([SEED.room1Text, SEED.room1Text2]));
		expect(channels.results.map((r) => r.value)).not.toContain(SEED.room1Voice);
	});
});
