/* Copies the static files tsc does not emit (icons, codex JSON) into dist/. */
const { src, dest, parallel } = require('gulp');

function nodeStatic() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json'], { encoding: false }).pipe(dest('dist/nodes'));
}

function credentialStatic() {
	return src('credentials/**/*.{png,svg}', { encoding: false, allowEmpty: true }).pipe(dest('dist/credentials'));
}

exports['build:static'] = parallel(nodeStatic, credentialStatic);
exports.default = exports['build:static'];
