import { buildCard, CardError, heyboxLineBreaks, imageSize, normalizeCard, withMentions } from '../../../nodes/Heybox/message';

describe('mentions', () => {
	test('seed 002: tokens already in the text are kept and the lists filled', () => {
		const text = '@{id:72053518}@{id:3663316788343832578} #{id:3665944781964836864}  123';
		expect(withMentions(text, { userIds: ['72053518'], roleIds: ['3663316788343832578'], channelIds: ['3665944781964836864'], everyone: 'none' })).toEqual({
			msg: text,
			msgType: 10,
			at_user_id: '72053518',
			at_role_id: '3663316788343832578',
			mention_channel_id: '3665944781964836864',
		});
	});

	test('tokens are written in front: users and roles, then channels', () => {
		const out = withMentions('hello', { userIds: ['1', '2'], roleIds: ['3663316788343832578'], channelIds: ['3665944781964836864'], everyone: 'none' });
		expect(out.msg).toBe('@{id:1}@{id:2}@{id:3663316788343832578} #{id:3665944781964836864} hello');
		expect(out.at_user_id).toBe('1,2');
	});

	test('@{all} / @{here}; plain text stays msg_type 4', () => {
		expect(withMentions('hi', { userIds: [], roleIds: [], channelIds: [], everyone: 'here' }).msg).toBe('@{here} hi');
		expect(withMentions('hi', { userIds: [], roleIds: [], channelIds: [], everyone: 'none' })).toMatchObject({ msg: 'hi', msgType: 4 });
	});

	test('line breaks: single \\n becomes \\n\\n, doubles stay', () => {
		expect(heyboxLineBreaks('a\nb\n\nc\r\nd')).toBe('a\n\nb\n\nc\n\nd');
	});
});

describe('imageSize', () => {
	const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
	test('PNG', () => expect(imageSize(png)).toEqual({ width: 1, height: 1 }));
	test('GIF', () => expect(imageSize(Buffer.from('R0lGODlhAwACAIAAAP///wAAACwAAAAAAwACAAACAoRRADs=', 'base64'))).toEqual({ width: 3, height: 2 }));
	test('JPEG (SOF0 after APP0)', () => {
		const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0xc8, 0x01, 0x2c, 0x03, 0, 0, 0, 0, 0, 0]);
		expect(imageSize(jpeg)).toEqual({ width: 300, height: 200 });
	});
	test('WebP VP8X', () => {
		const webp = Buffer.alloc(30);
		webp.write('RIFF', 0);
		webp.write('WEBPVP8X', 8);
		webp.writeUIntLE(639, 24, 3);
		webp.writeUIntLE(479, 27, 3);
		expect(imageSize(webp)).toEqual({ width: 640, height: 480 });
	});
	test('not an image', () => expect(imageSize(Buffer.from('hello world, not an image'))).toBeUndefined());
});

describe('cards', () => {
	test('builder makes the documented structure', () => {
		expect(
			buildCard([
				{ type: 'header', text: 'Alert', markdown: false },
				{ type: 'section', text: '**db-1** load 0.97' },
				{ type: 'images', urls: 'https://a/1.png, https://a/2.png' },
				{ type: 'buttons', buttons: 'Open|https://example.com\nAck|ack' },
				{ type: 'divider' },
				{ type: 'countdown', endTime: 1800000000 },
			]),
		).toEqual({
			data: [
				{
					type: 'card',
					size: 'medium',
					modules: [
						{ type: 'header', content: { type: 'plain-text', text: 'Alert' } },
						{ type: 'section', paragraph: [{ type: 'markdown', text: '**db-1** load 0.97' }] },
						{ type: 'images', urls: [{ url: 'https://a/1.png' }, { url: 'https://a/2.png' }] },
						{
							type: 'button-group',
							btns: [
								{ type: 'button', text: 'Open', value: 'https://example.com', event: 'link-to', theme: 'primary' },
								{ type: 'button', text: 'Ack', value: 'ack', event: 'server', theme: 'primary' },
							],
						},
						{ type: 'divider' },
						{ type: 'countdown', mode: 'default', end_time: 1800000000 },
					],
				},
			],
		});
	});

	test.each([
		[[], /at least one module/],
		[[{ type: 'section' }], /needs a text/],
		[[{ type: 'buttons', buttons: 'a\nb\nc\nd' }], /one to three/],
	])('builder refuses bad modules %#', (modules, message) => {
		expect(() => buildCard(modules as never)).toThrow(CardError);
		expect(() => buildCard(modules as never)).toThrow(message);
	});

	test('normalizeCard accepts a document, a card or a module list', () => {
		const modules = [{ type: 'divider' }];
		expect(normalizeCard(modules)).toEqual({ data: [{ type: 'card', modules }] });
		expect(normalizeCard({ type: 'card', modules })).toEqual({ data: [{ type: 'card', modules }] });
		expect(() => normalizeCard({ data: [] })).toThrow(CardError);
		expect(() => normalizeCard({ data: [{ type: 'card' }] })).toThrow(/modules/);
	});
});
