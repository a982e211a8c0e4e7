/** '/a/b' for 'a/b/', '/a/b', 'a/b' ('/' stays '/'). */
export function normPath(p: string): string {
	const s = '/' + p.replace(/^\/+/, '');
	return s.length > 1 ? s.replace(/\/+$/, '') : s;
}

/** `requested` equals `path`, or is a tail of it on a segment boundary ('message/send'). */
export function pathMatches(path: string, requested: string): boolean {
	const want = normPath(requested);
	return path === want || path.endsWith(want);
}
