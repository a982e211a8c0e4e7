/**
 * Field rules for Heybox request bodies. Bodies are parsed with `parseTagged` (json.ts), so a JSON
 * number is a `JsonNumber` and can be told apart from a string. Every rule violation throws a
 * `HeyboxError` whose text becomes the `msg` of a `{"status":"failed"}` envelope (HTTP 200).
 */
import { JsonNumber } from './json.ts';

export class HeyboxError extends Error {}

export type Body = Record<string, unknown>;

/** `参数错误: <field> <reason>` */
export function paramError(field: string, reason: string): HeyboxError {
	return new HeyboxError(`参数错误: ${field} ${reason}`);
}

function typeName(v: unknown): string {
	if (v instanceof JsonNumber) return `JSON number ${v.text}`;
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'array';
	return typeof v;
}

export function has(body: Body, field: string): boolean {
	return Object.prototype.hasOwnProperty.call(body, field) && body[field] !== undefined;
}

/** A string field. */
export function str(body: Body, field: string, opts: { required?: boolean; allowEmpty?: boolean } = {}): string | undefined {
	const required = opts.required ?? true;
	if (!has(body, field) || body[field] === null) {
		if (required) throw paramError(field, '缺少必填参数');
		return undefined;
	}
	const v = body[field];
	if (typeof v !== 'string') throw paramError(field, `必须是字符串，收到 ${typeName(v)}`);
	if (v === '' && !(opts.allowEmpty ?? false)) {
		if (required) throw paramError(field, '不能为空');
		return undefined;
	}
	return v;
}

/**
 * A snowflake id (19-digit number) that must travel as a JSON STRING of digits. A JSON number is
 * refused: above 2^53 it has already lost digits in the client.
 */
export function idStr(body: Body, field: string, opts: { required?: boolean; allowEmpty?: boolean } = {}): string | undefined {
	const required = opts.required ?? true;
	if (!has(body, field) || body[field] === null) {
		if (required) throw paramError(field, '缺少必填参数');
		return undefined;
	}
	const v = body[field];
	if (v instanceof JsonNumber) {
		const lost = v.isInteger && !Number.isSafeInteger(v.value) ? '（大于 2^53 的数字会丢失精度）' : '';
		throw paramError(field, `必须是字符串，收到 JSON number ${v.text}${lost}`);
	}
	if (typeof v !== 'string') throw paramError(field, `必须是字符串，收到 ${typeName(v)}`);
	if (v === '') {
		if (opts.allowEmpty) return '';
		if (required) throw paramError(field, '不能为空');
		return undefined;
	}
	if (!/^\d+$/.test(v)) throw paramError(field, `必须是数字 ID 字符串，收到 ${JSON.stringify(v)}`);
	return v;
}

/** An integer that must travel as a JSON NUMBER. */
export function int(body: Body, field: string, opts: { required?: boolean; min?: number; max?: number; allowed?: number[] } = {}): number | undefined {
	const required = opts.required ?? true;
	if (!has(body, field) || body[field] === null) {
		if (required) throw paramError(field, '缺少必填参数');
		return undefined;
	}
	const v = body[field];
	if (!(v instanceof JsonNumber)) throw paramError(field, `必须是整数（JSON number），收到 ${typeName(v)}${typeof v === 'string' ? ' ' + JSON.stringify(v) : ''}`);
	if (!v.isInteger || !Number.isSafeInteger(v.value)) throw paramError(field, `必须是整数，收到 ${v.text}`);
	const n = v.value;
	if (opts.allowed && !opts.allowed.includes(n)) throw paramError(field, `取值无效 ${n}（允许 ${opts.allowed.join('/')}）`);
	if (opts.min !== undefined && n < opts.min) throw paramError(field, `不能小于 ${opts.min}，收到 ${n}`);
	if (opts.max !== undefined && n > opts.max) throw paramError(field, `不能大于 ${opts.max}，收到 ${n}`);
	return n;
}

/** A user id: a positive integer JSON number. */
export function userId(body: Body, field = 'to_user_id'): number {
	return int(body, field, { min: 1 }) as number;
}

/** A comma-separated list of digit ids in a string (`"123,234"`); '' or absent = none. */
export function idList(body: Body, field: string): string[] {
	if (!has(body, field) || body[field] === null) return [];
	const v = body[field];
	if (typeof v !== 'string') throw paramError(field, `必须是逗号分隔的字符串，收到 ${typeName(v)}`);
	if (v.trim() === '') return [];
	const parts = v.split(',').map((p) => p.trim());
	for (const p of parts) {
		if (!/^\d+$/.test(p)) throw paramError(field, `必须是逗号分隔的数字 ID，收到 ${JSON.stringify(v)}`);
	}
	return parts;
}

/** `addition`: a string that holds a serialised JSON object. Returns the parsed object. */
export function addition(body: Body, required: boolean): { raw: string; value: Record<string, unknown> } {
	if (!has(body, 'addition') || body.addition === null) {
		if (required) throw paramError('addition', '缺少必填参数（至少 "{}"）');
		return { raw: '', value: {} };
	}
	const v = body.addition;
	if (typeof v !== 'string') throw paramError('addition', `必须是 JSON 字符串（先序列化），收到 ${typeName(v)}`);
	let parsed: unknown;
	try {
		parsed = JSON.parse(v);
	} catch {
		throw paramError('addition', `不是合法的 JSON: ${JSON.stringify(v.slice(0, 80))}`);
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw paramError('addition', '必须是 JSON 对象序列化后的字符串');
	return { raw: v, value: parsed as Record<string, unknown> };
}

export interface ImageInfo {
	url: string;
	width: number;
	height: number;
}

/** `addition.img_files_info`: an array of {url, width, height}. */
export function imgFilesInfo(add: Record<string, unknown>, required: boolean): ImageInfo[] {
	const v = add.img_files_info;
	if (v === undefined || v === null) {
		if (required) throw paramError('addition.img_files_info', '图片消息必须提供 [{url,width,height}]');
		return [];
	}
	if (!Array.isArray(v)) throw paramError('addition.img_files_info', '必须是数组');
	if (required && v.length === 0) throw paramError('addition.img_files_info', '图片消息至少需要一项 {url,width,height}');
	return v.map((x, i) => {
		const f = `addition.img_files_info[${i}]`;
		if (x === null || typeof x !== 'object' || Array.isArray(x)) throw paramError(f, '必须是对象 {url,width,height}');
		const o = x as Record<string, unknown>;
		if (typeof o.url !== 'string' || !isHttpUrl(o.url)) throw paramError(`${f}.url`, '必须是 http(s) URL');
		for (const k of ['width', 'height']) {
			const n = o[k];
			if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) throw paramError(`${f}.${k}`, '必须是正整数');
		}
		return { url: o.url, width: o.width as number, height: o.height as number };
	});
}

export function isHttpUrl(s: string): boolean {
	try {
		const u = new URL(s);
		return u.protocol === 'http:' || u.protocol === 'https:';
	} catch {
		return false;
	}
}

/** `heychat_ack_id`: a non-empty JSON string. */
export function ackId(body: Body): string {
	return str(body, 'heychat_ack_id') as string;
}

/** Integer query parameter (GET): digits only; absent → default. */
export function queryInt(query: Record<string, string>, name: string, def: number, max?: number): number {
	const v = query[name];
	if (v === undefined || v === '') return def;
	if (!/^\d+$/.test(v)) throw paramError(name, `必须是非负整数，收到 ${JSON.stringify(v)}`);
	const n = Number(v);
	if (max !== undefined && n > max) throw paramError(name, `不能大于 ${max}，收到 ${n}`);
	return n;
}

/** Snowflake query parameter (GET). */
export function queryId(query: Record<string, string>, name: string): string {
	const v = query[name];
	if (v === undefined || v === '') throw paramError(name, '缺少必填参数');
	if (!/^\d+$/.test(v)) throw paramError(name, `必须是数字 ID，收到 ${JSON.stringify(v)}`);
	return v;
}
