/** Heybox card messages (msg_type 20): a builder for the common modules and a shape check. */

export interface CardModuleInput {
	type: 'header' | 'section' | 'images' | 'buttons' | 'divider' | 'countdown';
	/** header / section text; divider caption */
	text?: string;
	/** section: plain text or markdown */
	markdown?: boolean;
	/** images: URLs (comma or newline separated) */
	urls?: string;
	/** buttons: "label|url" lines; a value without "://" makes a server (WebSocket event) button */
	buttons?: string;
	/** countdown end, Unix seconds */
	endTime?: number;
	countdownMode?: 'default' | 'calendar' | 'second';
}

export class CardError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CardError';
	}
}

function node(text: string, markdown: boolean) {
	return { type: markdown ? 'markdown' : 'plain-text', text };
}

function splitList(value: string | undefined): string[] {
	return String(value ?? '')
		.split(/[\n,]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

/** Builds `{"data":[{type:"card", …}]}` from module inputs, validating each one. */
export function buildCard(modules: CardModuleInput[], options: { size?: string; borderColor?: string } = {}): Record<string, unknown> {
	if (!modules.length) throw new CardError('A card needs at least one module');
	if (modules.length > 10) throw new CardError('A card has at most 10 modules');
	const built = modules.map((m, n) => {
		const where = `module ${n + 1} (${m.type})`;
		switch (m.type) {
			case 'header':
				if (!m.text) throw new CardError(`${where} needs a text`);
				return { type: 'header', content: node(m.text, m.markdown === true) };
			case 'section':
				if (!m.text) throw new CardError(`${where} needs a text`);
				return { type: 'section', paragraph: [node(m.text, m.markdown !== false)] };
			case 'images': {
				const urls = splitList(m.urls);
				if (!urls.length) throw new CardError(`${where} needs at least one image URL`);
				return { type: 'images', urls: urls.map((url) => ({ url })) };
			}
			case 'buttons': {
				const lines = String(m.buttons ?? '')
					.split('\n')
					.map((s) => s.trim())
					.filter(Boolean);
				if (!lines.length || lines.length > 3) throw new CardError(`${where} needs one to three "label|value" lines`);
				return {
					type: 'button-group',
					btns: lines.map((line) => {
						const [label, value = label] = line.split('|').map((s) => s.trim());
						return { type: 'button', text: label, value, event: value.includes('://') ? 'link-to' : 'server', theme: 'primary' };
					}),
				};
			}
			case 'divider':
				return m.text ? { type: 'divider', text: m.text } : { type: 'divider' };
			case 'countdown':
				if (!m.endTime || !Number.isFinite(m.endTime)) throw new CardError(`${where} needs an end time`);
				return { type: 'countdown', mode: m.countdownMode ?? 'default', end_time: Math.floor(m.endTime) };
			default:
				throw new CardError(`${where}: unknown module type`);
		}
	});
	const card: Record<string, unknown> = { type: 'card' };
	if (options.borderColor) card.border_color = options.borderColor;
	card.size = options.size ?? 'medium';
	card.modules = built;
	return { data: [card] };
}

/** Accepts a card document, a single card or a module list, and returns `{data:[…]}` after checking its shape. */
export function normalizeCard(value: unknown): Record<string, unknown> {
	let doc = value;
	if (Array.isArray(doc)) doc = { data: [{ type: 'card', modules: doc }] };
	else if (doc && typeof doc === 'object' && (doc as { type?: unknown }).type === 'card') doc = { data: [doc] };
	const data = (doc as { data?: unknown } | null)?.data;
	if (!Array.isArray(data) || !data.length) throw new CardError('The card JSON needs "data": [ {"type": "card", "modules": [...]} ]');
	data.forEach((card, n) => {
		if (!card || typeof card !== 'object' || (card as { type?: unknown }).type !== 'card') throw new CardError(`data[${n}] must be {"type": "card", ...}`);
		const modules = (card as { modules?: unknown }).modules;
		if (!Array.isArray(modules) || !modules.length) throw new CardError(`data[${n}].modules must be a non-empty array`);
	});
	return doc as Record<string, unknown>;
}
