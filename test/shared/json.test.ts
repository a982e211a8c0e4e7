import { parseJsonLossless, stringifyJson } from '../../nodes/shared/json';

describe('parseJsonLossless', () => {
	it('keeps 19-digit integers exact as strings in objects', () => {
		expect(parseJsonLossless('{"id":1234567890123456789,"n":1}')).toEqual({
			id: '1234567890123456789',
			n: 1,
		});
	});

	it('keeps big integers in arrays, nested structures and at top level', () => {
		expect(parseJsonLossless('[1234567890123456789, 2, 98765432109876543210]')).toEqual([
			'1234567890123456789',
			2,
			'98765432109876543210',
		]);
		expect(
			parseJsonLossless('{"data":{"list":[{"msg_id":7234567890123456789,"ok":true}],"x":null}}'),
		).toEqual({ data: { list: [{ msg_id: '7234567890123456789', ok: true }], x: null } });
		expect(parseJsonLossless('1234567890123456789')).toBe('1234567890123456789');
		expect(parseJsonLossless(' \n 1234567890123456789 \n')).toBe('1234567890123456789');
	});

	it('keeps the sign of negative big integers', () => {
		expect(parseJsonLossless('{"a":-1234567890123456789}')).toEqual({ a: '-1234567890123456789' });
		expect(parseJsonLossless('[-9007199254740992]')).toEqual(['-9007199254740992']);
	});

	it('leaves integers up to Number.MAX_SAFE_INTEGER as numbers', () => {
		expect(parseJsonLossless('[9007199254740991,-9007199254740991,1000000000000000]')).toEqual([
			9007199254740991, -9007199254740991, 1000000000000000,
		]);
		expect(parseJsonLossless('{"a":0,"b":-0,"c":12}')).toEqual({ a: 0, b: -0, c: 12 });
	});

	it('turns integers just past the boundary into strings', () => {
		expect(parseJsonLossless('[9007199254740992,9007199254740993,10000000000000000]')).toEqual([
			'9007199254740992',
			'9007199254740993',
			'10000000000000000',
		]);
	});

	it('leaves non-integers as numbers', () => {
		expect(
			parseJsonLossless('[1234567890123456789.5,1e25,1234567890123456789e2,12345678901234567890E-3]'),
		).toEqual([
			Number('1234567890123456789.5'),
			1e25,
			Number('1234567890123456789e2'),
			Number('12345678901234567890E-3'),
		]);
		expect(typeof (parseJsonLossless('[1234567890123456789.5]') as unknown[])[0]).toBe('number');
		expect(parseJsonLossless('{"t":1.0000000000000000001}')).toEqual({ t: 1 });
	});

	it('never touches digits inside strings', () => {
		const text =
			'{"text":"id 1234567890123456789 here","k1234567890123456789":"x","n":1234567890123456789}';
		expect(parseJsonLossless(text)).toEqual({
			text: 'id 1234567890123456789 here',
			k1234567890123456789: 'x',
			n: '1234567890123456789',
		});
	});

	it('handles escaped quotes and backslashes in strings', () => {
		const text = String.raw`{"a":"say \"1234567890123456789\" \\","b":1234567890123456789,"c":"\\\"x\\"}`;
		expect(parseJsonLossless(text)).toEqual({
			a: 'say "1234567890123456789" \\',
			b: '1234567890123456789',
			c: '\\"x\\',
		});
		expect(parseJsonLossless(String.raw`["\u0031234567890123456789",1234567890123456789]`)).toEqual([
			'1234567890123456789',
			'1234567890123456789',
		]);
	});

	it('behaves like JSON.parse when there are no long digit runs', () => {
		const text = '{"a":[1,2.5,-3,"x",true,false,null,{"b":"c"}],"d":"é\\u00e9"}';
		expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
	});

	it('throws a SyntaxError on invalid JSON', () => {
		expect(() => parseJsonLossless('{"a":')).toThrow(SyntaxError);
		expect(() => parseJsonLossless('')).toThrow(SyntaxError);
		expect(() => parseJsonLossless("{'a':1}")).toThrow(SyntaxError);
		expect(() => parseJsonLossless('{"a":1234567890123456789,}')).toThrow(SyntaxError);
		expect(() => parseJsonLossless('[1234567890123456789')).toThrow(SyntaxError);
	});

	it('does not make invalid JSON valid by quoting numbers', () => {
		// a number cannot be a key
		expect(() => parseJsonLossless('{1234567890123456789:1}')).toThrow(SyntaxError);
		expect(() => parseJsonLossless('{"a":1, 1234567890123456789 : 2}')).toThrow(SyntaxError);
		// leading zeros are not JSON
		expect(() => parseJsonLossless('[01234567890123456789]')).toThrow(SyntaxError);
		expect(() => parseJsonLossless('[-01234567890123456789]')).toThrow(SyntaxError);
		// two values in a row
		expect(() => parseJsonLossless('[1 12345678901234567890]')).toThrow(SyntaxError);
		expect(() => parseJsonLossless('12345678901234567890abc')).toThrow(SyntaxError);
		expect(() => parseJsonLossless('"a"12345678901234567890')).toThrow(SyntaxError);
	});

	it('reports the error against the original text', () => {
		const text = '{"a":1234567890123456789,"b":}';
		let expected = '';
		try {
			JSON.parse(text);
		} catch (error) {
			expected = (error as Error).message;
		}
		expect(() => parseJsonLossless(text)).toThrow(expected);
	});
});

describe('stringifyJson', () => {
	it('writes bigint values as bare integer literals', () => {
		expect(stringifyJson({ id: BigInt('1234567890123456789') })).toBe('{"id":1234567890123456789}');
		expect(stringifyJson([BigInt(-5), BigInt('98765432109876543210')])).toBe(
			'[-5,98765432109876543210]',
		);
		expect(stringifyJson(BigInt('1234567890123456789'))).toBe('1234567890123456789');
	});

	it('round-trips with parseJsonLossless', () => {
		const text = '{"group_id":1234567890123456789,"msg":"hi 1234567890123456789"}';
		const parsed = parseJsonLossless(text) as Record<string, unknown>;
		expect(stringifyJson({ ...parsed, group_id: BigInt(parsed.group_id as string) })).toBe(text);
	});

	it('matches JSON.stringify for everything else', () => {
		const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
		const value = {
			s: 'a"b\\c\n\u2028é',
			n: 1.5,
			neg: -0,
			inf: Infinity,
			nan: NaN,
			t: true,
			f: false,
			nil: null,
			u: undefined,
			fn: () => 1,
			arr: [1, undefined, () => 1, null, 'x'],
			nested: { deep: { deeper: [{}] } },
			date,
			custom: { toJSON: (key: string) => `custom:${key}` },
			boxed: [new Number(3), new String('s'), new Boolean(false)],
		};
		const expected = JSON.stringify(value);
		expect(stringifyJson(value)).toBe(expected);
		expect(stringifyJson({ ...value, big: BigInt(7) })).toBe(`${expected.slice(0, -1)},"big":7}`);
	});

	it('writes bigint inside nested arrays and objects', () => {
		expect(
			stringifyJson({
				messages: [{ type: 'node', data: { user_id: BigInt('1234567890123456789'), content: [] } }],
			}),
		).toBe('{"messages":[{"type":"node","data":{"user_id":1234567890123456789,"content":[]}}]}');
	});

	it('uses toJSON results and skips undefined members when bigints are present', () => {
		expect(
			stringifyJson({
				a: undefined,
				b: { toJSON: () => BigInt(12) },
				c: [undefined],
				d: BigInt(1),
				e: new Date(0),
			}),
		).toBe('{"b":12,"c":[null],"d":1,"e":"1970-01-01T00:00:00.000Z"}');
	});

	it('throws on circular structures and values with no JSON form', () => {
		const circular: Record<string, unknown> = { big: BigInt(1) };
		circular.self = circular;
		expect(() => stringifyJson(circular)).toThrow(TypeError);
		const plainCircular: Record<string, unknown> = {};
		plainCircular.self = plainCircular;
		expect(() => stringifyJson(plainCircular)).toThrow(TypeError);
		expect(() => stringifyJson(undefined)).toThrow(TypeError);
		expect(() => stringifyJson(() => 1)).toThrow(TypeError);
	});

	it('allows the same object twice when it is not circular', () => {
		const shared = { n: BigInt(1) };
		expect(stringifyJson([shared, shared])).toBe('[{"n":1},{"n":1}]');
	});
});
