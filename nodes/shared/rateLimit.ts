import { sleep } from 'n8n-workflow';

/**
 * Spaces calls evenly so that no more than `perMinute` start in any minute: the items of one
 * execution share it, so a bulk send finishes without rate-limit rejections.
 */
export class RateLimiter {
	private queue: Promise<void> = Promise.resolve();

	private last = Number.NEGATIVE_INFINITY;

	constructor(
		private readonly perMinute: number,
		private readonly now: () => number = Date.now,
	) {}

	/** Waits for this call's slot: callers are released one by one, at least 60000/perMinute ms apart. */
	async take(): Promise<void> {
		if (!(this.perMinute > 0)) return;
		const interval = 60_000 / this.perMinute;
		const turn = this.queue.then(async () => {
			const wait = this.last + interval - this.now();
			if (wait > 0) await sleep(wait);
			// spacing is measured from the actual release, so a busy event loop cannot bunch sends
			this.last = this.now();
		});
		this.queue = turn;
		await turn;
	}
}

const limiters = new WeakMap<object, RateLimiter>();

/**
 * Waits for the next slot of a rate shared by every item of one execution (`key` is an object
 * that lives for the execution, e.g. the API client). 0 or less means no limit.
 */
export async function throttle(key: object, perMinute: number): Promise<void> {
	if (!(perMinute > 0)) return;
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new RateLimiter(perMinute);
		limiters.set(key, limiter);
	}
	await limiter.take();
}
