/** Width and height from the header of a PNG, JPEG, GIF or WebP image (undefined for other data). */
export function imageSize(data: Uint8Array): { width: number; height: number } | undefined {
	const b = data;
	const u16be = (o: number) => (b[o] << 8) | b[o + 1];
	const u16le = (o: number) => b[o] | (b[o + 1] << 8);
	const u32be = (o: number) => ((b[o] << 24) >>> 0) + ((b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]);
	if (b.length >= 24 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) {
		return { width: u32be(16), height: u32be(20) };
	}
	if (b.length >= 10 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return { width: u16le(6), height: u16le(8) };
	if (b.length >= 30 && String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP') {
		const chunk = String.fromCharCode(...b.slice(12, 16));
		if (chunk === 'VP8 ') return { width: u16le(26) & 0x3fff, height: u16le(28) & 0x3fff };
		if (chunk === 'VP8L') {
			const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
			return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
		}
		if (chunk === 'VP8X') {
			return { width: 1 + (b[24] | (b[25] << 8) | (b[26] << 16)), height: 1 + (b[27] | (b[28] << 8) | (b[29] << 16)) };
		}
		return undefined;
	}
	if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
		let o = 2;
		while (o + 9 < b.length) {
			if (b[o] !== 0xff) return undefined;
			const marker = b[o + 1];
			const length = u16be(o + 2);
			// SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC)
			if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
				return { width: u16be(o + 7), height: u16be(o + 5) };
			}
			o += 2 + length;
		}
	}
	return undefined;
}
