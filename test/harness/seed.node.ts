/**
 * Test-only node: emits the items given in its `items` parameter, storing any
 * `binaryBase64` entries through n8n's real binary data service (prepareBinaryData), the way
 * an HTTP Request or Read File node hands a file to the next node.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export interface SeedItem {
	json: IDataObject;
	binary?: Record<string, { base64: string; fileName?: string; mimeType?: string }>;
}

export class SeedNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Seed',
		name: 'seed',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items (tests only)',
		defaults: { name: 'Seed' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | SeedItem[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as SeedItem[];
		const out: INodeExecutionData[] = [];
		for (const [index, item] of items.entries()) {
			const entry: INodeExecutionData = { json: item.json, pairedItem: { item: 0 } };
			if (item.binary) {
				entry.binary = {};
				for (const [name, file] of Object.entries(item.binary)) {
					entry.binary[name] = await this.helpers.prepareBinaryData(Buffer.from(file.base64, 'base64'), file.fileName, file.mimeType);
				}
			}
			void index;
			out.push(entry);
		}
		return [out];
	}
}
