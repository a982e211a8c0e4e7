import { sleep } from 'n8n-workflow';

/**
 * Spaces calls evenly so that no more than `perMinute` start in any minute: the items of one
 * execution share it, so a bulk send finishes without rate-limit rejections.
 */
export class RateLimiter {
	private next = 0;

	constructor(
		private readonly perMinute: number,
		private readonly now: () => number = Date.now,
	) {}

	/** Waits for this call's slot. */
	async take(): Promise<void> {
		if (!(this.perMinute > 0)) return;
		const interval = 60_000 / this.perMinute;
		const now = this.now();
		const slot = Math.max(now, this.next);
		this.next = slot + interval;
		if (slot > now) await sleep(slot - now);
	}
}
