/**
 * Card messages (`msg_type` 20, reference section 4): `msg` is a JSON string
 * `{"data":[{"type":"card","modules":[…]}]}`. Unknown module or node types, missing required
 * fields and values outside the documented sets are refused with a `HeyboxError`.
 */
import { HeyboxError } from './validate.ts';

export const MODULE_TYPES = ['header', 'section', 'images', 'button-group', 'divider', 'countdown'] as const;
export const NODE_TYPES = ['plain-text', 'markdown', 'image', 'button'] as const;
export const CARD_SIZES = ['small', 'medium', 'large'];
export const BUTTON_EVENTS = ['link-to', 'server'];
export const BUTTON_THEMES = ['default', 'primary', 'success', 'danger'];
export const COUNTDOWN_MODES = ['default', 'calendar', 'second'];
export const IMAGE_SIZES = ['small', 'medium', 'large'];

function fail(where: string, reason: string): HeyboxError {
	return new HeyboxError(`卡片消息格式错误: ${where} ${reason}`);
}

function isObj(v: unknown): v is Record<string, unknown> {
	return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function optString(o: Record<string, unknown>, key: string, where: string): void {
	if (o[key] !== undefined && typeof o[key] !== 'string') throw fail(`${where}.${key}`, '必须是字符串');
}

function oneOf(o: Record<string, unknown>, key: string, allowed: string[], where: string, required = false): void {
	const v = o[key];
	if (v === undefined) {
		if (required) throw fail(`${where}.${key}`, '缺少必填字段');
		return;
	}
	if (typeof v !== 'string' || !allowed.includes(v)) throw fail(`${where}.${key}`, `取值无效 ${JSON.stringify(v)}（允许 ${allowed.join('/')}）`);
}

function validateNode(n: unknown, where: string, allowed: readonly string[] = NODE_TYPES): void {
	if (!isObj(n)) throw fail(where, '必须是对象');
	const type = n.type;
	if (typeof type !== 'string' || !(NODE_TYPES as readonly string[]).includes(type)) throw fail(`${where}.type`, `未知的元素类型 ${JSON.stringify(type)}`);
	if (!allowed.includes(type)) throw fail(`${where}.type`, `此处不允许 ${type}（允许 ${allowed.join('/')}）`);
	switch (type) {
		case 'plain-text':
		case 'markdown':
			if (typeof n.text !== 'string') throw fail(`${where}.text`, '必须是字符串');
			if (n.text.length > 10000) throw fail(`${where}.text`, '不能超过 10000 个字符');
			optString(n, 'width', where);
			break;
		case 'image':
			if (typeof n.url !== 'string' || n.url === '') throw fail(`${where}.url`, '必须是非空字符串');
			oneOf(n, 'size', IMAGE_SIZES, where);
			for (const k of ['width', 'height']) {
				if (n[k] !== undefined && typeof n[k] !== 'number' && typeof n[k] !== 'string') throw fail(`${where}.${k}`, '必须是数字');
			}
			break;
		case 'button':
			if (typeof n.text !== 'string' || n.text === '') throw fail(`${where}.text`, '必须是非空字符串');
			if (typeof n.value !== 'string') throw fail(`${where}.value`, '必须是字符串');
			oneOf(n, 'event', BUTTON_EVENTS, where, true);
			oneOf(n, 'theme', BUTTON_THEMES, where);
			optString(n, 'size', where);
			break;
	}
}

function validateModule(m: unknown, where: string): void {
	if (!isObj(m)) throw fail(where, '必须是对象');
	const type = m.type;
	if (typeof type !== 'string' || !(MODULE_TYPES as readonly string[]).includes(type)) throw fail(`${where}.type`, `未知的模块类型 ${JSON.stringify(type)}`);
	switch (type) {
		case 'header':
			validateNode(m.content, `${where}.content`, ['plain-text', 'markdown']);
			break;
		case 'section': {
			const p = m.paragraph;
			if (!Array.isArray(p) || p.length === 0) throw fail(`${where}.paragraph`, '必须是非空数组');
			if (p.length > 5) throw fail(`${where}.paragraph`, '最多 5 个元素');
			p.forEach((n, i) => validateNode(n, `${where}.paragraph[${i}]`));
			break;
		}
		case 'images': {
			const urls = m.urls;
			if (!Array.isArray(urls) || urls.length === 0) throw fail(`${where}.urls`, '必须是非空数组 [{url}]');
			urls.forEach((u, i) => {
				if (!isObj(u) || typeof u.url !== 'string' || u.url === '') throw fail(`${where}.urls[${i}].url`, '必须是非空字符串');
			});
			break;
		}
		case 'button-group': {
			const btns = m.btns;
			if (!Array.isArray(btns) || btns.length === 0) throw fail(`${where}.btns`, '必须是非空数组');
			if (btns.length > 3) throw fail(`${where}.btns`, '最多 3 个按钮');
			btns.forEach((b, i) => validateNode(b, `${where}.btns[${i}]`, ['button']));
			break;
		}
		case 'divider':
			optString(m, 'text', where);
			break;
		case 'countdown':
			oneOf(m, 'mode', COUNTDOWN_MODES, where, true);
			if (typeof m.end_time !== 'number' || !Number.isInteger(m.end_time) || m.end_time <= 0) throw fail(`${where}.end_time`, '必须是 Unix 秒（整数）');
			break;
	}
}

/** Validates a card `msg` string; returns the parsed document. */
export function validateCardMsg(msg: string): { data: Array<Record<string, unknown>> } {
	let doc: unknown;
	try {
		doc = JSON.parse(msg);
	} catch {
		throw fail('msg', '必须是 JSON 字符串 {"data":[…]}');
	}
	if (!isObj(doc)) throw fail('msg', '必须是 JSON 对象 {"data":[…]}');
	const data = doc.data;
	if (!Array.isArray(data) || data.length === 0) throw fail('data', '必须是非空数组');
	data.forEach((card, ci) => {
		const where = `data[${ci}]`;
		if (!isObj(card)) throw fail(where, '必须是对象');
		if (card.type !== 'card') throw fail(`${where}.type`, `必须是 "card"，收到 ${JSON.stringify(card.type)}`);
		oneOf(card, 'size', CARD_SIZES, where);
		optString(card, 'border_color', where);
		optString(card, 'color', where);
		const modules = card.modules;
		if (!Array.isArray(modules) || modules.length === 0) throw fail(`${where}.modules`, '必须是非空数组');
		modules.forEach((m, mi) => validateModule(m, `${where}.modules[${mi}]`));
	});
	return doc as { data: Array<Record<string, unknown>> };
}
