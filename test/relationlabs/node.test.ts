import { sessionOwner } from '../../credentials/RelationLabsApi.credentials';
import { testCredential } from '../harness/credentials';
import { listSearch } from '../harness/run';
import { SEED } from '../simulators/relationlabs';
import { byId, USERS, useRelationLabs } from './setup';

const sendTo = (channelUuid: string, content = 'hello', extra: object = {}) => ({
	resource: 'message',
	operation: 'send',
	target: 'channel',
	channelUuid: byId(channelUuid),
	type: 'TEXT',
	content,
	...extra,
});

describe('RelationLabs messages', () => {
	const t = useRelationLabs();

	test('seed 003: send with ApiKey and Bearer token, sendUuid, quoteId as an exact 19-digit string, mentions', async () => {
		const result = await t.run(sendTo(SEED.group, 'hello', { options: { quoteId: '1579047130798100481', mentionedUser: USERS.alice } }));
		expect(result.error?.message).toBeUndefined();
		const request = t.sim.last('message/send')!;
		expect(request.headers.apikey).toBe(t.sim.apiKey);
		expect(String(request.headers.authorization)).toMatch(/^Bearer ey/);
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.body).toEqual({
			channelUuid: SEED.group,
			type: 'TEXT',
			content: 'hello',
			sendUuid: expect.stringMatching(/^[0-9a-f]{32}-\d{13}-\d+$/),
			quoteId: '1579047130798100481',
			mentionedUser: [USERS.alice],
		});
		expect(request.rawBody).toContain('"quoteId":"1579047130798100481"');
		expect(result.items[0].json).toMatchObject({ channelUuid: SEED.group, id: expect.stringMatching(/^\d{19}$/) });
		// the address token was exchanged once for the whole execution
		expect(t.sim.stats.exchanges).toBe(1);
	});

	test('a DM by relationId alone returns the one-to-one channel', async () => {
		const result = await t.run({ resource: 'message', operation: 'send', target: 'user', toRelationId: USERS.alice, type: 'TEXT', content: 'hi' });
		expect(result.error?.message).toBeUndefined();
		expect(t.sim.last('message/send')!.body).toMatchObject({ toRelationId: USERS.alice });
		expect(result.items[0].json.channelUuid).toBe(SEED.dmAlice);
	});

	test('provider codes become errors with a hint: 13301 blocks strangers, 13108 not a member', async () => {
		const blocked = await t.run({ resource: 'message', operation: 'send', target: 'user', toRelationId: USERS.carol, type: 'TEXT', content: 'hi' }, { onError: 'continueRegularOutput' });
		expect(blocked.items[0].json.error).toContain('code 13301');
		expect((blocked.items[0].json.details as { description: string }).description).toMatch(/strangers/);
		const notMember = await t.run(sendTo(SEED.otherGroup), { onError: 'continueRegularOutput' });
		expect(notMember.items[0].json.error).toContain('code 13108');
		expect((notMember.items[0].json.details as { description: string }).description).toMatch(/not a member/);
	});

	test('a lost answer after the send landed: retried with the same sendUuid, posted once', async () => {
		t.sim.fault({ path: 'message/send', afterAction: true, status: 502 });
		const result = await t.run(sendTo(SEED.group, 'exactly once'));
		expect(result.error?.message).toBeUndefined();
		const sends = t.sim.requestsFor('message/send');
		expect(sends).toHaveLength(2);
		expect(sends[1].body.sendUuid).toBe(sends[0].body.sendUuid);
		expect(t.sim.stats.duplicateSendUuids).toBe(1);
	});

	test('rate limit (10110) is retried with backoff', async () => {
		t.sim.fault({ path: 'message/send', code: '10110', desc: 'rate limit' });
		const result = await t.run(sendTo(SEED.group));
		expect(result.error?.message).toBeUndefined();
		expect(t.sim.requestsFor('message/send')).toHaveLength(2);
	});

	test('an expired session token is exchanged again once and the call repeated', async () => {
		const base = t.credentials();
		const credentials = { sessionToken: t.sim.issueUnifiedToken(USERS.bot, { expiresAt: Date.now() - 1000 }), sessionOwner: sessionOwner(base as never) };
		const result = await t.run(sendTo(SEED.group), { credentials: { ...base, ...credentials } });
		expect(result.error?.message).toBeUndefined();
		expect(t.sim.stats.exchanges).toBe(1);
		expect(t.sim.requestsFor('message/send').map((r) => JSON.parse(r.response.body).code)).toEqual(['10100', '0']);
	});

	test('a session token cached for other settings (the credential was edited) is not used: a new one is exchanged', async () => {
		const other = t.sim.issueUnifiedToken(USERS.alice);
		const result = await t.run(sendTo(SEED.group), { credentials: { sessionToken: other, sessionOwner: 'made-for-another-address-token' } });
		expect(result.error?.message).toBeUndefined();
		expect(t.sim.stats.exchanges).toBe(1);
		expect(String(t.sim.last('message/send')!.headers.authorization)).not.toContain(other);
	});

	test('a pasted unified token that expired: the error says so and gives its expiry date; no exchange', async () => {
		const expiresAt = Date.now() - 3600_000;
		const result = await t.run(sendTo(SEED.group), { credentials: { authType: 'unifiedToken', unifiedToken: t.sim.issueUnifiedToken(USERS.bot, { expiresAt }), addressToken: '' } });
		expect(result.error!.message).toContain('code 10100');
		expect(result.error!.description).toContain(new Date(Math.floor(expiresAt / 1000) * 1000).toISOString());
		expect(t.sim.stats.exchanges).toBe(0);
	});

	test('a send needs a channel or a recipient (validated before sending)', async () => {
		const result = await t.run({ resource: 'message', operation: 'send', target: 'user', toRelationId: '={{ "" }}', type: 'TEXT', content: 'x' });
		expect(result.error!.message).toMatch(/channel UUID or a recipient relationId/);
		expect(t.sim.requestsFor('message/send')).toHaveLength(0);
	});

	test('Get Many pages back with maxCreateAt; mark read, hide, unread count', async () => {
		for (let n = 0; n < 60; n++) t.sim.postMessage({ channelUuid: SEED.group, from: USERS.alice, content: `m${n}` });
		const all = await t.run({ resource: 'message', operation: 'getMany', target: 'channel', channelUuid: byId(SEED.group), returnAll: true });
		const contents = all.items.map((i) => i.json.content);
		expect(contents).toContain('m0');
		expect(contents).toContain('m59');
		expect(new Set(all.items.map((i) => i.json.id)).size).toBe(all.items.length);
		expect(t.sim.requestsFor('message/list').length).toBeGreaterThanOrEqual(2);
		const unread = await t.run({ resource: 'message', operation: 'unreadCount' });
		expect(Number(unread.items[0].json.unreadCount)).toBeGreaterThanOrEqual(60);
		const read = await t.run({ resource: 'message', operation: 'markAsRead', channelUuid: byId(SEED.group), total: 60 });
		expect(read.items[0].json).toMatchObject({ success: true, total: 60 });
		const hidden = await t.run({ resource: 'message', operation: 'hide', messageId: SEED.msgBotHello });
		expect(hidden.items[0].json).toEqual({ hidden: true, id: SEED.msgBotHello });
	});
});

describe('RelationLabs channels, chats, users; credential; lists', () => {
	const t = useRelationLabs();
	const group = { channelUuid: byId(SEED.group) };

	test('channel operations', async () => {
		const created = await t.run({ resource: 'channel', operation: 'create', name: 'ops', channelType: 'G', members: `${USERS.alice}, ${USERS.bob}` });
		expect(t.sim.last('channel/create')!.body).toEqual({ name: 'ops', type: 'G', members: [USERS.alice, USERS.bob] });
		const uuid = String(created.items[0].json.channelUuid);
		const info = await t.run({ resource: 'channel', operation: 'get', channelUuid: byId(uuid) });
		expect(info.items[0].json.name).toBe('ops');
		const members = await t.run({ resource: 'channel', operation: 'getMembers', ...group });
		expect(members.items.map((i) => i.json.relationId)).toEqual(expect.arrayContaining([USERS.bot, USERS.alice]));
		const admin = await t.run({ resource: 'channel', operation: 'isAdmin', ...group });
		expect(admin.items[0].json).toEqual({ channelUuid: SEED.group, isAdmin: true });
		await t.run({ resource: 'channel', operation: 'updateAnnouncement', ...group, announcement: 'read the rules', pinAnnouncement: true });
		const ann = await t.run({ resource: 'channel', operation: 'getAnnouncement', ...group });
		expect(ann.items[0].json).toMatchObject({ announcement: 'read the rules', pinAnnouncement: true });
		await t.run({ resource: 'channel', operation: 'addMembers', channelUuid: byId(uuid), members: USERS.dave });
		await t.run({ resource: 'channel', operation: 'removeMembers', channelUuid: byId(uuid), members: USERS.dave });
		expect(t.sim.last('channel/members/remove')!.body).toEqual({ channelUuid: uuid, members: [USERS.dave] });
		await t.run({ resource: 'channel', operation: 'rename', channelUuid: byId(uuid), channelName: 'ops-2' });
		await t.run({ resource: 'channel', operation: 'transferOwner', channelUuid: byId(uuid), relationId: USERS.alice });
		const notAdmin = await t.run({ resource: 'channel', operation: 'disband', channelUuid: byId(uuid) }, { onError: 'continueRegularOutput' });
		expect(notAdmin.items[0].json.error).toContain('code 13107');
		const joined = await t.run({ resource: 'channel', operation: 'join', channelUuid: byId(SEED.otherGroup) });
		expect(joined.error?.message).toBeUndefined();
		const left = await t.run({ resource: 'channel', operation: 'leave', channelUuid: byId(SEED.otherGroup) });
		expect(left.items[0].json).toMatchObject({ success: true, channelUuid: SEED.otherGroup });
	});

	test('chats: list, pin, mute, hide', async () => {
		const chats = await t.run({ resource: 'chat', operation: 'getMany', returnAll: true, keyword: '' });
		expect(chats.items.map((i) => i.json.channelUuid)).toEqual(expect.arrayContaining([SEED.group, SEED.dmAlice]));
		for (const [operation, field] of [['pin', 'pinned'], ['mute', 'muted']]) {
			const r = await t.run({ resource: 'chat', operation, ...group, [field]: true });
			expect(r.error?.message).toBeUndefined();
		}
		expect(t.sim.last('userChannels/mute')!.body).toEqual({ channelUuid: SEED.group, mute: true });
		await t.run({ resource: 'chat', operation: 'hide', ...group });
		expect(t.sim.last('userChannels/hide')!.body).toEqual({ channelUuid: SEED.group });
	});

	test('users: get (self and other), followers, following, follow, unfollow', async () => {
		const me = await t.run({ resource: 'user', operation: 'get', address: '', fields: ['FOLLOW_COUNT'] });
		expect(me.items[0].json.relationId).toBe(USERS.bot);
		expect(t.sim.last('userInfo')!.query).toEqual({ fields: 'FOLLOW_COUNT' });
		const followers = await t.run({ resource: 'user', operation: 'getFollowers', address: USERS.bot, returnAll: true });
		expect(followers.items.map((i) => i.json.relationId)).toEqual(expect.arrayContaining([USERS.alice, USERS.bob]));
		await t.run({ resource: 'user', operation: 'follow', address: USERS.dave });
		const following = await t.run({ resource: 'user', operation: 'getFollowing', address: USERS.bot, returnAll: true });
		expect(following.items.map((i) => i.json.relationId)).toContain(USERS.dave);
		await t.run({ resource: 'user', operation: 'unfollow', address: USERS.dave });
		expect(t.sim.last('unfollow')!.body).toEqual({ address: USERS.dave });
	});

	test('credential test: exchanged address token OK; unknown token refused', async () => {
		expect((await testCredential('relationLabsApi', <never>t.credentials())).status).toBe('OK');
		const bad = await testCredential('relationLabsApi', <never>t.credentials({ addressToken: 'not-a-token' }));
		expect(bad.status).toBe('Error');
		const pasted = await testCredential('relationLabsApi', <never>t.credentials({ authType: 'unifiedToken', unifiedToken: t.sim.issueUnifiedToken(USERS.bot, { expiresAt: Date.now() - 1 }) }));
		expect(pasted).toMatchObject({ status: 'Error', message: expect.stringMatching(/expired/) });
	});

	test('channels From list', async () => {
		const found = await listSearch({ type: 'relationLabs', parameters: { resource: 'message', operation: 'send' } }, 'searchChannels', {
			credentials: { relationLabsApi: t.credentials() as never },
		});
		expect(found.results.map((r) => r.value)).toEqual(expect.arrayContaining([SEED.group, SEED.dmAlice]));
	});
});
