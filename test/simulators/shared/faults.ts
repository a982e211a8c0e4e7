/**
 * The fault queue shared by the simulators: `push` queues a fault for `times` matching requests
 * (default 1; Infinity = until cleared), `take` consumes the first queued fault that matches, in
 * queue order. Which requests a fault matches is up to the simulator (an action, a path…).
 */

interface QueuedFault<F> {
	fault: F;
	remaining: number;
}

export class FaultQueue<F extends { times?: number }> {
	private queue: Array<QueuedFault<F>> = [];
	private readonly matches: (fault: F, key: string) => boolean;

	/** `matches(fault, key)`: whether a queued fault applies to the request identified by `key` */
	constructor(matches: (fault: F, key: string) => boolean) {
		this.matches = matches;
	}

	/** Queues a copy of `f`. */
	push(f: F): void {
		this.queue.push({ fault: { ...f }, remaining: f.times ?? 1 });
	}

	/** The first queued fault matching `key`, counted as used once (dropped when used up); undefined when none. */
	take(key: string): F | undefined {
		const i = this.queue.findIndex((q) => q.remaining > 0 && this.matches(q.fault, key));
		if (i < 0) return undefined;
		const q = this.queue[i];
		q.remaining--;
		if (q.remaining <= 0) this.queue.splice(i, 1);
		return q.fault;
	}

	/** Drops every queued fault. */
	clear(): void {
		this.queue = [];
	}
}
