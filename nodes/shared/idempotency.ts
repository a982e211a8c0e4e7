import { randomBytes } from 'crypto';

let counter = 0;
const instance = randomBytes(3).toString('hex');

/**
 * A client-side idempotency key: unique across items, executions and n8n workers
 * (time + instance + counter), in the shape Heybox's examples use ("1725531286040-1").
 * Generate it once per message and reuse it on every retry of that message.
 */
export function newAckId(now: number = Date.now()): string {
	counter = (counter + 1) % 1_000_000;
	return `${now}-${instance}${counter}`;
}

/** A longer key for APIs that take any client-unique string (RelationLabs sendUuid): <32 hex>-<ms>-<counter>. */
export function newSendUuid(now: number = Date.now()): string {
	counter = (counter + 1) % 1_000_000;
	return `${randomBytes(16).toString('hex')}-${now}-${counter}`;
}
