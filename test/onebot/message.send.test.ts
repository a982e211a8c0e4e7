import { byId, DIALECTS, fromList, TOKEN, useSimulator } from './setup';

describe.each(DIALECTS)('OneBot send (%s)', (dialect) => {
	const t = useSimulator(dialect);

	test('seed 001: send_private_msg with a reply and a text segment, body exactly as documented', async () => {
		const result = await t.run({
			resource: 'message',
			operation: 'sendPrivate',
			userId: byId('123456'),
			messageMode: 'segments',
			segments: {
				segment: [
					{ type: 'reply', value: '1263753202' },
					{ type: 'text', value: '回复你了' },
				],
			},
		});
		expect(result.status).toBe('success');
		const request = t.sim.last('send_private_msg')!;
		expect(request.rawBody).toBe(
			JSON.stringify({ user_id: 123456, message: [{ type: 'reply', data: { id: 1263753202 } }, { type: 'text', data: { text: '回复你了' } }] }),
		);
		expect(request.method).toBe('POST');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(result.items).toHaveLength(1);
		expect(typeof result.items[0].json.message_id).toBe('number');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('text mode sends the text literally, one request per item, pairedItem kept', async () => {
		const result = await t.run(
			{ resource: 'message', operation: 'sendGroup', groupId: fromList('20002'), messageMode: 'text', text: '={{ $json.text }}' },
			{ items: [{ json: { text: '[CQ:at,qq=all] hi & bye' } }, { json: { text: 'second' } }] },
		);
		expect(result.status).toBe('success');
		const requests = t.sim.requestsFor('send_group_msg');
		expect(requests.map((r) => r.body)).toEqual([
			{ group_id: 20002, message: [{ type: 'text', data: { text: '[CQ:at,qq=all] hi & bye' } }] },
			{ group_id: 20002, message: [{ type: 'text', data: { text: 'second' } }] },
		]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
