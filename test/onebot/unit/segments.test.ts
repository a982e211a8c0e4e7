import {
	SegmentError,
	mentionsOf,
	normalizeSegmentIds,
	replyIdOf,
	segmentsToPlainText,
	validateSegments,
} from '../../../nodes/OneBot/message/segments';
import type { OneBotSegment } from '../../../nodes/OneBot/message/types';

function segmentError(fn: () => unknown): SegmentError {
	try {
		fn();
	} catch (error) {
		if (error instanceof SegmentError) return error;
		throw error;
	}
	throw new Error('expected a SegmentError');
}

function pathOf(value: unknown, path?: string): string {
	return segmentError(() => validateSegments(value, path)).path;
}

describe('validateSegments', () => {
	it('accepts the seed 001 message unchanged', () => {
		const message = [
			{ type: 'reply', data: { id: 1263753202 } },
			{ type: 'text', data: { text: '回复你了' } },
		];
		const result = validateSegments(message);
		expect(result).toEqual(message);
		expect(JSON.stringify({ user_id: 123456, message: result })).toBe(
			'{"user_id":123456,"message":[{"type":"reply","data":{"id":1263753202}},{"type":"text","data":{"text":"回复你了"}}]}',
		);
	});

	it('wraps a single segment object in an array', () => {
		expect(validateSegments({ type: 'text', data: { text: 'hi' } })).toEqual([
			{ type: 'text', data: { text: 'hi' } },
		]);
	});

	it('keeps only type and data, and data as given', () => {
		const data = { file: 'base64://AAAA', summary: '[图片]', sub_type: 0 };
		const [segment] = validateSegments([{ type: 'image', data, extra: 1 }]);
		expect(segment).toEqual({ type: 'image', data });
		expect(segment.data).toBe(data);
	});

	it('rejects an empty message', () => {
		const error = segmentError(() => validateSegments([]));
		expect(error.message).toBe('message: message is empty');
		expect(error.reason).toBe('message is empty');
		expect(error.path).toBe('message');
		expect(error.name).toBe('SegmentError');
	});

	it('rejects values that are not segments', () => {
		expect(pathOf('hello')).toBe('message');
		expect(segmentError(() => validateSegments('hello')).message).toMatch(/CQ-code/);
		expect(pathOf(null)).toBe('message');
		expect(pathOf(42)).toBe('message');
		expect(pathOf([{ type: 'text', data: { text: 'a' } }, 'b'])).toBe('message[1]');
		expect(pathOf([[]])).toBe('message[0]');
	});

	it('requires a non-empty string type', () => {
		expect(pathOf([{ data: {} }])).toBe('message[0].type');
		expect(pathOf([{ type: '', data: {} }])).toBe('message[0].type');
		expect(pathOf([{ type: 7, data: {} }])).toBe('message[0].type');
	});

	it('requires data to be an object', () => {
		expect(pathOf([{ type: 'text', data: 'hi' }])).toBe('message[0].data');
		expect(pathOf([{ type: 'dice', data: [] }])).toBe('message[0].data');
	});

	it('allows missing data only for types without required fields', () => {
		expect(validateSegments([{ type: 'shake' }, { type: 'dice', data: null }])).toEqual([
			{ type: 'shake', data: {} },
			{ type: 'dice', data: {} },
		]);
		for (const type of ['text', 'at', 'reply', 'face', 'image', 'record', 'video', 'file', 'json', 'node']) {
			const error = segmentError(() => validateSegments([{ type }]));
			expect(error.path).toBe('message[0].data');
			expect(error.reason).toContain(`"${type}"`);
		}
	});

	it('passes unknown types through', () => {
		const message = [{ type: 'mface', data: { emoji_id: 'x', anything: [1] } }, { type: 'keyboard', data: {} }];
		expect(validateSegments(message)).toEqual(message);
	});

	describe('text', () => {
		it('needs a string', () => {
			expect(validateSegments([{ type: 'text', data: { text: '' } }])).toHaveLength(1);
			expect(pathOf([{ type: 'text', data: {} }])).toBe('message[0].data.text');
			expect(pathOf([{ type: 'text', data: { text: 5 } }])).toBe('message[0].data.text');
		});
	});

	describe('at', () => {
		it('takes a QQ number as number or digits, or "all"', () => {
			const ok = [{ qq: 10001 }, { qq: '10001' }, { qq: 'all' }, { qq: '10001', name: 'Bob' }];
			for (const data of ok) expect(validateSegments({ type: 'at', data })).toHaveLength(1);
		});

		it('rejects everything else with the path', () => {
			for (const qq of ['ALL', '10001a', '', -1, 1.5, null, undefined, {}, ' 1']) {
				expect(pathOf([{ type: 'text', data: { text: 'x' } }, { type: 'at', data: { qq } }])).toBe(
					'message[1].data.qq',
				);
			}
		});

		it('explains unsafe numbers', () => {
			const error = segmentError(() => validateSegments({ type: 'at', data: { qq: 2 ** 60 } }));
			expect(error.message).toMatch(/pass it as a string/);
		});
	});

	describe('reply', () => {
		it('takes an integer-like id', () => {
			for (const id of [1263753202, '1263753202', -5, '-5', 0]) {
				expect(validateSegments({ type: 'reply', data: { id } })).toHaveLength(1);
			}
		});

		it('accepts seq instead of id (NapCat)', () => {
			expect(validateSegments({ type: 'reply', data: { seq: 123 } })).toHaveLength(1);
			expect(pathOf({ type: 'reply', data: { seq: 'x' } })).toBe('message.data.seq');
		});

		it('rejects other ids', () => {
			for (const id of ['abc', '1.5', 1.5, '', null, undefined, true]) {
				expect(pathOf([{ type: 'reply', data: { id } }])).toBe('message[0].data.id');
			}
		});
	});

	describe('face', () => {
		it('takes digits', () => {
			expect(validateSegments([{ type: 'face', data: { id: 178 } }, { type: 'face', data: { id: '14' } }])).toHaveLength(2);
			for (const id of ['smile', -1, '', undefined]) {
				expect(pathOf([{ type: 'face', data: { id } }])).toBe('message[0].data.id');
			}
		});
	});

	describe('media', () => {
		it('needs a non-empty file string', () => {
			for (const type of ['image', 'record', 'video', 'file']) {
				expect(validateSegments({ type, data: { file: 'base64://AAAA' } })).toHaveLength(1);
				expect(pathOf([{ type, data: { file: '' } }])).toBe('message[0].data.file');
				expect(pathOf([{ type, data: { file: '  ' } }])).toBe('message[0].data.file');
				expect(pathOf([{ type, data: { url: 'http://x' } }])).toBe('message[0].data.file');
				expect(pathOf([{ type, data: { file: 3 } }])).toBe('message[0].data.file');
			}
		});
	});

	describe('json', () => {
		it('takes a JSON string or an object, kept as given', () => {
			const object = { app: 'com.tencent.miniapp', config: { token: 't' } };
			expect(validateSegments({ type: 'json', data: { data: object } })[0].data.data).toBe(object);
			expect(validateSegments({ type: 'json', data: { data: '{"a":1}' } })[0].data.data).toBe('{"a":1}');
			for (const value of ['', 5, [], null, undefined]) {
				expect(pathOf({ type: 'json', data: { data: value } })).toBe('message.data.data');
			}
		});
	});

	describe('node', () => {
		it('accepts reference and custom nodes', () => {
			const message = [
				{ type: 'node', data: { id: 123 } },
				{ type: 'node', data: { id: '456' } },
				{ type: 'node', data: { nickname: 'A', user_id: 10001, content: [{ type: 'text', data: { text: 'hi' } }] } },
				{ type: 'node', data: { nickname: 'B', user_id: '10002', content: 'hello [CQ:face,id=1]' } },
			];
			expect(validateSegments(message)).toEqual(message);
		});

		it('renames name/uin to nickname/user_id and keeps extra fields after them', () => {
			const [node] = validateSegments([
				{ type: 'node', data: { time: 1700000000, uin: 10001, name: 'A', content: { type: 'text', data: { text: 'x' } } } },
			]);
			expect(JSON.stringify(node)).toBe(
				'{"type":"node","data":{"nickname":"A","user_id":10001,"content":[{"type":"text","data":{"text":"x"}}],"time":1700000000}}',
			);
		});

		it('validates nested content with its path', () => {
			expect(
				pathOf([
					{ type: 'node', data: { nickname: 'A', user_id: 1, content: [{ type: 'text', data: { text: 'ok' } }, { type: 'at', data: {} }] } },
				]),
			).toBe('message[0].data.content[1].data.qq');
			expect(pathOf([{ type: 'node', data: { nickname: 'A', user_id: 1, content: [] } }])).toBe(
				'message[0].data.content',
			);
			expect(pathOf([{ type: 'node', data: { nickname: 'A', user_id: 1, content: '' } }])).toBe(
				'message[0].data.content',
			);
			expect(pathOf([{ type: 'node', data: { nickname: 'A', user_id: 1 } }])).toBe('message[0].data.content');
			const error = segmentError(() =>
				validateSegments([{ type: 'node', data: { nickname: 'A', user_id: 1, content: 'hi [CQ:at,qq=1' } }]),
			);
			expect(error.path).toBe('message[0].data.content');
			expect(error.reason).toBe('is not a valid CQ-code string: "[CQ:" is never closed with "]" (at position 3)');
		});

		it('accepts nested forward nodes', () => {
			const inner = { type: 'node', data: { nickname: 'In', user_id: 2, content: [{ type: 'text', data: { text: 'deep' } }] } };
			const message = [{ type: 'node', data: { nickname: 'Out', user_id: 1, content: [inner] } }];
			expect(validateSegments(message)).toEqual(message);
		});

		it('checks the sender', () => {
			expect(pathOf([{ type: 'node', data: { user_id: 1, content: 'x' } }])).toBe('message[0].data.nickname');
			expect(pathOf([{ type: 'node', data: { name: '', user_id: 1, content: 'x' } }])).toBe('message[0].data.name');
			expect(pathOf([{ type: 'node', data: { nickname: 'A', content: 'x' } }])).toBe('message[0].data.user_id');
			expect(pathOf([{ type: 'node', data: { nickname: 'A', uin: 'x', content: 'x' } }])).toBe('message[0].data.uin');
			expect(pathOf([{ type: 'node', data: { id: null, nickname: 'A', user_id: 1.5, content: 'x' } }])).toBe(
				'message[0].data.id',
			);
		});

		it('rejects node segments mixed with other segments', () => {
			const error = segmentError(() =>
				validateSegments([
					{ type: 'node', data: { id: 1 } },
					{ type: 'text', data: { text: 'x' } },
				]),
			);
			expect(error.path).toBe('message[1].type');
			expect(error.reason).toMatch(/cannot be mixed/);
			expect(
				pathOf([
					{ type: 'text', data: { text: 'x' } },
					{ type: 'node', data: { id: 1 } },
				]),
			).toBe('message[1].type');
		});
	});

	it('uses the given path', () => {
		expect(pathOf([{ type: 'at', data: {} }], 'params.message')).toBe('params.message[0].data.qq');
	});
});

describe('normalizeSegmentIds', () => {
	it('turns safe digit strings into numbers for reply.id, at.qq and face.id', () => {
		const input: OneBotSegment[] = [
			{ type: 'reply', data: { id: '1263753202' } },
			{ type: 'at', data: { qq: '10001', name: 'Bob' } },
			{ type: 'at', data: { qq: 'all' } },
			{ type: 'face', data: { id: '178' } },
			{ type: 'text', data: { text: '123' } },
			{ type: 'image', data: { file: '123' } },
		];
		expect(JSON.stringify(normalizeSegmentIds(input))).toBe(
			'[{"type":"reply","data":{"id":1263753202}},{"type":"at","data":{"qq":10001,"name":"Bob"}},{"type":"at","data":{"qq":"all"}},{"type":"face","data":{"id":178}},{"type":"text","data":{"text":"123"}},{"type":"image","data":{"file":"123"}}]',
		);
	});

	it('keeps negative reply ids and unsafe or odd digit strings exact', () => {
		expect(
			normalizeSegmentIds([
				{ type: 'reply', data: { id: '-2147483648' } },
				{ type: 'reply', data: { id: '9007199254740993' } },
				{ type: 'at', data: { qq: '007' } },
				{ type: 'at', data: { qq: 10001 } },
				{ type: 'reply', data: {} },
			]),
		).toEqual([
			{ type: 'reply', data: { id: -2147483648 } },
			{ type: 'reply', data: { id: '9007199254740993' } },
			{ type: 'at', data: { qq: '007' } },
			{ type: 'at', data: { qq: 10001 } },
			{ type: 'reply', data: {} },
		]);
	});

	it('recurses into node segments', () => {
		expect(
			normalizeSegmentIds([
				{ type: 'node', data: { nickname: 'A', user_id: '987654321', content: [{ type: 'reply', data: { id: '12345' } }] } },
				{ type: 'node', data: { id: '42' } },
				{ type: 'node', data: { name: 'B', uin: '1', content: 'text [CQ:at,qq=1]' } },
			]),
		).toEqual([
			{ type: 'node', data: { nickname: 'A', user_id: 987654321, content: [{ type: 'reply', data: { id: 12345 } }] } },
			{ type: 'node', data: { id: 42 } },
			{ type: 'node', data: { name: 'B', uin: 1, content: 'text [CQ:at,qq=1]' } },
		]);
	});

	it('does not modify its input', () => {
		const input: OneBotSegment[] = [{ type: 'reply', data: { id: '1' } }];
		const output = normalizeSegmentIds(input);
		expect(input).toEqual([{ type: 'reply', data: { id: '1' } }]);
		expect(output[0]).not.toBe(input[0]);
		expect(output[0].data).not.toBe(input[0].data);
	});
});

describe('reading messages', () => {
	const message: OneBotSegment[] = [
		{ type: 'reply', data: { id: 1263753202 } },
		{ type: 'at', data: { qq: 10001 } },
		{ type: 'text', data: { text: ' hello ' } },
		{ type: 'face', data: { id: 178 } },
		{ type: 'image', data: { file: 'x.png' } },
		{ type: 'at', data: { qq: 'all' } },
		{ type: 'text', data: { text: ' bye' } },
		{ type: 'at', data: { qq: '10002' } },
	];

	it('segmentsToPlainText joins text and mentions', () => {
		expect(segmentsToPlainText(message)).toBe('@10001 hello @all bye@10002');
		expect(segmentsToPlainText([])).toBe('');
		expect(segmentsToPlainText([{ type: 'text', data: {} }])).toBe('');
	});

	it('mentionsOf lists at targets as strings', () => {
		expect(mentionsOf(message)).toEqual(['10001', 'all', '10002']);
		expect(mentionsOf([{ type: 'text', data: { text: '@10001' } }])).toEqual([]);
	});

	it('replyIdOf returns the reply id as a string', () => {
		expect(replyIdOf(message)).toBe('1263753202');
		expect(replyIdOf([{ type: 'reply', data: { id: '-7' } }])).toBe('-7');
		expect(replyIdOf([{ type: 'text', data: { text: 'x' } }])).toBeUndefined();
		expect(replyIdOf([])).toBeUndefined();
	});

	it('tolerates segments without data', () => {
		const loose = [{ type: 'at' }, { type: 'reply' }, { type: 'text' }] as unknown as OneBotSegment[];
		expect(segmentsToPlainText(loose)).toBe('');
		expect(mentionsOf(loose)).toEqual([]);
		expect(replyIdOf(loose)).toBeUndefined();
	});
});
