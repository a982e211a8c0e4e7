import type { IDataObject } from 'n8n-workflow';

import type { HeyboxClient } from '../../transport';

/**
 * Pages through an offset/limit list until it is exhausted or `limit` items are collected.
 * `pick` returns the page's items and the total when the API reports one.
 */
export async function collectPages(
	client: HeyboxClient,
	path: string,
	qs: IDataObject,
	pageSize: number,
	limit: number | undefined,
	pick: (result: IDataObject) => { items: IDataObject[]; total?: number },
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for (let offset = 0; ; ) {
		const size = limit === undefined ? pageSize : Math.min(pageSize, limit - out.length);
		const result = await client.call({ method: 'GET', path, qs: { ...qs, offset, limit: size } });
		const { items, total } = pick(result);
		out.push(...items);
		offset += items.length;
		if (!items.length || items.length < size || (limit !== undefined && out.length >= limit) || (total !== undefined && offset >= total)) break;
	}
	return limit === undefined ? out : out.slice(0, limit);
}
