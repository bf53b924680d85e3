/**
 * One page, or several pages up to `limit` items, of a Graph collection.
 */
import type {
  GraphApi,
  GraphRequest,
} from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/graph/GraphApi';
import type { LinkSource } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/graph/graphLink';
import { MAX_TOP } from '../definition/overlay';
import { isJsonObject, type JsonObject } from './transform';

/** Upstream's page size when `top` is not given. */
export const DEFAULT_PAGE_SIZE = 100;
// Bounds the requests of one command even if Graph returned tiny pages.
const MAX_PAGES = 1000;

/** What the collected pages hold. */
export interface ListResult {
  readonly items: unknown[];
  /** The link to the rest of the collection, when there is more. */
  readonly nextLink?: string;
  /** The raw Graph answer: the single page, or the first page with `value` holding every item kept. */
  readonly contents: unknown;
}

/** Where a list starts: a fresh query, or a next link given by the user. */
export type ListStart =
  { readonly path: string; readonly query: GraphRequest['query'] } | { readonly nextLink: string };

/** The page size to ask for: `top`, else `limit` (one request when it fits a page), else 100. */
export function pageSize(top: number | undefined, limit: number | undefined): number {
  if (top !== undefined) return top;
  return limit !== undefined ? Math.min(limit, MAX_TOP) : DEFAULT_PAGE_SIZE;
}

function pageOf(data: unknown): { page: JsonObject; items: unknown[]; nextLink?: string } {
  const page = isJsonObject(data) ? data : {};
  const items = Array.isArray(page.value) ? page.value : [];
  const link = page['@odata.nextLink'];
  return { page, items, nextLink: typeof link === 'string' && link !== '' ? link : undefined };
}

async function get(api: GraphApi, start: ListStart, linkSource: LinkSource = 'next_link'): Promise<unknown> {
  // The client checks the link (one check for the argument and for Graph's own links).
  if ('nextLink' in start)
    return (await api.request({ method: 'GET', path: start.nextLink, linkSource })).data;
  return (await api.request({ method: 'GET', path: start.path, query: start.query })).data;
}

/**
 * Fetches one page (no limit, like upstream), or follows next links until `limit` items are
 * collected. Items past `limit` on the last page are dropped; the next link then points after
 * that page, so continuing with it skips them: pick `top` dividing `limit` to avoid that.
 */
export async function fetchList(api: GraphApi, start: ListStart, limit?: number): Promise<ListResult> {
  const first = pageOf(await get(api, start));
  if (limit === undefined) return { items: first.items, nextLink: first.nextLink, contents: first.page };

  const items = first.items.slice();
  let nextLink = first.nextLink;
  let pages = 1;
  while (items.length < limit && nextLink !== undefined && pages < MAX_PAGES) {
    const page = pageOf(await get(api, { nextLink }, 'graph'));
    pages += 1;
    items.push(...page.items);
    nextLink = page.nextLink;
    if (page.items.length === 0) break;
  }
  const kept = items.slice(0, limit);
  const contents: JsonObject = { ...first.page, value: kept };
  delete contents['@odata.nextLink'];
  if (nextLink !== undefined) contents['@odata.nextLink'] = nextLink;
  return { items: kept, nextLink, contents };
}

/** The OData query of a list call, in upstream's order; absent options are left out. */
export function listQuery(options: {
  filter?: string;
  top: number;
  orderBy?: string;
}): Record<string, string | number> {
  const query: Record<string, string | number> = {};
  if (options.filter !== undefined) query.$filter = options.filter;
  query.$top = options.top;
  if (options.orderBy !== undefined) query.$orderby = options.orderBy;
  return query;
}
