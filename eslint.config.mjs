// n8n's own lint setup (@n8n/node-cli: eslint-plugin-n8n-nodes-base + @n8n/eslint-plugin-community-nodes,
// n8n Cloud rules included) on everything that ships: nodes/, credentials/, package.json.
// Test, bench and tooling code does not ship; it may use timers and process.
import { config } from '@n8n/node-cli/eslint';

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
	...config,
	{
		files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
		rules: {
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-http-request-with-manual-auth': 'off',
			'@n8n/community-nodes/missing-paired-item': 'off',
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			'@n8n/community-nodes/node-usable-as-tool': 'off',
			'@n8n/community-nodes/icon-validation': 'off',
			'@n8n/community-nodes/require-node-description-fields': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-require-imports': 'off',
			'import-x/no-unresolved': 'off',
			'no-console': 'off',
		},
	},
];
