import { pathToFileURL } from 'node:url';

import { base64FileValue, mediaFileValue } from '../../../nodes/OneBot/message/media';
import { SegmentError } from '../../../nodes/OneBot/message/segments';

function segmentError(fn: () => unknown): SegmentError {
	try {
		fn();
	} catch (error) {
		if (error instanceof SegmentError) return error;
		throw error;
	}
	throw new Error('expected a SegmentError');
}

describe('mediaFileValue: url', () => {
	it('keeps http, https and file URLs', () => {
		expect(mediaFileValue('url', 'https://example.com/a.png?x=1&y=2')).toBe('https://example.com/a.png?x=1&y=2');
		expect(mediaFileValue('url', 'http://example.com/a b.png')).toBe('http://example.com/a b.png');
		expect(mediaFileValue('url', 'file:///tmp/a.png')).toBe('file:///tmp/a.png');
		expect(mediaFileValue('url', '  HTTPS://EXAMPLE.COM/x  ')).toBe('HTTPS://EXAMPLE.COM/x');
	});

	it('rejects anything else', () => {
		for (const value of ['example.com/a.png', 'ftp://x/a.png', '/tmp/a.png', 'base64://AAAA', 'http:/x']) {
			const error = segmentError(() => mediaFileValue('url', value));
			expect(error.path).toBe('file');
			expect(error.reason).toMatch(/http:\/\/, https:\/\/ or file:\/\//);
		}
	});

	it('rejects an empty value and uses the given path', () => {
		const error = segmentError(() => mediaFileValue('url', ' ', 'message[0].data.file'));
		expect(error.path).toBe('message[0].data.file');
		expect(error.reason).toBe('the url is empty');
	});
});

describe('mediaFileValue: path', () => {
	it('turns POSIX paths into file URIs', () => {
		expect(mediaFileValue('path', '/home/bot/picture.png')).toBe('file:///home/bot/picture.png');
		expect(mediaFileValue('path', '/tmp/my pictures/a b.png')).toBe('file:///tmp/my%20pictures/a%20b.png');
	});

	it('percent-encodes reserved and non-ASCII characters', () => {
		expect(mediaFileValue('path', '/data/图片/猫.jpg')).toBe(
			`file:///data/${encodeURIComponent('图片')}/${encodeURIComponent('猫.jpg')}`,
		);
		expect(mediaFileValue('path', '/a/100%#1?.png')).toBe('file:///a/100%25%231%3F.png');
		expect(mediaFileValue('path', '/a/x"<>`{}|^\\.png')).toBe('file:///a/x%22%3C%3E%60%7B%7D%7C%5E%5C.png');
		expect(mediaFileValue('path', "/a/it's (1)+[2]&b=c;d,e@f:g~h!$*.png")).toBe(
			"file:///a/it's%20(1)+%5B2%5D&b=c;d,e@f:g~h!$*.png",
		);
		expect(mediaFileValue('path', '/a/😀.png')).toBe('file:///a/%F0%9F%98%80.png');
	});

	it('matches the encoding of Node pathToFileURL for POSIX paths', () => {
		for (const p of ['/tmp/a b.png', '/data/图片/猫.jpg', '/x/100%.png', '/x/a#b?c.png', "/x/it's (1)+;=@.png"]) {
			expect(mediaFileValue('path', p)).toBe(pathToFileURL(p).href);
		}
	});

	it('turns Windows paths into file:///C:/ URIs', () => {
		expect(mediaFileValue('path', 'C:\\x')).toBe('file:///C:/x');
		expect(mediaFileValue('path', 'c:\\Users\\bot\\My Pictures\\a.png')).toBe(
			'file:///C:/Users/bot/My%20Pictures/a.png',
		);
		expect(mediaFileValue('path', 'D:/data/图.png')).toBe(`file:///D:/data/${encodeURIComponent('图')}.png`);
	});

	it('turns UNC paths into file://host/ URIs', () => {
		expect(mediaFileValue('path', '\\\\server\\share\\a b.png')).toBe('file://server/share/a%20b.png');
	});

	it('keeps a file:// URI', () => {
		expect(mediaFileValue('path', 'file:///tmp/a%20b.png')).toBe('file:///tmp/a%20b.png');
	});

	it('rejects relative paths', () => {
		for (const value of ['a.png', './a.png', '../a.png', '~/a.png', 'C:a.png']) {
			const error = segmentError(() => mediaFileValue('path', value));
			expect(error.reason).toMatch(/not an absolute path/);
		}
	});

	it('rejects lone surrogates', () => {
		expect(segmentError(() => mediaFileValue('path', '/a/\uD800.png')).reason).toMatch(/invalid Unicode/);
	});
});

describe('mediaFileValue: base64', () => {
	it('adds the base64:// prefix', () => {
		expect(mediaFileValue('base64', 'iVBORw0KGgo=')).toBe('base64://iVBORw0KGgo=');
	});

	it('strips data: and base64:// prefixes', () => {
		expect(mediaFileValue('base64', 'data:image/png;base64,iVBORw0KGgo=')).toBe('base64://iVBORw0KGgo=');
		expect(mediaFileValue('base64', 'DATA:image/svg+xml;charset=utf-8;BASE64,AAAA')).toBe('base64://AAAA');
		expect(mediaFileValue('base64', 'base64://AAAA')).toBe('base64://AAAA');
	});

	it('removes whitespace and newlines', () => {
		expect(mediaFileValue('base64', '  AAAA\nBBBB\r\nCC DD\tEE==\n')).toBe('base64://AAAABBBBCCDDEE==');
	});

	it('pads unpadded data and maps the URL-safe alphabet', () => {
		expect(mediaFileValue('base64', 'YQ')).toBe('base64://YQ==');
		expect(mediaFileValue('base64', 'YWI')).toBe('base64://YWI=');
		expect(mediaFileValue('base64', '-_-_')).toBe('base64://+/+/');
	});

	it('round-trips real bytes', () => {
		const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255]);
		const value = mediaFileValue('base64', bytes.toString('base64url'));
		expect(Buffer.from(value.slice('base64://'.length), 'base64')).toEqual(bytes);
	});

	it('rejects characters outside the alphabet', () => {
		const error = segmentError(() => mediaFileValue('base64', 'AAAA*AAA'));
		expect(error.reason).toMatch(/"\*"/);
		expect(segmentError(() => mediaFileValue('base64', 'https://x/a.png')).reason).toMatch(/":"/);
	});

	it('rejects bad padding and lengths', () => {
		expect(segmentError(() => mediaFileValue('base64', 'AAAAA')).reason).toMatch(/length/);
		expect(segmentError(() => mediaFileValue('base64', 'AA=')).reason).toMatch(/length/);
		expect(segmentError(() => mediaFileValue('base64', 'A===')).reason).toMatch(/length/);
		expect(segmentError(() => mediaFileValue('base64', 'AA==AA==')).reason).toMatch(/before its end/);
	});

	it('rejects empty data and non-base64 data URIs', () => {
		expect(segmentError(() => mediaFileValue('base64', '')).reason).toBe('the base64 data is empty');
		expect(segmentError(() => mediaFileValue('base64', 'data:image/png;base64,')).reason).toBe(
			'the base64 data is empty',
		);
		expect(segmentError(() => mediaFileValue('base64', 'base64://  \n')).reason).toBe('the base64 data is empty');
		expect(segmentError(() => mediaFileValue('base64', 'data:text/plain,hello')).reason).toMatch(/not base64-encoded/);
	});

	it('base64FileValue is the base64 source', () => {
		expect(base64FileValue('data:image/gif;base64,R0lGOD lh')).toBe('base64://R0lGODlh');
		expect(() => base64FileValue('!')).toThrow(SegmentError);
	});
});

describe('mediaFileValue: source', () => {
	it('rejects an unknown source', () => {
		expect(segmentError(() => mediaFileValue('ftp' as 'url', 'x')).reason).toMatch(/unknown file source/);
	});
});
