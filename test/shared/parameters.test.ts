/**
 * The per-execution parameter reader (nodes/shared/parameters.ts) must give exactly what n8n's
 * own getNodeParameter gives. Each case runs twice through the real engine, once with the reader
 * and once with n8n alone, and the requests the simulator received, the output items and the
 * errors must be the same.
 */
import type { IDataObject } from 'n8n-workflow';

import { jsonPath, parameterReader, scalarAt } from '../../nodes/shared/parameters';
import { byId, useSimulator } from '../onebot/setup';

describe('jsonPath / scalarAt', () => {
	test.each([
		['={{ $json.userId }}', ['userId']],
		['={{$json.a.b}}', ['a', 'b']],
		['={{ $json["user id"][0] }}', ['user id', 0]],
		["={{ $json['x'].y[12] }}", ['x', 'y', 12]],
		['={{ $json.$a._b }}', ['$a', '_b']],
	])('%s is a plain path', (expression, path) => {
		expect(jsonPath(expression)).toEqual(path);
	});

	test.each([
		'{{ $json.userId }}',
		'=Hi {{ $json.name }}',
		'={{ $json.a }} ',
		'={{ $json.a + 1 }}',
		'={{ $json.a.toUpperCase() }}',
		'={{ $json }}',
		'={{ $json?.a }}',
		'={{ $json["a\\"b"] }}',
		'={{ $input.item.json.a }}',
		"={{ $fromAI('text') }}",
	])('%s is left to n8n', (expression) => {
		expect(jsonPath(expression)).toBeUndefined();
	});

	test('only own scalar values are read', () => {
		const json = { a: { b: 'x', n: 12, f: false, o: {}, nul: null, nan: Number.NaN }, list: ['p', 'q'] };
		expect(scalarAt(json, ['a', 'b'])).toBe('x');
		expect(scalarAt(json, ['a', 'n'])).toBe(12);
		expect(scalarAt(json, ['a', 'f'])).toBe(false);
		expect(scalarAt(json, ['list', 1])).toBe('q');
		expect(scalarAt(json, ['list', 'length'])).toBe(2); // an own property, as `$json.list.length` in n8n
		for (const path of [['a', 'o'], ['a', 'nul'], ['a', 'nan'], ['a', 'missing'], ['a', 'b', 'length'], ['constructor'], ['__proto__']]) {
			expect(scalarAt(json, path)).toBeUndefined();
		}
	});
});

describe('the reader against n8n alone, through the engine', () => {
	const t = useSimulator('napcat');
	afterEach(() => {
		parameterReader.enabled = true;
	});

	async function both(parameters: IDataObject, items: Array<{ json: IDataObject }>, onError?: 'continueRegularOutput') {
		const outcomes = [];
		for (const enabled of [true, false]) {
			parameterReader.enabled = enabled;
			t.sim.reset();
			const result = await t.run(parameters, { items, onError });
			outcomes.push({
				status: result.status,
				error: result.error?.message,
				items: result.items.map((item) => item.json),
				bodies: t.sim.requests.filter((r) => r.path !== '/get_version_info').map((r) => [r.path, r.body]),
			});
		}
		expect(outcomes[0]).toEqual(outcomes[1]);
		return outcomes[0];
	}

	const send = (userId: unknown, text: unknown, extra: IDataObject = {}) => ({
		resource: 'message',
		operation: 'sendPrivate',
		userId: byId(userId as string),
		messageMode: 'text',
		text,
		...extra,
	});

	test('user and text from the item: numbers, strings, nested paths, array indexes', async () => {
		const outcome = await both(send('={{ $json.user["id"] }}', '={{ $json.lines[1] }}'), [
			{ json: { user: { id: 123456 }, lines: ['a', 'first'] } },
			{ json: { user: { id: '123456789' }, lines: ['b', 'second'] } },
			{ json: { user: { id: 987654321 }, lines: ['c', 'third'] } },
		]);
		expect(outcome.status).toBe('success');
		expect(outcome.bodies).toHaveLength(3);
	});

	test('values the reader does not handle go to n8n: objects, missing fields, booleans as text, templates', async () => {
		const outcome = await both(
			send('={{ $json.userId }}', '={{ $json.text }}'),
			[
				{ json: { userId: 123456, text: { an: 'object' } } },
				{ json: { userId: 123456 } },
				{ json: { userId: 123456, text: true } },
				{ json: { userId: 'not a number', text: 'x' } },
				{ json: { text: 'no user' } },
			],
			'continueRegularOutput',
		);
		expect(outcome.items.length).toBe(5);
		const templated = await both(send(123456, '=Hello {{ $json.name }}!'), [{ json: { name: 'Ann' } }, { json: { name: 'Bo' } }]);
		expect(templated.bodies.map((b) => (b[1] as IDataObject).message)).toEqual([
			[{ type: 'text', data: { text: 'Hello Ann!' } }],
			[{ type: 'text', data: { text: 'Hello Bo!' } }],
		]);
	});

	test('typed-in collections are resolved once and handed out as copies', async () => {
		const outcome = await both(
			send('={{ $json.userId }}', '', {
				messageMode: 'segments',
				segments: { segment: [{ type: 'text', value: 'hello ' }, { type: 'face', value: '14' }] },
				options: { replyTo: '555' },
			}),
			[{ json: { userId: 123456 } }, { json: { userId: 123456789 } }],
		);
		expect(outcome.bodies).toHaveLength(2);
		expect((outcome.bodies[0][1] as IDataObject).message).toEqual((outcome.bodies[1][1] as IDataObject).message);
	});

	test('a failure stops the run with the same error either way', async () => {
		const outcome = await both(send('={{ $json.userId }}', '={{ $json.text }}'), [
			{ json: { userId: 123456, text: 'ok' } },
			{ json: { userId: 'abc', text: 'bad user' } },
		]);
		expect(outcome.status).toBe('error');
		expect(outcome.error).toMatch(/\[item 1\]/);
	});
});
