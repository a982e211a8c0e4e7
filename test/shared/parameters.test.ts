/**
 * The per-execution parameter reader (nodes/shared/parameters.ts) must give exactly what n8n's
 * own getNodeParameter gives. Each case runs twice through the real engine, once with the reader
 * and once with n8n alone, and the requests the simulator received, the output items and the
 * errors must be the same.
 */

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { jsonPath, parameterReader, scalarAt, withParameterReader } from '../../nodes/shared/parameters';
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

describe('what the reader asks n8n for (a counting stand-in for the context)', () => {
	const properties: INodeProperties[] = [
		{ displayName: 'Text', name: 'text', type: 'string', default: '' },
		{ displayName: 'Mail', name: 'mail', type: 'string', default: '', validateType: 'number' },
		{
			displayName: 'User',
			name: 'user',
			type: 'resourceLocator',
			default: { mode: 'id', value: '' },
			modes: [
				{ displayName: 'ID', name: 'id', type: 'string' },
				{ displayName: 'URL', name: 'url', type: 'string', extractValue: { type: 'regex', regex: 'u/(\\d+)' } },
			],
		},
	];
	function context(parameters: Record<string, unknown>, items: Array<Record<string, unknown>>) {
		const calls: string[] = [];
		const ctx = {
			getNode: () => ({ parameters }),
			getInputData: () => items.map((json) => ({ json })),
			getNodeParameter: (name: string, i: number) => {
				calls.push(`${name}@${i}`);
				return name === 'options' ? { nested: { a: 1 } } : `n8n:${name}:${i}`;
			},
			continueOnFail: () => false,
		} as unknown as IExecuteFunctions;
		return { reader: withParameterReader(ctx, properties), calls };
	}

	test('typed-in values once per execution, copies of objects', () => {
		const { reader, calls } = context({ text: 'hello', options: { nested: { a: 1 } } }, [{}, {}, {}]);
		expect([0, 1, 2].map((i) => reader.getNodeParameter('text', i))).toEqual(['n8n:text:0', 'n8n:text:0', 'n8n:text:0']);
		const first = reader.getNodeParameter('options', 0) as { nested: { a: number } };
		first.nested.a = 2;
		expect(reader.getNodeParameter('options', 1)).toEqual({ nested: { a: 1 } });
		expect(calls).toEqual(['text@0', 'options@0']);
	});

	test('plain $json paths from the item; other expressions, validated fields and extracting modes from n8n', () => {
		const { reader, calls } = context(
			{
				text: '={{ $json.t }}',
				mail: '={{ $json.m }}',
				user: { __rl: true, mode: 'id', value: '={{ $json.u }}' },
				other: '={{ $json.t.toUpperCase() }}',
			},
			[{ t: 'a', m: 'x@y.z', u: 7 }, { t: { not: 'scalar' }, u: 8 }],
		);
		expect(reader.getNodeParameter('text', 0)).toBe('a');
		expect(reader.getNodeParameter('text', 1)).toBe('n8n:text:1');
		expect(reader.getNodeParameter('mail', 0)).toBe('n8n:mail:0');
		expect(reader.getNodeParameter('user', 1, '', { extractValue: true })).toBe(8);
		expect(reader.getNodeParameter('user', 1)).toBe('n8n:user:1');
		expect(reader.getNodeParameter('other', 0)).toBe('n8n:other:0');
		expect(calls).toEqual(['text@1', 'mail@0', 'user@1', 'other@0']);

		const url = context({ user: { __rl: true, mode: 'url', value: '={{ $json.u }}' } }, [{ u: 'https://x/u/5' }]);
		expect(url.reader.getNodeParameter('user', 0, '', { extractValue: true })).toBe('n8n:user:0');
	});

	test('off switch: the context itself', () => {
		parameterReader.enabled = false;
		try {
			const ctx = { getNode: () => ({ parameters: {} }), getInputData: () => [] } as unknown as IExecuteFunctions;
			expect(withParameterReader(ctx, properties)).toBe(ctx);
		} finally {
			parameterReader.enabled = true;
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

	const send = (userId: string | number, text: string, extra: IDataObject = {}): IDataObject => ({
		resource: 'message',
		operation: 'sendPrivate',
		userId: byId(userId),
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
