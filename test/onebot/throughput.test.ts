import { byId, useSimulator } from './setup';

const send = (options: object) => ({ resource: 'message', operation: 'sendPrivate', userId: byId('={{ $json.to }}'), messageMode: 'text', text: '={{ "n" + $json.n }}', options });
const items = (count: number) => Array.from({ length: count }, (_, n) => ({ json: { n, to: 123456 } }));

describe('bulk sends: concurrency and rate limit', () => {
	const t = useSimulator('napcat');

	test('default: one request at a time', async () => {
		t.sim.fault({ action: 'send_private_msg', delayMs: 30, times: Infinity });
		const result = await t.run(send({}), { items: items(6) });
		expect(result.status).toBe('success');
		expect(t.sim.load.maxInFlight).toBe(1);
	});

	test('concurrency 4: up to four in flight, output in input order with pairedItem', async () => {
		t.sim.fault({ action: 'send_private_msg', delayMs: 40, times: Infinity });
		const result = await t.run(send({ concurrency: 4 }), { items: items(12) });
		expect(result.status).toBe('success');
		expect(t.sim.load.maxInFlight).toBe(4);
		expect(result.items.map((i) => i.pairedItem)).toEqual(items(12).map((_, n) => ({ item: n })));
		const ids = result.items.map((i) => i.json.message_id as number);
		// message IDs are given in arrival order; the output follows the input order
		expect(new Set(ids).size).toBe(12);
		expect(t.sim.requestsFor('send_private_msg').map((r) => r.body.message[0].data.text).sort()).toEqual(items(12).map((_, n) => `n${n}`).sort());
	});

	test('concurrency with continueOnFail: a failing item becomes an error item in its place', async () => {
		const result = await t.run(
			{ ...send({ concurrency: 3 }), userId: byId('={{ $json.n === 2 ? "x" : $json.to }}') },
			{ items: items(5), onError: 'continueRegularOutput' },
		);
		expect(result.items).toHaveLength(5);
		expect(result.items[2].json.error).toMatch(/digits/);
		expect(result.items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(t.sim.requestsFor('send_private_msg')).toHaveLength(4);
	});

	test('concurrency without continueOnFail: the run fails with the lowest failing item', async () => {
		const result = await t.run({ ...send({ concurrency: 3 }), userId: byId('={{ $json.n >= 3 ? "x" : $json.to }}') }, { items: items(8) });
		expect(result.status).toBe('error');
		expect(result.error!.message).toMatch(/\[item 3\]$/);
	});

	test('rate limit spaces the sends evenly (checked on arrival gaps, not on total time)', async () => {
		const stamps: number[] = [];
		const original = t.sim.requests.push.bind(t.sim.requests);
		t.sim.requests.push = (...recs) => {
			stamps.push(Date.now());
			return original(...recs);
		};
		try {
			await t.run(send({ rateLimit: 20, rateLimitPer: 'second', concurrency: 4 }), { items: items(6) });
		} finally {
			t.sim.requests.push = original;
		}
		// 20 per second = one every 50 ms: six sends span at least 5 intervals (a slow machine only adds)
		expect(stamps).toHaveLength(6);
		expect(stamps[5] - stamps[0]).toBeGreaterThanOrEqual(5 * 50 - 5);
	});
});
