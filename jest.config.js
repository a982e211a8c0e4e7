/** Jest runs TypeScript tests through ts-jest; the engine tests load n8n-core. */
module.exports = {
	testEnvironment: '<rootDir>/test/harness/jest-environment.js',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
	},
	setupFiles: ['<rootDir>/test/harness/env.js'],
	testTimeout: 30000,
	maxWorkers: 2,
};
