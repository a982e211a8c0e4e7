/** The `file` value of image, record, video and file segments. */

import { SegmentError } from './segments';

/** Where a media file comes from. */
export type MediaSource = 'url' | 'path' | 'base64';

const URL_SCHEME = /^(https?|file):\/\//i;
const WINDOWS_DRIVE = /^[a-zA-Z]:[\\/]/;
const UNC_PATH = /^\\\\[^\\/]+[\\/]/;
/** Characters a file URI path segment may hold unencoded (RFC 3986 pchar). */
const PATH_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@]$/;
const DATA_URI = /^data:([^,]*),/i;
const BASE64_PREFIX = /^base64:\/\//i;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function encodePathSegment(segment: string): string {
	let out = '';
	for (const char of segment) out += PATH_CHAR.test(char) ? char : encodeURIComponent(char);
	return out;
}

/** An absolute local path as a `file://` URI, percent-encoded. */
function pathToFileUri(value: string, path: string): string {
	if (LONE_SURROGATE.test(value)) {
		throw new SegmentError('the path contains invalid Unicode (a lone surrogate)', path);
	}
	if (WINDOWS_DRIVE.test(value)) {
		const [drive, ...rest] = value.split(/[\\/]/);
		return `file:///${drive.toUpperCase()}/${rest.map((s) => encodePathSegment(s)).join('/')}`;
	}
	if (UNC_PATH.test(value)) {
		const [host, ...rest] = value.slice(2).split(/[\\/]/);
		return `file://${encodePathSegment(host)}/${rest.map((s) => encodePathSegment(s)).join('/')}`;
	}
	if (value.startsWith('/')) {
		const segments = value.replace(/^\/+/, '').split('/');
		return `file:///${segments.map((s) => encodePathSegment(s)).join('/')}`;
	}
	throw new SegmentError(
		`"${value}" is not an absolute path; give the full path on the OneBot host, e.g. /home/bot/picture.png or C:\\Users\\bot\\picture.png`,
		path,
	);
}

function stripBase64Prefix(value: string, path: string): string {
	const dataUri = DATA_URI.exec(value);
	if (dataUri !== null) {
		if (!/;base64$/i.test(dataUri[1])) {
			throw new SegmentError(
				'the data: URI is not base64-encoded (expected data:<type>;base64,<data>)',
				path,
			);
		}
		return value.slice(dataUri[0].length);
	}
	return value.replace(BASE64_PREFIX, '');
}

/** Validated base64 in the standard alphabet with `=` padding (what Go and .NET decoders need). */
function normalizeBase64(value: string, path: string): string {
	let data = stripBase64Prefix(value.trim(), path).replace(/\s+/g, '');
	if (data === '') throw new SegmentError('the base64 data is empty', path);
	// The URL-safe alphabet decodes the same once mapped back.
	data = data.replace(/-/g, '+').replace(/_/g, '/');
	const bad = /[^A-Za-z0-9+/=]/.exec(data);
	if (bad !== null) {
		throw new SegmentError(
			`the base64 data contains "${bad[0]}", which is not a base64 character (A-Z, a-z, 0-9, +, /, =)`,
			path,
		);
	}
	const padding = /=*$/.exec(data)?.[0].length ?? 0;
	const body = data.slice(0, data.length - padding);
	if (body.includes('=')) {
		throw new SegmentError('the base64 data has "=" before its end; is it several files joined?', path);
	}
	if (body.length % 4 === 1 || padding > 2 || (padding > 0 && data.length % 4 !== 0)) {
		throw new SegmentError('the base64 data has an invalid length; is it truncated?', path);
	}
	return body + '='.repeat((4 - (body.length % 4)) % 4);
}

/**
 * The `file` value for a media segment:
 * - `url`: kept as given; must start with http://, https:// or file://;
 * - `path`: an absolute path on the OneBot host as a `file://` URI (`/a b.png` →
 *   `file:///a%20b.png`, `C:\x\y.png` → `file:///C:/x/y.png`); a `file://` URI is kept;
 * - `base64`: the data with any `data:…;base64,` or `base64://` prefix and whitespace removed,
 *   checked and padded, as `base64://<data>`.
 * Throws SegmentError (with `path`, default `file`) when the value does not fit.
 */
export function mediaFileValue(source: MediaSource, value: string, path = 'file'): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new SegmentError(`the ${source === 'base64' ? 'base64 data' : source} is empty`, path);
	}
	const trimmed = value.trim();
	switch (source) {
		case 'url':
			if (URL_SCHEME.test(trimmed)) return trimmed;
			throw new SegmentError(
				`"${trimmed.slice(0, 80)}" is not a URL; it must start with http://, https:// or file://`,
				path,
			);
		case 'path':
			if (/^file:\/\//i.test(trimmed)) return trimmed;
			return pathToFileUri(trimmed, path);
		case 'base64':
			return `base64://${normalizeBase64(trimmed, path)}`;
		default:
			throw new SegmentError(
				`unknown file source "${String(source)}" (use url, path or base64)`,
				path,
			);
	}
}

/** `base64://<data>` for base64 data, with or without a `data:` or `base64://` prefix. */
export function base64FileValue(base64: string, path = 'file'): string {
	return mediaFileValue('base64', base64, path);
}
