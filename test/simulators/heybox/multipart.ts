/**
 * A small multipart/form-data parser (RFC 7578) on node Buffers, for `POST /upload`.
 */

export interface MultipartFile {
	field: string;
	filename: string;
	contentType: string;
	size: number;
	base64: string;
	data: Buffer;
}

export interface MultipartResult {
	fields: Record<string, string>;
	files: MultipartFile[];
}

/** The boundary from a Content-Type header, or undefined when it is not multipart/form-data. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
	if (!contentType) return undefined;
	const [media, ...params] = contentType.split(';');
	if (media.trim().toLowerCase() !== 'multipart/form-data') return undefined;
	for (const p of params) {
		const eq = p.indexOf('=');
		if (eq < 0) continue;
		if (p.slice(0, eq).trim().toLowerCase() !== 'boundary') continue;
		let v = p.slice(eq + 1).trim();
		if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
		return v || undefined;
	}
	return undefined;
}

/** `name="x"; filename="y"` parameters of a Content-Disposition header (filename* UTF-8 supported). */
function dispositionParams(value: string): Record<string, string> {
	const out: Record<string, string> = {};
	const re = /;\s*([A-Za-z*]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(value)) !== null) {
		const key = m[1].toLowerCase();
		let v = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
		if (key.endsWith('*')) {
			const star = /^([^']*)'[^']*'(.*)$/.exec(v);
			if (star) {
				try {
					v = decodeURIComponent(star[2]);
				} catch {
					v = star[2];
				}
			}
			out[key.slice(0, -1)] = v;
			continue;
		}
		if (out[key] === undefined) out[key] = v;
	}
	return out;
}

/** Parses a multipart body. Throws Error with a reason when it is malformed. */
export function parseMultipart(body: Buffer, boundary: string): MultipartResult {
	const result: MultipartResult = { fields: {}, files: [] };
	const delimiter = Buffer.from(`--${boundary}`);
	let pos = body.indexOf(delimiter);
	if (pos < 0) throw new Error('multipart boundary not found');
	for (;;) {
		pos += delimiter.length;
		// closing delimiter
		if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
		// skip transport padding and the CRLF after the delimiter
		while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
		if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
		else throw new Error('malformed multipart delimiter line');
		const headerEnd = body.indexOf('\r\n\r\n', pos);
		if (headerEnd < 0) throw new Error('multipart part without header end');
		const headers: Record<string, string> = {};
		for (const line of body.subarray(pos, headerEnd).toString('utf8').split('\r\n')) {
			const c = line.indexOf(':');
			if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
		}
		const contentStart = headerEnd + 4;
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), contentStart);
		if (next < 0) throw new Error('multipart part not terminated');
		const data = Buffer.from(body.subarray(contentStart, next));
		const disp = headers['content-disposition'] ?? '';
		if (!/^form-data\b/i.test(disp)) throw new Error('multipart part without Content-Disposition: form-data');
		const params = dispositionParams(disp);
		const name = params.name ?? '';
		if (params.filename !== undefined) {
			result.files.push({
				field: name,
				filename: params.filename,
				contentType: headers['content-type'] ?? 'application/octet-stream',
				size: data.length,
				base64: data.toString('base64'),
				data,
			});
		} else {
			result.fields[name] = data.toString('utf8');
		}
		pos = next + 2;
	}
	return result;
}
