import { startTrigger } from '../harness/trigger';
import { buttonClickEvent, commandEvent, HeyboxSimulator, joinLeaveEvent, reactionEvent, SEED, USERS } from '../simulators/heybox';
import { TOKEN } from './setup';

async function until(check: () => boolean, what: string, timeoutMs = 8000) {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe('Heybox Trigger (gateway WebSocket)', () => {
	let sim: HeyboxSimulator;
	beforeAll(async () => {
		sim = await HeyboxSimulator.start({ token: TOKEN, numericIds: true });
	});
	afterAll(async () => await sim.close());
	beforeEach(async () => {
		sim.reset();
		await until(() => sim.wsConnections() === 0, 'sockets of the previous test closed');
	});

	const trigger = (parameters: object = {}, token = TOKEN) => ({
		type: 'heyboxTrigger',
		parameters: { events: ['command'], commandNames: '', options: { heartbeatSeconds: 0.2 }, ...parameters },
		credentials: { heyboxApi: { token, chatVersion: '1.30.0', baseUrl: sim.url, uploadUrl: sim.uploadUrl } as never },
	});

	test('connects with the token (query and header) and the common query; a command event arrives with exact 19-digit IDs', async () => {
		const running = await startTrigger(trigger({ commandNames: 'weather' }));
		try {
			await until(() => sim.wsConnections() === 1, 'connection');
			const log = sim.wsConnectionLog[0];
			expect(log.tokenVia).toBe('both');
			expect(log.query).toMatchObject({ client_type: 'heybox_chat', x_client_type: 'web', os_type: 'web', x_os_type: 'bot', x_app: 'heybox_chat', chat_os_type: 'bot', chat_version: '1.30.0' });
			sim.pushEvent(commandEvent({ roomId: SEED.room1, channelId: SEED.room1Text, userId: USERS.ali, name: '/help', msgId: '1843536909979836499' }));
			sim.pushEvent(commandEvent({ roomId: SEED.room1, channelId: SEED.room1Text, userId: USERS.ali, name: '/weather', options: [{ name: 'city', type: 3, value: '北京' }], msgId: '1843536909979836500' }));
			await running.waitForEmits(1);
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect(running.emitted).toHaveLength(1);
			const item = running.emitted[0][0][0].json;
			expect(item).toMatchObject({
				kind: 'command',
				msgId: '1843536909979836500',
				room: { id: SEED.room1 },
				channel: { id: SEED.room1Text },
				command: { name: '/weather', options: { city: '北京' } },
			});
			expect((item.sender as { user_id: number }).user_id).toBe(USERS.ali);
		} finally {
			await running.close();
		}
	});

	test('PING every interval, PONG expected; a silent server means a dead connection that is replaced', async () => {
		const running = await startTrigger(trigger());
		try {
			await until(() => sim.wsStats.pings >= 2, 'pings');
			sim.setWsOptions({ answerPings: false });
			await until(() => sim.wsConnectionLog.filter((c) => c.accepted).length >= 2, 'a new connection after missed PONGs');
			sim.setWsOptions({ answerPings: true });
			expect(running.errors).toHaveLength(0);
		} finally {
			await running.close();
		}
	});

	test('after a drop it reconnects; events replayed after the reconnect start the workflow once', async () => {
		const running = await startTrigger(trigger({ events: ['joinLeave', 'reaction'] }));
		try {
			await until(() => sim.wsConnections() === 1, 'connection');
			sim.pushEvent(joinLeaveEvent({ roomId: SEED.room1, userId: USERS.ali, joined: true }));
			await running.waitForEmits(1);
			sim.dropWsConnections();
			sim.setWsOptions({ replayOnConnect: 5 });
			await until(() => sim.wsConnectionLog.filter((c) => c.accepted).length >= 2 && sim.wsConnections() === 1, 'reconnection');
			sim.pushEvent(reactionEvent({ roomId: SEED.room1, channelId: SEED.room1Text, msgId: SEED.room1Msg, userId: USERS.ali, emoji: '[cube_doge]', isAdd: true }));
			sim.replayEvents();
			await running.waitForEmits(2);
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(running.emitted.map((e) => e[0][0].json.kind)).toEqual(['joinLeave', 'reaction']);
			expect(running.emitted[1][0][0].json).toMatchObject({ emoji: '[cube_doge]', added: true, msgId: SEED.room1Msg });
		} finally {
			await running.close();
		}
	}, 20000);

	test('filters: rooms, channels, event types; card button clicks', async () => {
		const running = await startTrigger(trigger({ events: ['buttonClick', 'command'], filters: { roomIds: SEED.room2 } }));
		try {
			await until(() => sim.wsConnections() === 1, 'connection');
			sim.pushEvent(commandEvent({ roomId: SEED.room1, channelId: SEED.room1Text, userId: USERS.ali, name: '/x' }));
			sim.pushEvent(joinLeaveEvent({ roomId: SEED.room2, userId: USERS.ali, joined: false }));
			sim.pushEvent(buttonClickEvent({ roomId: SEED.room2, channelId: SEED.room2Text, userId: USERS.ali, text: 'Ack', value: 'ack', event: 'server' }));
			await running.waitForEmits(1);
			await new Promise((resolve) => setTimeout(resolve, 150));
			expect(running.emitted).toHaveLength(1);
			expect(running.emitted[0][0][0].json).toMatchObject({ kind: 'buttonClick', button: { text: 'Ack', value: 'ack', event: 'server' }, room: { id: SEED.room2 } });
		} finally {
			await running.close();
		}
	});

	test('a refused token is fatal ("rejected the bot token"), not a retry loop; the token is not in the error', async () => {
		const running = await startTrigger(trigger({}, 'wrong-token-zzz'));
		try {
			const error = await running.waitForError();
			expect(error.message).toMatch(/rejected the bot token/);
			expect(error.message).not.toContain('wrong-token-zzz');
			const attempts = sim.wsConnectionLog.length;
			await new Promise((resolve) => setTimeout(resolve, 1500));
			expect(sim.wsConnectionLog.length).toBe(attempts);
		} finally {
			await running.close();
		}
	});

	test('manual mode resolves on the first matching event; close leaves no socket and no loop', async () => {
		const running = await startTrigger(trigger(), 'manual');
		const listening = running.manual!();
		await until(() => sim.wsConnections() === 1, 'connection');
		sim.pushEvent(commandEvent({ roomId: SEED.room1, channelId: SEED.room1Text, userId: USERS.ali, name: '/ping' }));
		await listening;
		expect(running.emitted[0][0][0].json).toMatchObject({ command: { name: '/ping' } });
		await running.close();
		await until(() => sim.wsConnections() === 0, 'closed');
		const pings = sim.wsStats.pings;
		await new Promise((resolve) => setTimeout(resolve, 600));
		expect(sim.wsStats.pings).toBe(pings);
		expect(sim.wsConnectionLog.filter((c) => c.accepted)).toHaveLength(1);
	});
});
