import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

export interface RetryDecision {
	retry: boolean;
	/** wait this long before the next attempt (e.g. from Retry-After); otherwise backoff */
	afterMs?: number;
}

export interface RetryPolicy {
	/** total attempts, including the first */
	attempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * Retry-After in milliseconds: delta-seconds or an HTTP date. Undefined when absent or invalid.
 * Capped at `maxMs` so a hostile header cannot stall a workflow.
 */
export function parseRetryAfter(value: unknown, nowMs: number, maxMs = 60_000): number | undefined {
	const raw = Array.isArray(value) ? value[0] : value;
	if (raw === undefined || raw === null || raw === '') return undefined;
	const text = String(raw).trim();
	let ms: number;
	if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
	else {
		const date = Date.parse(text);
		if (Number.isNaN(date)) return undefined;
		ms = date - nowMs;
	}
	return Math.min(Math.max(0, Math.round(ms)), maxMs);
}

/** Exponential backoff with full jitter: random in [base*2^(n-1)/2, base*2^(n-1)], capped. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** What the retry policy needs to know of a failed attempt (see apiError's context). */
export function failureOf(error: unknown): { cause?: string; retryAfterMs?: number; mayHaveBeenDelivered?: boolean } {
	if (!(error instanceof NodeApiError)) return {};
	const failure = error.failure as { cause?: string; retryAfterMs?: number } | undefined;
	return {
		cause: failure?.cause,
		retryAfterMs: failure?.retryAfterMs,
		mayHaveBeenDelivered: error.context.mayHaveBeenDelivered as boolean | undefined,
	};
}

/**
 * Runs `attempt` until it succeeds or `decide` says stop; the last failure leaves as a
 * NodeApiError. The caller's attempt function must reuse the same idempotency key on every
 * call: that is what makes a retried send safe.
 */
export async function withRetry<T>(
	node: INode,
	attempt: (n: number) => Promise<T>,
	decide: (error: unknown, n: number) => RetryDecision,
	policy: RetryPolicy = DEFAULT_RETRY,
): Promise<T> {
	for (let n = 1; ; n++) {
		try {
			return await attempt(n);
		} catch (error) {
			const decision: RetryDecision = n < policy.attempts ? decide(error, n) : { retry: false };
			// A NodeApiError passes through unchanged; anything else gets wrapped.
			if (!decision.retry) throw new NodeApiError(node, error as JsonObject);
			await sleep(decision.afterMs ?? backoffMs(n, policy));
		}
	}
}

/** How a call may be repeated after a failure that may have reached the server. */
export type RepeatSafety = 'repeatable' | 'ackKey' | 'never';

/**
 * The retry rule of every provider: a rate limit is always waited out (nothing was done);
 * server errors and lost answers are repeated for repeatable calls and for calls carrying an
 * idempotency key (`ackKey`), and otherwise only when the request surely never left.
 */
export function retryBySafety(safety: RepeatSafety, rateLimitBackoffMs = 0) {
	return (error: unknown, attempt: number): RetryDecision => {
		const failure = failureOf(error);
		if (failure.cause === 'rate-limited') {
			return { retry: true, afterMs: failure.retryAfterMs ?? (rateLimitBackoffMs ? backoffMs(attempt, { ...DEFAULT_RETRY, baseDelayMs: rateLimitBackoffMs }) : undefined) };
		}
		if (failure.cause !== 'temporarily-unavailable') return { retry: false };
		return { retry: safety !== 'never' || failure.mayHaveBeenDelivered === false };
	};
}
