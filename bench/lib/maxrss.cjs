// Preloaded into the benchmarked n8n process (NODE_OPTIONS=--require=…): at exit, appends the
// process's peak resident set size (getrusage ru_maxrss via process.resourceUsage(), in KB) to the
// file named by BENCH_MAXRSS_FILE, one JSON line per process (n8n's task runner inherits the hook
// and writes its own line; the benchmark keeps the line of the pid it spawned).
'use strict';
const fs = require('node:fs');

const file = process.env.BENCH_MAXRSS_FILE;
if (file) {
	process.on('exit', () => {
		try {
			const line = JSON.stringify({ pid: process.pid, argv: process.argv.slice(1, 3), maxRssKb: process.resourceUsage().maxRSS });
			fs.appendFileSync(file, line + '\n');
		} catch {
			/* nothing to report */
		}
	});
}
