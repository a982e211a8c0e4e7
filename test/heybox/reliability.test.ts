import { SEED, USERS } from '../simulators/heybox';
import { byId, TOKEN, useHeybox } from './setup';

const send = (text = 'hello', extra: object = {}) => ({
	resource: 'channelMessage',
	operation: 'send',
	roomId: byId(SEED.room1),
	channelId: byId(SEED.room1Text),
	messageType: 'markdown',
	text,
	...extra,
});

describe('Heybox: no duplicate sends, errors in Heybox\'s words', () => {
	const t = useHeybox();

	test('a 500 before the send took effect: retried with the same heychat_ack_id, posted once', async () => {
		t.sim.fault({ path: 'channel_msg/send', status: 500 });
		const result = await t.run(send());
		expect(result.status).toBe('success');
		const requests = t.sim.requestsFor('channel_msg/send');
		expect(requests).toHaveLength(2);
		expect(requests[1].body.heychat_ack_id).toBe(requests[0].body.heychat_ack_id);
		expect(t.sim.state.messages.size).toBeGreaterThan(0);
		expect([...t.sim.state.messages.values()].filter((m) => (m as { msg?: string }).msg === 'hello')).toHaveLength(1);
	});

	test('the send landed but its answer was lost: the retry is refused as a duplicate and reported as delivered, posted once', async () => {
		t.sim.fault({ path: 'channel_msg/send', afterAction: true, status: 502 });
		const result = await t.run(send('only once'));
		expect(result.error?.message).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ duplicateAck: true });
		const requests = t.sim.requestsFor('channel_msg/send');
		expect(requests).toHaveLength(2);
		expect(requests[1].body.heychat_ack_id).toBe(requests[0].body.heychat_ack_id);
		expect(t.sim.stats.duplicateAcks).toBe(1);
		expect([...t.sim.state.messages.values()].filter((m) => (m as { msg?: string }).msg === 'only once')).toHaveLength(1);
	});

	test('a lost connection after the send landed: same outcome', async () => {
		t.sim.fault({ path: 'channel_msg/send', afterAction: true, reset: true });
		const result = await t.run(send('reset once'));
		expect(result.items[0].json).toMatchObject({ duplicateAck: true });
		expect([...t.sim.state.messages.values()].filter((m) => (m as { msg?: string }).msg === 'reset once')).toHaveLength(1);
	});

	test('429 with Retry-After is honoured and the send goes through', async () => {
		t.sim.fault({ path: 'channel_msg/send', status: 429, retryAfter: '1' });
		const result = await t.run(send());
		expect(result.status).toBe('success');
		expect(t.sim.requestsFor('channel_msg/send').map((r) => r.response.status)).toEqual([429, 200]);
	});

	test('a failed envelope on HTTP 200 is a NodeApiError with Heybox\'s msg and a hint', async () => {
		const result = await t.run({ ...send(), roomId: byId(SEED.room2), channelId: byId(SEED.room2Private) }, { onError: 'continueRegularOutput' });
		expect(result.items[0].json.error).toContain('该频道为私密频道');
		expect((result.items[0].json.details as { description?: string }).description).toMatch(/private/);
		const denied = await t.run({ resource: 'room', operation: 'kick', roomId: byId(SEED.room2), userId: String(USERS.ali) });
		expect(denied.error!.message).toContain('权限不足');
		expect(denied.error!.description).toMatch(/permission/);
	});

	test('a wrong token: "rejected the bot token", never echoed', async () => {
		const result = await t.run(send(), { credentials: { token: 'not-the-token-123' } });
		expect(result.error!.message).toMatch(/rejected the bot token/);
		expect(JSON.stringify(result.run)).not.toContain('not-the-token-123');
		expect(JSON.stringify(result.run)).not.toContain(TOKEN);
	});

	test('bad input is refused before anything is sent', async () => {
		const cases: Array<[Record<string, unknown>, RegExp]> = [
			[send('={{ "" }}'), /message text is empty/],
			[{ ...send(), roomId: byId('={{ "abc" }}') }, /Room ID must contain only digits/],
			[{ ...send(), mentionUserIds: '={{ "12x" }}' }, /only digits/],
			[{ resource: 'channelMessage', operation: 'react', roomId: byId(SEED.room1), channelId: byId(SEED.room1Text), messageId: SEED.room1Msg, emoji: 'doge' }, /not a Heybox emoji/],
			[{ resource: 'room', operation: 'setNickname', roomId: byId(SEED.room1), userId: String(USERS.ali), nickname: 'x'.repeat(21) }, /Heybox allows 20/],
		];
		for (const [params, message] of cases) {
			const result = await t.run(params as never);
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error!.message).toMatch(message);
			expect(result.error!.message).toMatch(/\[item 0\]$/);
		}
		expect(t.sim.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
	});
});

describe('Heybox: 19-digit IDs stay exact', () => {
	const t = useHeybox({ numericIds: true });

	test('IDs answered as bare 19-digit numbers arrive as exact strings', async () => {
		const rooms = await t.run({ resource: 'room', operation: 'getMany', returnAll: true });
		expect(rooms.error?.message).toBeUndefined();
		expect(t.sim.last('room/joined')!.response.body).toContain(`"room_id":${SEED.room1}`);
		expect(rooms.items.map((i) => i.json.room_id)).toEqual(expect.arrayContaining([SEED.room1, SEED.room2, SEED.room3]));
		const sent = await t.run(send());
		expect(sent.items[0].json.msg_id).toMatch(/^\d{19}$/);
		const roles = await t.run({ resource: 'role', operation: 'getMany', roomId: byId(SEED.room1) });
		expect(roles.items.map((i) => i.json.id)).toEqual(expect.arrayContaining([SEED.room1Admin, SEED.room1BotRole]));
	});
});

describe('Heybox: rate limit', () => {
	const t = useHeybox({ rateLimitPerMinute: 300, timeScale: 60 });

	test('320 channel messages with "Max Sends per Minute" finish with 0 rejections', async () => {
		// timeScale 60: one simulated minute per real second, so 300/min ≈ 5 per real second… the node's
		// limiter works in real time, so it is set to the simulated limit scaled the same way.
		const items = Array.from({ length: 320 }, (_, n) => ({ json: { n } }));
		const result = await t.run(send('={{ "bulk " + $json.n }}', { options: { maxPerMinute: 300 * 60 * 0.9 } }), { items });
		expect(result.error?.message).toBeUndefined();
		expect(result.items).toHaveLength(320);
		expect(t.sim.stats.rateLimited).toBe(0);
		expect(t.sim.requestsFor('channel_msg/send')).toHaveLength(320);
	}, 60000);

	test('without the option, rate-limited sends are retried after Retry-After and all arrive exactly once', async () => {
		t.sim.setRateLimit(100);
		const items = Array.from({ length: 320 }, (_, n) => ({ json: { n } }));
		const result = await t.run(send('={{ "burst " + $json.n }}'), { items });
		expect(result.error?.message).toBeUndefined();
		expect(t.sim.stats.rateLimited).toBeGreaterThan(0);
		const delivered = [...t.sim.state.messages.values()].filter((m) => String((m as { msg?: string }).msg).startsWith('burst '));
		expect(delivered).toHaveLength(320);
	}, 120000);
});
