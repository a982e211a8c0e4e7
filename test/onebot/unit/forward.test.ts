import {
	customNode,
	normalizeForwardMessages,
	referenceNode,
	validateForwardNodes,
} from '../../../nodes/OneBot/message/forward';
import { normalizeSegmentIds, SegmentError } from '../../../nodes/OneBot/message/segments';

function segmentError(fn: () => unknown): SegmentError {
	try {
		fn();
	} catch (error) {
		if (error instanceof SegmentError) return error;
		throw error;
	}
	throw new Error('expected a SegmentError');
}

/** The request body of seed 004 (send_private_forward_msg), exactly as documented. */
const SEED_004_BODY = `{
  "user_id": 123456789,
  "messages": [
    {
      "type": "node",
      "data": {
        "nickname": "用户A",
        "user_id": 987654321,
        "content": [
          { "type": "text", "data": { "text": "这是用户A发送的第一条消息。" } },
          { "type": "image", "data": { "file": "base64://..." } }
        ]
      }
    },
    {
      "type": "node",
      "data": {
        "nickname": "用户B",
        "user_id": 112233445,
        "content": [
          { "type": "text", "data": { "text": "这是用户B的回复。" } },
          { "type": "reply", "data": { "id": 12345 } }
        ]
      }
    }
  ]
}`;

describe('customNode', () => {
	it('produces the seed 004 request body exactly', () => {
		const messages = [
			customNode('用户A', 987654321, [
				{ type: 'text', data: { text: '这是用户A发送的第一条消息。' } },
				{ type: 'image', data: { file: 'base64://...' } },
			]),
			customNode('用户B', '112233445', [
				{ type: 'text', data: { text: '这是用户B的回复。' } },
				{ type: 'reply', data: { id: 12345 } },
			]),
		];
		const body = { user_id: 123456789, messages };
		expect(JSON.stringify(body)).toBe(JSON.stringify(JSON.parse(SEED_004_BODY)));
		expect(JSON.stringify(body, null, 2)).toBe(JSON.stringify(JSON.parse(SEED_004_BODY), null, 2));
	});

	it('writes data keys in the order nickname, user_id, content', () => {
		const node = customNode('A', 1, []);
		expect(Object.keys(node)).toEqual(['type', 'data']);
		expect(Object.keys(node.data)).toEqual(['nickname', 'user_id', 'content']);
	});

	it('turns safe digit strings into numbers and keeps larger ids exact', () => {
		expect(customNode('A', '10001', []).data.user_id).toBe(10001);
		expect(customNode('A', '12345678901234567890', []).data.user_id).toBe('12345678901234567890');
	});

	it('rejects a user id that is not a QQ number', () => {
		expect(segmentError(() => customNode('A', 'bob', [])).path).toBe('user_id');
		expect(segmentError(() => customNode('A', -1, [])).path).toBe('user_id');
		expect(segmentError(() => customNode('A', 2 ** 60, [])).reason).toMatch(/pass it as a string/);
	});
});

describe('referenceNode', () => {
	it('references a message by id', () => {
		expect(JSON.stringify(referenceNode(123))).toBe('{"type":"node","data":{"id":123}}');
		expect(referenceNode('-2147483648')).toEqual({ type: 'node', data: { id: -2147483648 } });
		expect(referenceNode('9007199254740993')).toEqual({ type: 'node', data: { id: '9007199254740993' } });
		expect(referenceNode('abc-123')).toEqual({ type: 'node', data: { id: 'abc-123' } });
	});

	it('rejects an empty id', () => {
		expect(segmentError(() => referenceNode('  ')).path).toBe('id');
		expect(segmentError(() => referenceNode(1.5)).path).toBe('id');
	});
});

describe('validateForwardNodes', () => {
	it('accepts the seed 004 messages unchanged', () => {
		const { messages } = JSON.parse(SEED_004_BODY) as { messages: unknown };
		const nodes = validateForwardNodes(messages);
		expect(JSON.stringify(nodes)).toBe(JSON.stringify(messages));
	});

	it('accepts every node dialect and canonicalises keys', () => {
		const nodes = validateForwardNodes([
			{ type: 'node', data: { id: 42 } },
			{ type: 'node', data: { name: 'A', uin: '10001', content: 'hi [CQ:face,id=1]' } },
			{ type: 'node', data: { user_id: 10002, nickname: 'B', content: { type: 'text', data: { text: 'x' } }, time: 1 } },
		]);
		expect(JSON.stringify(nodes)).toBe(
			JSON.stringify([
				{ type: 'node', data: { id: 42 } },
				{ type: 'node', data: { nickname: 'A', user_id: '10001', content: 'hi [CQ:face,id=1]' } },
				{ type: 'node', data: { nickname: 'B', user_id: 10002, content: [{ type: 'text', data: { text: 'x' } }], time: 1 } },
			]),
		);
		expect(JSON.stringify(normalizeSegmentIds(nodes)[1])).toBe(
			'{"type":"node","data":{"nickname":"A","user_id":10001,"content":"hi [CQ:face,id=1]"}}',
		);
	});

	it('accepts a single node object', () => {
		expect(validateForwardNodes({ type: 'node', data: { id: '1' } })).toEqual([{ type: 'node', data: { id: '1' } }]);
	});

	it('accepts nested forward nodes', () => {
		const inner = { type: 'node', data: { nickname: 'In', user_id: 2, content: [{ type: 'text', data: { text: 'deep' } }] } };
		const nodes = [{ type: 'node', data: { nickname: 'Out', user_id: 1, content: [inner, inner] } }];
		expect(validateForwardNodes(nodes)).toEqual(nodes);
	});

	it('rejects an empty list and non-lists', () => {
		const error = segmentError(() => validateForwardNodes([]));
		expect(error.path).toBe('messages');
		expect(error.reason).toMatch(/no nodes/);
		expect(segmentError(() => validateForwardNodes('x')).path).toBe('messages');
		expect(segmentError(() => validateForwardNodes(undefined, 'params.messages')).path).toBe('params.messages');
	});

	it('rejects segments that are not nodes', () => {
		const error = segmentError(() =>
			validateForwardNodes([{ type: 'node', data: { id: 1 } }, { type: 'text', data: { text: 'x' } }]),
		);
		expect(error.path).toBe('messages[1].type');
		expect(error.reason).toMatch(/"text"/);
		expect(segmentError(() => validateForwardNodes([5])).path).toBe('messages[0]');
		expect(segmentError(() => validateForwardNodes([{ type: 'node' }])).path).toBe('messages[0].data');
	});

	it('names the path of bad fields and bad content', () => {
		expect(segmentError(() => validateForwardNodes([{ type: 'node', data: { nickname: 'A', content: 'x' } }])).path).toBe(
			'messages[0].data.user_id',
		);
		expect(segmentError(() => validateForwardNodes([{ type: 'node', data: { user_id: 1, content: 'x' } }])).path).toBe(
			'messages[0].data.nickname',
		);
		expect(segmentError(() => validateForwardNodes([{ type: 'node', data: { user_id: 1, nickname: 'A' } }])).path).toBe(
			'messages[0].data.content',
		);
		expect(
			segmentError(() =>
				validateForwardNodes([
					{ type: 'node', data: { id: 1 } },
					{ type: 'node', data: { user_id: 1, nickname: 'A', content: [{ type: 'image', data: { file: '' } }] } },
				]),
			).path,
		).toBe('messages[1].data.content[0].data.file');
	});
});

describe('normalizeForwardMessages', () => {
	const expected = [
		{
			sender: { user_id: 10001, nickname: 'A' },
			time: 1700000000,
			content: [
				{ type: 'text', data: { text: 'hello ' } },
				{ type: 'face', data: { id: '1' } },
			],
		},
		{
			sender: { user_id: 10002, nickname: 'B' },
			time: 1700000001,
			content: [{ type: 'image', data: { file: 'a.png', url: 'http://x/a.png' } }],
		},
	];

	it('reads go-cqhttp data.messages with CQ-string content', () => {
		const data = {
			messages: [
				{ content: 'hello [CQ:face,id=1]', sender: { nickname: 'A', user_id: 10001 }, time: 1700000000 },
				{ content: '[CQ:image,file=a.png,url=http://x/a.png]', sender: { nickname: 'B', user_id: 10002 }, time: 1700000001 },
			],
		};
		expect(normalizeForwardMessages(data)).toEqual(expected);
	});

	it('reads NapCat / LLOneBot data.messages with array content', () => {
		const data = {
			messages: [
				{
					self_id: 1,
					user_id: 10001,
					time: 1700000000,
					message_id: 5,
					message_type: 'group',
					sender: { user_id: 10001, nickname: 'A', card: '' },
					message_format: 'array',
					content: [
						{ type: 'text', data: { text: 'hello ' } },
						{ type: 'face', data: { id: '1' } },
					],
				},
				{
					time: 1700000001,
					sender: { user_id: 10002, nickname: 'B' },
					message: [{ type: 'image', data: { file: 'a.png', url: 'http://x/a.png' } }],
				},
			],
		};
		expect(normalizeForwardMessages(data)).toEqual(expected);
	});

	it('reads spec / Lagrange data.message node segments', () => {
		const data = {
			message: [
				{
					type: 'node',
					data: {
						user_id: 10001,
						nickname: 'A',
						time: 1700000000,
						content: [
							{ type: 'text', data: { text: 'hello ' } },
							{ type: 'face', data: { id: '1' } },
						],
					},
				},
				{
					type: 'node',
					data: { uin: 10002, name: 'B', time: '1700000001', content: '[CQ:image,file=a.png,url=http://x/a.png]' },
				},
			],
		};
		expect(normalizeForwardMessages(data)).toEqual(expected);
	});

	it('reads a bare list', () => {
		expect(normalizeForwardMessages([{ type: 'node', data: { user_id: '10001', nickname: 'A', content: 'x' } }])).toEqual([
			{ sender: { user_id: '10001', nickname: 'A' }, content: [{ type: 'text', data: { text: 'x' } }] },
		]);
	});

	it('keeps nested forward content as segments', () => {
		const nested = { type: 'forward', data: { id: 'abc', content: [{ sender: {}, content: [] }] } };
		expect(normalizeForwardMessages({ messages: [{ sender: { user_id: 1 }, content: [nested] }] })).toEqual([
			{ sender: { user_id: 1 }, content: [nested] },
		]);
	});

	it('tolerates missing senders, times and content, and malformed CQ strings', () => {
		expect(
			normalizeForwardMessages({
				messages: [{}, { sender: null, time: 'soon', content: 'broken [CQ:at,qq=1' }, 7, { content: [1, { data: {} }, { type: 'dice' }] }],
			}),
		).toEqual([
			{ sender: {}, content: [] },
			{ sender: {}, content: [{ type: 'text', data: { text: 'broken [CQ:at,qq=1' } }] },
			{ sender: {}, content: [{ type: 'dice', data: {} }] },
		]);
	});

	it('prefers messages over message and accepts empty lists', () => {
		expect(normalizeForwardMessages({ messages: [], message: 'x' })).toEqual([]);
		expect(normalizeForwardMessages({ message: [] })).toEqual([]);
	});

	it('rejects data without a message list', () => {
		for (const data of [null, undefined, 'x', {}, { messages: 'x' }, { message: 'x' }]) {
			expect(segmentError(() => normalizeForwardMessages(data)).path).toBe('data');
		}
	});
});
