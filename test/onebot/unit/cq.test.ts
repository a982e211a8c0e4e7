import {
	CqSyntaxError,
	escapeCqText,
	escapeCqValue,
	parseCqString,
	segmentsToCqString,
	unescapeCq,
} from '../../../nodes/OneBot/message/cq';
import type { OneBotSegment } from '../../../nodes/OneBot/message/types';

function syntaxError(fn: () => unknown): CqSyntaxError {
	try {
		fn();
	} catch (error) {
		if (error instanceof CqSyntaxError) return error;
		throw error;
	}
	throw new Error('expected a CqSyntaxError');
}

describe('escaping', () => {
	it('escapes text: & first, then [ and ]', () => {
		expect(escapeCqText('a & b [c] ,')).toBe('a &amp; b &#91;c&#93; ,');
		expect(escapeCqText('&#91;')).toBe('&amp;#91;');
		expect(escapeCqText('')).toBe('');
	});

	it('escapes values: & [ ] and ,', () => {
		expect(escapeCqValue('震惊,小伙...')).toBe('震惊&#44;小伙...');
		expect(escapeCqValue('http://baidu.com/?a=1&b=2')).toBe('http://baidu.com/?a=1&amp;b=2');
		expect(escapeCqValue('[a,b]&')).toBe('&#91;a&#44;b&#93;&amp;');
		expect(escapeCqValue('&#44;')).toBe('&amp;#44;');
	});

	it('unescapes in one pass', () => {
		expect(unescapeCq('&amp;&#91;&#93;&#44;')).toBe('&[],');
		expect(unescapeCq('&amp;#91;')).toBe('&#91;');
		expect(unescapeCq('&amp;amp;')).toBe('&amp;');
		expect(unescapeCq('&lt; &#92; & ; &amp')).toBe('&lt; &#92; & ; &amp');
	});

	it('round-trips every tricky string', () => {
		const samples = ['&', '[', ']', ',', '&amp;', '&#91;&#93;&#44;', 'a&[b],c', '[CQ:at,qq=all] hi', '&&[[]]'];
		for (const s of samples) {
			expect(unescapeCq(escapeCqText(s))).toBe(s);
			expect(unescapeCq(escapeCqValue(s))).toBe(s);
		}
	});
});

describe('parseCqString', () => {
	it('parses the spec example with escaped values', () => {
		expect(parseCqString('[CQ:share,title=震惊&#44;小伙...,url=http://baidu.com/?a=1&amp;b=2]')).toEqual([
			{ type: 'share', data: { title: '震惊,小伙...', url: 'http://baidu.com/?a=1&b=2' } },
		]);
	});

	it('splits text and codes', () => {
		expect(parseCqString('[CQ:reply,id=123][CQ:at,qq=10001] hello [CQ:face,id=178]!')).toEqual([
			{ type: 'reply', data: { id: '123' } },
			{ type: 'at', data: { qq: '10001' } },
			{ type: 'text', data: { text: ' hello ' } },
			{ type: 'face', data: { id: '178' } },
			{ type: 'text', data: { text: '!' } },
		]);
	});

	it('unescapes text between codes', () => {
		expect(parseCqString('a &amp; b &#91;CQ:at,qq=all&#93; c&#44;')).toEqual([
			{ type: 'text', data: { text: 'a & b [CQ:at,qq=all] c,' } },
		]);
	});

	it('returns no segments for an empty string', () => {
		expect(parseCqString('')).toEqual([]);
	});

	it('parses codes without parameters', () => {
		expect(parseCqString('[CQ:shake][CQ:rps]')).toEqual([
			{ type: 'shake', data: {} },
			{ type: 'rps', data: {} },
		]);
	});

	it('splits each parameter at its first =', () => {
		expect(parseCqString('[CQ:image,file=http://x/?a=1&amp;b=2,cache=0,empty=]')).toEqual([
			{ type: 'image', data: { file: 'http://x/?a=1&b=2', cache: '0', empty: '' } },
		]);
		expect(parseCqString('[CQ:json,data={"a":"b=c"&#44;"d":&#91;1&#93;}]')).toEqual([
			{ type: 'json', data: { data: '{"a":"b=c","d":[1]}' } },
		]);
	});

	it('lets a later duplicate key win', () => {
		expect(parseCqString('[CQ:at,qq=1,qq=2]')).toEqual([{ type: 'at', data: { qq: '2' } }]);
	});

	it('keeps [ and ] that do not start a CQ code as text', () => {
		expect(parseCqString('[hello] ] [ [cq:at,qq=1] [CQ]')).toEqual([
			{ type: 'text', data: { text: '[hello] ] [ [cq:at,qq=1] [CQ]' } },
		]);
		expect(parseCqString('x]y[CQ:face,id=1]z[')).toEqual([
			{ type: 'text', data: { text: 'x]y' } },
			{ type: 'face', data: { id: '1' } },
			{ type: 'text', data: { text: 'z[' } },
		]);
	});

	it('accepts types with _ . - and digits', () => {
		expect(parseCqString('[CQ:my_ext.v2-x,a=1]')).toEqual([{ type: 'my_ext.v2-x', data: { a: '1' } }]);
	});

	it('merges [CQ:text] codes into neighbouring text and drops empty ones', () => {
		expect(parseCqString('a[CQ:text,text=b&#44;c]d[CQ:text,text=][CQ:text]')).toEqual([
			{ type: 'text', data: { text: 'ab,cd' } },
		]);
	});

	it('does not merge text into a [CQ:text] code with extra parameters', () => {
		expect(parseCqString('a[CQ:text,text=b,x=1]')).toEqual([
			{ type: 'text', data: { text: 'a' } },
			{ type: 'text', data: { text: 'b', x: '1' } },
		]);
	});

	it('stores __proto__ as a plain key', () => {
		const [segment] = parseCqString('[CQ:x,__proto__=1]');
		expect(Object.keys(segment.data)).toEqual(['__proto__']);
		expect(Object.getPrototypeOf(segment.data)).toBe(Object.prototype);
	});

	describe('malformed input', () => {
		it('rejects an unclosed code at its start', () => {
			const error = syntaxError(() => parseCqString('hi [CQ:at,qq=1'));
			expect(error.position).toBe(3);
			expect(error.message).toMatch(/never closed/);
			expect(error).toBeInstanceOf(Error);
			expect(error.name).toBe('CqSyntaxError');
		});

		it('rejects a code interrupted by another [', () => {
			expect(syntaxError(() => parseCqString('[CQ:at,qq=1 [CQ:face,id=2]')).position).toBe(0);
			expect(syntaxError(() => parseCqString('ok[CQ:face,id=1] [CQ:at,qq=[1]')).position).toBe(17);
		});

		it('rejects an empty type', () => {
			expect(syntaxError(() => parseCqString('ab[CQ:]')).position).toBe(6);
			expect(syntaxError(() => parseCqString('[CQ:,qq=1]')).position).toBe(4);
		});

		it('rejects an invalid type', () => {
			const error = syntaxError(() => parseCqString('x[CQ:a t,qq=1]'));
			expect(error.position).toBe(5);
			expect(error.message).toMatch(/"a t" is invalid/);
			expect(syntaxError(() => parseCqString('[CQ:中文]')).position).toBe(4);
		});

		it('rejects a parameter without =', () => {
			const error = syntaxError(() => parseCqString('[CQ:at,qq=1,name]'));
			expect(error.position).toBe(12);
			expect(error.message).toMatch(/"name" has no "="/);
			expect(syntaxError(() => parseCqString('[CQ:face,]')).position).toBe(9);
			expect(syntaxError(() => parseCqString('[CQ:face,id=1,]')).position).toBe(14);
		});

		it('rejects an empty key', () => {
			const error = syntaxError(() => parseCqString('[CQ:at,=1]'));
			expect(error.position).toBe(7);
			expect(error.message).toMatch(/empty key/);
		});

		it('puts the position in the message', () => {
			expect(() => parseCqString('[CQ:at')).toThrow('(at position 0)');
		});
	});
});

describe('segmentsToCqString', () => {
	it('escapes text and values', () => {
		expect(
			segmentsToCqString([
				{ type: 'text', data: { text: 'a&b [x],y' } },
				{ type: 'share', data: { title: '震惊,小伙...', url: 'http://baidu.com/?a=1&b=2' } },
			]),
		).toBe('a&amp;b &#91;x&#93;,y[CQ:share,title=震惊&#44;小伙...,url=http://baidu.com/?a=1&amp;b=2]');
	});

	it('writes numbers, booleans and objects as strings', () => {
		expect(
			segmentsToCqString([
				{ type: 'reply', data: { id: 123 } },
				{ type: 'x', data: { flag: true, big: BigInt('1234567890123456789'), gone: undefined, nil: null } },
				{ type: 'json', data: { data: { app: 'a', list: [1, 2] } } },
			]),
		).toBe('[CQ:reply,id=123][CQ:x,flag=true,big=1234567890123456789][CQ:json,data={"app":"a"&#44;"list":&#91;1&#44;2&#93;}]');
	});

	it('writes codes without data and empty text', () => {
		expect(
			segmentsToCqString([
				{ type: 'shake', data: {} },
				{ type: 'text', data: { text: '' } },
				{ type: 'text', data: {} },
			]),
		).toBe('[CQ:shake]');
	});

	it('rejects types and keys that cannot be written', () => {
		expect(() => segmentsToCqString([{ type: 'a,b', data: {} }])).toThrow(CqSyntaxError);
		expect(() => segmentsToCqString([{ type: '', data: {} }])).toThrow(CqSyntaxError);
		expect(() => segmentsToCqString([{ type: 'x', data: { 'a=b': '1' } }])).toThrow(CqSyntaxError);
		expect(() => segmentsToCqString([{ type: 'x', data: { '': '1' } }])).toThrow(CqSyntaxError);
	});

	it('round-trips: parse(encode(x)) equals x', () => {
		const cases: OneBotSegment[][] = [
			[{ type: 'text', data: { text: '[CQ:at,qq=all] hi' } }],
			[{ type: 'text', data: { text: '&amp; & [ ] , &#91; &#44;' } }],
			[
				{ type: 'reply', data: { id: '42' } },
				{ type: 'at', data: { qq: 'all' } },
				{ type: 'text', data: { text: ' a,b [c] &d' } },
				{ type: 'image', data: { file: 'http://x/a,b.png?x=[1]&y=2', cache: '0' } },
				{ type: 'text', data: { text: '[CQ:face,id=1]' } },
				{ type: 'face', data: { id: '1' } },
			],
			[{ type: 'share', data: { title: '震惊,小伙...', url: 'http://baidu.com/?a=1&b=2', content: 'k=v,=,' } }],
			[{ type: 'json', data: { data: '{"a":[1,2],"b":"&amp;"}' } }],
			[{ type: 'rps', data: {} }],
		];
		for (const segments of cases) {
			expect(parseCqString(segmentsToCqString(segments))).toEqual(segments);
		}
	});

	it('round-trips: encode(parse(s)) equals a canonical s', () => {
		const s = '[CQ:at,qq=10001] &#91;not a code&#93; &amp;&#44;[CQ:image,file=base64://AAAA,type=flash]';
		expect(segmentsToCqString(parseCqString(s))).toBe(s.replace('&#44;', ','));
	});

	it('stringifies numbers before round-tripping', () => {
		expect(parseCqString(segmentsToCqString([{ type: 'at', data: { qq: 10001 } }]))).toEqual([
			{ type: 'at', data: { qq: '10001' } },
		]);
	});
});
