/** Reads the expiry of a JWT without verifying it (for messages about expired tokens). */
export function jwtExpiry(token: unknown): Date | undefined {
	const parts = String(token ?? '').split('.');
	if (parts.length !== 3) return undefined;
	try {
		const json = Buffer.from(parts[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
		const exp = (JSON.parse(json) as { exp?: unknown }).exp;
		return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
	} catch {
		return undefined;
	}
}
