import { startTrigger } from '../harness/trigger';
import { OneBotSimulator, type Dialect } from '../simulators/onebot';
import { TOKEN } from './setup';

const wsTrigger = (sim: OneBotSimulator, path = '/', credentials: object = {}, parameters: object = {}) => ({
	type: 'oneBotTrigger',
	parameters: { connection: 'websocket', wsUrl: `${sim.wsUrl}${path}`, events: ['message'], messageTypes: ['private', 'group'], ...parameters },
	credentials: { oneBotApi: { baseUrl: sim.url, accessToken: TOKEN, tokenLocation: 'header', ...credentials } as never },
});

async function until(check: () => boolean, what: string, timeoutMs = 8000) {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe.each(['napcat', 'gocqhttp', 'llonebot', 'lagrange'] as Dialect[])('OneBot Trigger over forward WebSocket (%s)', (dialect) => {
	let sim: OneBotSimulator;
	beforeAll(async () => {
		sim = await OneBotSimulator.start({ dialect, token: TOKEN });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => sim.reset());

	test('receives events (lifecycle and heartbeats ignored), normalised like the webhook', async () => {
		sim.setWsOptions({ heartbeatIntervalMs: 50 });
		const running = await startTrigger(wsTrigger(sim, '/event'));
		try {
			await until(() => sim.wsConnections() === 1, 'connection');
			const event = sim.messageEvent({ messageType: 'group', groupId: 20002, userId: 123456, message: [{ type: 'text', data: { text: 'hi [there]' } }] });
			await new Promise((resolve) => setTimeout(resolve, 150)); // a few heartbeats pass
			expect(sim.pushEvent(event)).toBe(1);
			await running.waitForEmits(1);
			expect(running.emitted).toHaveLength(1);
			const item = running.emitted[0][0][0].json;
			expect(item).toMatchObject({ text: 'hi [there]', chat: { type: 'group', id: 20002 }, post_type: 'message' });
			expect(item.segments).toEqual([{ type: 'text', data: { text: 'hi [there]' } }]);
			expect(sim.wsConnectionLog[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		} finally {
			await running.close();
		}
		await until(() => sim.wsConnections() === 0, 'socket closed after deactivation');
	});

	test('an empty WebSocket URL takes the credential\'s', async () => {
		const running = await startTrigger(wsTrigger(sim, '/', { wsUrl: sim.wsUrl }, { wsUrl: '' }));
		try {
			await until(() => sim.wsConnections() === 1, 'connection');
			sim.pushEvent(sim.messageEvent({ messageType: 'private', userId: 123456, message: [{ type: 'text', data: { text: 'via credential URL' } }] }));
			await running.waitForEmits(1);
			expect(running.emitted[0][0][0].json.text).toBe('via credential URL');
		} finally {
			await running.close();
		}
	});

	test('no WebSocket URL in the node or the credential: a clear error', async () => {
		await expect(startTrigger(wsTrigger(sim, '/', {}, { wsUrl: '' }))).rejects.toThrow('No WebSocket URL: set it here or in the OneBot credential');
	});

	test('filters apply (private only)', async () => {
		const running = await startTrigger(wsTrigger(sim, '/', {}, { messageTypes: ['private'] }));
		try {
			await until(() => sim.wsConnections() === 1, 'connection');
			sim.pushEvent(sim.messageEvent({ messageType: 'group', groupId: 20002, userId: 123456, message: [{ type: 'text', data: { text: 'g' } }] }));
			sim.pushEvent(sim.messageEvent({ messageType: 'private', userId: 123456, message: [{ type: 'text', data: { text: 'p' } }] }));
			await running.waitForEmits(1);
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect(running.emitted.map((e) => e[0][0].json.text)).toEqual(['p']);
		} finally {
			await running.close();
		}
	});

	test('reconnects after the server drops the connection; the next event arrives once', async () => {
		const running = await startTrigger(wsTrigger(sim));
		try {
			await until(() => sim.wsConnections() === 1, 'first connection');
			sim.dropWsConnections();
			await until(() => sim.wsConnectionLog.filter((c) => c.accepted).length >= 2 && sim.wsConnections() === 1, 'reconnection');
			sim.pushEvent(sim.messageEvent({ messageType: 'private', userId: 123456, message: [{ type: 'text', data: { text: 'after drop' } }] }));
			await running.waitForEmits(1);
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect(running.emitted).toHaveLength(1);
			expect(running.errors).toHaveLength(0);
		} finally {
			await running.close();
		}
	}, 15000);

	test('token in the query when the credential says so', async () => {
		const running = await startTrigger(wsTrigger(sim, '/', { tokenLocation: 'query' }));
		try {
			await until(() => sim.wsConnections() === 1, 'connection');
			expect(sim.wsConnectionLog[0].query.access_token).toBe(TOKEN);
		} finally {
			await running.close();
		}
	});

	test('a refused token is fatal: emitError once, no retry loop', async () => {
		const running = await startTrigger(wsTrigger(sim, '/', { accessToken: 'wrong' }));
		try {
			const error = await running.waitForError();
			expect(error.message).toMatch(/refused the access token/);
			const attempts = sim.wsConnectionLog.length;
			await new Promise((resolve) => setTimeout(resolve, 1500));
			expect(sim.wsConnectionLog.length).toBe(attempts);
			expect(JSON.stringify(running.errors.map((e) => ({ ...e, message: e.message })))).not.toContain('wrong');
		} finally {
			await running.close();
		}
	});
});

describe('OneBot Trigger over WebSocket: lifecycle', () => {
	let sim: OneBotSimulator;
	beforeAll(async () => {
		sim = await OneBotSimulator.start({ dialect: 'napcat', token: TOKEN });
	});
	afterAll(async () => await sim.close());
	beforeEach(() => sim.reset());

	test('a server that refuses connections is retried with backoff until it comes back', async () => {
		sim.setWsOptions({ refuseConnections: true });
		const running = await startTrigger(wsTrigger(sim));
		try {
			await until(() => sim.wsConnectionLog.length >= 2, 'two refused attempts');
			expect(running.errors).toHaveLength(0);
			sim.setWsOptions({ refuseConnections: false });
			await until(() => sim.wsConnections() === 1, 'connection after the server came back', 12000);
		} finally {
			await running.close();
		}
		await until(() => sim.wsConnections() === 0, 'closed');
	}, 20000);

	test('close() during a backoff wait returns at once and leaves nothing running', async () => {
		sim.setWsOptions({ refuseConnections: true });
		const running = await startTrigger(wsTrigger(sim));
		await until(() => sim.wsConnectionLog.length >= 1, 'an attempt');
		const started = Date.now();
		await running.close();
		expect(Date.now() - started).toBeLessThan(1000);
		const attempts = sim.wsConnectionLog.length;
		await new Promise((resolve) => setTimeout(resolve, 2500));
		expect(sim.wsConnectionLog.length).toBe(attempts);
	});

	test('manual mode ("listen for test event") resolves on the first matching event', async () => {
		const running = await startTrigger(wsTrigger(sim), 'manual');
		const listening = running.manual!();
		await until(() => sim.wsConnections() === 1, 'connection');
		sim.pushEvent(sim.messageEvent({ messageType: 'private', userId: 123456, message: [{ type: 'text', data: { text: 'test event' } }] }));
		await listening;
		expect(running.emitted[0][0][0].json.text).toBe('test event');
		await running.close();
		await until(() => sim.wsConnections() === 0, 'closed');
	});

	test('webhook mode starts no connection', async () => {
		const running = await startTrigger({ ...wsTrigger(sim), parameters: { connection: 'webhook' } });
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(sim.wsConnectionLog).toHaveLength(0);
		await running.close();
	});
});
