import { pollingTrigger } from '../harness/trigger';
import { SEED } from '../simulators/relationlabs';
import { USERS, useRelationLabs } from './setup';

describe('RelationLabs Trigger (polling in a real PollContext)', () => {
	const t = useRelationLabs();

	const trigger = (parameters: object = {}) => pollingTrigger({ type: 'relationLabsTrigger', parameters: { watch: 'allChats', ignoreSelf: true, ...parameters }, credentials: { relationLabsApi: t.credentials() as never } });

	test('first poll sets the cursor; then new messages arrive once, oldest first, own messages skipped', async () => {
		const poller = trigger();
		expect(await poller.poll()).toBeNull();
		t.sim.postMessage({ channelUuid: SEED.group, from: USERS.alice, content: 'one' });
		t.sim.advance(5);
		t.sim.postMessage({ channelUuid: SEED.dmAlice, from: USERS.alice, content: 'two' });
		t.sim.advance(5);
		t.sim.postMessage({ channelUuid: SEED.group, from: USERS.bot, content: 'mine' });
		const items = await poller.poll();
		expect(items!.map((i) => i.json.content)).toEqual(['one', 'two']);
		expect(String(items![0].json.id)).toMatch(/^\d{19}$/);
		expect(await poller.poll()).toBeNull();
		t.sim.postMessage({ channelUuid: SEED.group, from: USERS.bob, content: 'three' });
		expect((await poller.poll())!.map((i) => i.json.content)).toEqual(['three']);
		expect(poller.staticData()).toHaveProperty('cursors');
	});

	test('messages in the same millisecond are not lost or repeated', async () => {
		const poller = trigger({ watch: 'channels', channelUuids: SEED.group });
		await poller.poll();
		const at = t.sim.now() + 10;
		t.sim.postMessage({ channelUuid: SEED.group, from: USERS.alice, content: 'a', createAt: at });
		expect((await poller.poll())!.map((i) => i.json.content)).toEqual(['a']);
		t.sim.postMessage({ channelUuid: SEED.group, from: USERS.bob, content: 'b', createAt: at });
		expect((await poller.poll())!.map((i) => i.json.content)).toEqual(['b']);
		expect(await poller.poll()).toBeNull();
	});

	test('manual mode returns the latest message as a sample without moving the cursor', async () => {
		const poller = trigger({ watch: 'channels', channelUuids: SEED.group });
		const sample = await poller.poll('manual');
		expect(sample).toHaveLength(1);
		expect(sample![0].json.channelUuid).toBe(SEED.group);
		expect(poller.staticData().cursors).toEqual({});
	});

	test('a chat that appears after the first poll: its first new message is not taken for history', async () => {
		const poller = trigger();
		await poller.poll();
		t.sim.advance(5);
		// Bob writes to the bot for the first time: a new one-to-one chat
		t.sim.postMessage({ toRelationId: USERS.bot, from: USERS.bob, content: 'first contact' });
		expect((await poller.poll())!.map((i) => i.json.content)).toEqual(['first contact']);
	});

	test('chats the bot left are skipped instead of failing every poll', async () => {
		const poller = trigger();
		await poller.poll();
		const joined = await t.run({ resource: 'channel', operation: 'join', channelUuid: { __rl: true, mode: 'id', value: SEED.otherGroup } });
		expect(joined.error?.message).toBeUndefined();
		await t.run({ resource: 'channel', operation: 'leave', channelUuid: { __rl: true, mode: 'id', value: SEED.otherGroup } });
		t.sim.advance(5);
		t.sim.postMessage({ channelUuid: SEED.group, from: USERS.alice, content: 'still here' });
		expect((await poller.poll())!.map((i) => i.json.content)).toEqual(['still here']);
	});
});
