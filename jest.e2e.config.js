/**
 * End-to-end tests against a real n8n (test/e2e/**\/*.e2e.test.ts), one file at a time.
 *   bash scripts/with-node24.sh npx jest -c jest.e2e.config.js
 * The package must be built first (`npm run build:only`); the global setup builds nothing, it
 * only makes sure the pinned n8n is installed in the cache (scripts/n8n-install.sh, ≈6 min once).
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	// n8n boots in ≈5 s and every CLI call costs ≈3–6 s: be generous
	testTimeout: 180000,
	// one n8n at a time, in the jest process (same as --runInBand)
	maxWorkers: 1,
};
