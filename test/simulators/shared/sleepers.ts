/**
 * Wake-able sleeps shared by the simulators: delayed answers wait in `sleep(ms)`, and `wakeAll()`
 * (on close) ends every pending sleep at once.
 */
export class Sleepers {
	private readonly wakers = new Set<() => void>();

	/** Resolves after `ms`, or earlier when `wakeAll()` is called. */
	sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const wake = () => {
				clearTimeout(timer);
				this.wakers.delete(wake);
				resolve();
			};
			const timer = setTimeout(wake, ms);
			this.wakers.add(wake);
		});
	}

	/** Ends every pending sleep now. */
	wakeAll(): void {
		for (const wake of this.wakers) wake();
		this.wakers.clear();
	}
}
