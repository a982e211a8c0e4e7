// Prints one line for every jest JSON report given: `tests: N passed, N failed`.
// A suite that failed to run (e.g. a compile error) counts as one failed test.
const fs = require('node:fs');

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
	let report;
	try {
		report = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		failed += 1;
		continue;
	}
	passed += report.numPassedTests;
	failed += report.numFailedTests;
	for (const suite of report.testResults ?? []) {
		if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1;
	}
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
