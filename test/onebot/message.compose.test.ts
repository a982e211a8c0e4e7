import { byId, DIALECTS, useSimulator } from './setup';

const PNG_1PX =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe.each(DIALECTS)('OneBot message composer (%s)', (dialect) => {
	const t = useSimulator(dialect);

	test('image from binary data of an earlier node goes out as base64://', async () => {
		const result = await t.run(
			{
				resource: 'message',
				operation: 'sendGroup',
				groupId: byId(20002),
				messageMode: 'segments',
				segments: {
					segment: [
						{ type: 'text', value: 'chart: ' },
						{ type: 'image', mediaSource: 'binary', binaryProperty: 'chart' },
					],
				},
			},
			{ items: [{ json: {}, binary: { chart: { base64: PNG_1PX, fileName: 'chart.png', mimeType: 'image/png' } } }] },
		);
		expect(result.status).toBe('success');
		expect(t.sim.last('send_group_msg')!.body.message).toEqual([
			{ type: 'text', data: { text: 'chart: ' } },
			{ type: 'image', data: { file: `base64://${PNG_1PX}`, name: 'chart.png' } },
		]);
	});

	test('CQ code mode parses codes and unescapes & [ ] , exactly', async () => {
		const result = await t.run({
			resource: 'message',
			operation: 'sendGroup',
			groupId: byId(20002),
			messageMode: 'cqCode',
			cqCode: '[CQ:at,qq=10001] a &amp; b &#91;x&#93;, c[CQ:image,file=https://example.com/a.png?x=1&amp;y=2&#44;3]',
		});
		expect(result.status).toBe('success');
		expect(t.sim.last('send_group_msg')!.body.message).toEqual([
			{ type: 'at', data: { qq: 10001 } },
			{ type: 'text', data: { text: ' a & b [x], c' } },
			{ type: 'image', data: { file: 'https://example.com/a.png?x=1&y=2,3' } },
		]);
	});

	test('JSON mode sends the segment array as given (from an expression)', async () => {
		const result = await t.run(
			{ resource: 'message', operation: 'sendPrivate', userId: byId(123456), messageMode: 'json', messageJson: '={{ $json.message }}' },
			{ items: [{ json: { message: [{ type: 'face', data: { id: '14' } }, { type: 'text', data: { text: 'hi' } }] } }] },
		);
		expect(result.status).toBe('success');
		expect(t.sim.last('send_private_msg')!.body.message).toEqual([
			{ type: 'face', data: { id: '14' } },
			{ type: 'text', data: { text: 'hi' } },
		]);
	});

	test('Reply To option puts a reply segment first', async () => {
		await t.run({
			resource: 'message',
			operation: 'sendPrivate',
			userId: byId(123456),
			messageMode: 'text',
			text: 'ok',
			options: { replyTo: '12345' },
		});
		expect(t.sim.last('send_private_msg')!.body.message).toEqual([
			{ type: 'reply', data: { id: 12345 } },
			{ type: 'text', data: { text: 'ok' } },
		]);
	});

	test('Send picks send_msg with message_type from the Chat Type expression', async () => {
		const result = await t.run(
			{
				resource: 'message',
				operation: 'send',
				chatType: '={{ $json.type }}',
				userId: byId('={{ $json.id }}'),
				groupId: byId('={{ $json.id }}'),
				messageMode: 'text',
				text: 'x',
			},
			{ items: [{ json: { type: 'group', id: 20003 } }, { json: { type: 'private', id: 123456 } }] },
		);
		expect(result.status).toBe('success');
		expect(t.sim.requestsFor('send_msg').map((r) => r.body)).toEqual([
			{ message_type: 'group', group_id: 20003, message: [{ type: 'text', data: { text: 'x' } }] },
			{ message_type: 'private', user_id: 123456, message: [{ type: 'text', data: { text: 'x' } }] },
		]);
	});
});

describe('OneBot composer input errors (napcat)', () => {
	const t = useSimulator('napcat');

	test.each([
		['empty text (from an expression)', { messageMode: 'text', text: '={{ $json.nothing ?? "" }}' }, /message text is empty/, 'Text'],
		['malformed CQ code', { messageMode: 'cqCode', cqCode: 'hi [CQ:at,qq=1' }, /Malformed CQ code/, 'CQ Code'],
		['malformed JSON', { messageMode: 'json', messageJson: '[{"type": "text",' }, /Not valid JSON/, 'Message JSON'],
		['segment without data', { messageMode: 'json', messageJson: '[{"type":"at","data":{"qq":"abc"}}]' }, /qq/, 'Message JSON'],
		['missing binary property', { messageMode: 'segments', segments: { segment: [{ type: 'image', mediaSource: 'binary', binaryProperty: 'photo' }] } }, /no binary property "photo"/, 'Input Binary Property'],
		['bad user ID (from an expression)', { messageMode: 'text', text: 'x', userId: byId('={{ "12a" }}') }, /QQ number must contain only digits/, 'User'],
	])('%s → NodeOperationError naming field and item; nothing sent', async (_name, params, message, field) => {
		const result = await t.run({ resource: 'message', operation: 'sendPrivate', userId: byId(123456), ...params }, { items: [{ json: {} }, { json: {} }] });
		expect(result.status).toBe('error');
		expect(result.error!.name).toBe('NodeOperationError');
		expect(result.error!.message).toMatch(message);
		expect(result.error!.message).toMatch(/\[item 0\]$/);
		expect(result.error!.description).toContain(field);
		expect(t.sim.requestsFor('send_private_msg')).toHaveLength(0);
	});

	test('with continueOnFail the bad item becomes an error item and the good ones are sent', async () => {
		const result = await t.run(
			{ resource: 'message', operation: 'sendPrivate', userId: byId('={{ $json.to }}'), messageMode: 'text', text: 'x' },
			{ items: [{ json: { to: 123456 } }, { json: { to: 'nobody' } }, { json: { to: 987654321 } }], onError: 'continueRegularOutput' },
		);
		expect(result.status).toBe('success');
		expect(t.sim.requestsFor('send_private_msg').map((r) => r.body.user_id)).toEqual([123456, 987654321]);
		expect(result.items).toHaveLength(3);
		expect(result.items[1].json.error).toMatch(/digits.*\[item 1\]/);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('n8n checks static parameters before running (napcat)', () => {
	const t = useSimulator('napcat');

	test('a typed non-numeric ID is refused by the locator validation; nothing sent', async () => {
		await expect(
			t.run({ resource: 'message', operation: 'sendPrivate', userId: byId('12a'), messageMode: 'text', text: 'x' }),
		).rejects.toThrow(/Enter digits only/);
		expect(t.sim.requests).toHaveLength(0);
	});
});
