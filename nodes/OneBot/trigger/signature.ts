import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Checks OneBot's `X-Signature: sha1=<hex HMAC-SHA1(secret, raw body)>` in constant time.
 * The raw bytes must be the ones received, never re-serialised JSON.
 */
export function verifySignature(rawBody: Uint8Array | string, header: unknown, secret: string): boolean {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string') return false;
	const match = /^sha1=([0-9a-fA-F]{40})$/.exec(value.trim());
	if (!match) return false;
	const expected = createHmac('sha1', secret).update(rawBody).digest();
	const given = Buffer.from(match[1], 'hex');
	return given.length === expected.length && timingSafeEqual(given, expected);
}
