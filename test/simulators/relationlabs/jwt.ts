/**
 * Token minting and checking for the RelationLabs simulator.
 *
 * Both tokens look like the service's ES256 JWTs (`header.payload.signature`, base64url, a 64-byte
 * signature), but the signature is an HMAC-SHA512 made with a per-simulator secret, one key per
 * token kind. A token whose header, payload or signature was altered, or a token of the other kind,
 * fails the signature check.
 *
 * - unifiedAuthToken: header `{"alg":"ES256"}`, payload `{jti, iss: "relationlabs.ai", iat, sub: <relationId>, exp}`
 *   (seconds; key order as in the documented example token).
 * - addressAuthToken (what the signature canister returns): header `{"typ":"JWT","alg":"ES256"}`, payload
 *   `{sub: '{"accountSource":"eth","address":"0x…","userPrincipal":""}', iat, exp, jti}`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const UNIFIED_ISSUER = 'relationlabs.ai';
export const UNIFIED_HEADER = { alg: 'ES256' } as const;
export const ADDRESS_HEADER = { typ: 'JWT', alg: 'ES256' } as const;

export interface UnifiedTokenPayload {
	jti: string;
	iss: string;
	iat: number;
	sub: string;
	exp: number;
}

export interface AddressTokenSubject {
	accountSource: string;
	address: string;
	userPrincipal: string;
}

export interface AddressTokenPayload {
	/** JSON text of an AddressTokenSubject */
	sub: string;
	iat: number;
	exp: number;
	jti: string;
}

export interface DecodedJwt {
	header: Record<string, unknown>;
	payload: Record<string, unknown>;
	signature: string;
}

export function b64url(data: Buffer | string): string {
	return Buffer.from(data).toString('base64url');
}

/** Decodes (does not verify) a JWT; null when it is not three base64url parts holding JSON objects. */
export function decodeJwt(token: string): DecodedJwt | null {
	const parts = token.split('.');
	if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return null;
	try {
		const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as unknown;
		const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
		if (!isObject(header) || !isObject(payload)) return null;
		return { header, payload, signature: parts[2] };
	} catch {
		return null;
	}
}

function isObject(v: unknown): v is Record<string, unknown> {
	return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function newJti(): string {
	return randomBytes(16).toString('hex');
}

export type VerifyResult = { ok: true; header: Record<string, unknown>; payload: Record<string, unknown> } | { ok: false; reason: 'malformed' | 'signature' };

/** Signs and verifies one kind of token with its own key. */
export class TokenSigner {
	private readonly key: Buffer;

	constructor(secret: Buffer, purpose: string) {
		this.key = createHmac('sha256', secret).update(purpose).digest();
	}

	sign(header: object, payload: object): string {
		const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
		return `${input}.${this.mac(input).toString('base64url')}`;
	}

	verify(token: string): VerifyResult {
		const decoded = decodeJwt(token);
		if (!decoded) return { ok: false, reason: 'malformed' };
		if (decoded.header.alg !== 'ES256') return { ok: false, reason: 'signature' };
		const dot = token.lastIndexOf('.');
		const expected = this.mac(token.slice(0, dot));
		const got = Buffer.from(decoded.signature, 'base64url');
		// base64url decoding ignores stray trailing bits: compare the text form too
		if (got.length !== expected.length || !timingSafeEqual(got, expected) || decoded.signature !== expected.toString('base64url')) {
			return { ok: false, reason: 'signature' };
		}
		return { ok: true, header: decoded.header, payload: decoded.payload };
	}

	private mac(input: string): Buffer {
		return createHmac('sha512', this.key).update(input).digest();
	}
}
