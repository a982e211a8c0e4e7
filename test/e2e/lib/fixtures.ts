/**
 * Test data the e2e files build themselves. Same constraints as n8n-env.ts: erasable TypeScript,
 * node: built-ins, `.ts` imports, no `require`.
 */
import * as zlib from 'node:zlib';

/**
 * A valid w×h RGB PNG with pseudo-random pixels (xorshift, deterministic per seed): a few KB of
 * real image bytes that do not compress away.
 */
export function makePng(width: number, height: number, seed: number): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(zlib.crc32(body) >>> 0);
		return Buffer.concat([len, body, crc]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // RGB
	const raw = Buffer.alloc((width * 3 + 1) * height);
	let x = seed >>> 0 || 1;
	for (let row = 0; row < height; row++) {
		raw[row * (width * 3 + 1)] = 0; // filter: none
		for (let i = 1; i <= width * 3; i++) {
			x ^= x << 13;
			x ^= x >>> 17;
			x ^= x << 5;
			raw[row * (width * 3 + 1) + i] = x & 0xff;
		}
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', zlib.deflateSync(raw)),
		chunk('IEND', Buffer.alloc(0)),
	]);
}
