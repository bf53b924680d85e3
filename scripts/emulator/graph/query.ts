/**
 * OData query options of Graph collections: `$top` (Graph's default page size, bounded),
 * `$skip`, `$filter`, `$orderby`, `$select`, `$count`, and absolute `@odata.nextLink`s that
 * carry every other option forward. Filtered+sorted results are cached per mailbox version so
 * paging through a large calendar does not re-sort it for every page.
 */
import type { Reply, RequestContext } from '../context';
import { badRequest, graphHeaders } from './errors';
import {
  compareValues,
  evaluate,
  parseFilter,
  type FilterExpr,
  type FilterProperty,
  type ValueReader,
} from './filter';

/** How one collection is queried. */
export interface CollectionSpec<T> {
  /** e.g. `microsoft.graph.event` (in error messages). */
  readonly entityType: string;
  readonly defaultTop: number;
  readonly maxTop: number;
  /** Filterable/orderable property paths (canonical spelling) and their types. */
  readonly properties: Readonly<Record<string, FilterProperty['type']>>;
  /** Top-level properties `$select` accepts. */
  readonly selectable: readonly string[];
  readonly read: ValueReader<T>;
}

/** A parsed query. */
export interface ListQuery {
  readonly top: number;
  readonly skip: number;
  readonly filter?: FilterExpr;
  readonly orderBy: readonly { readonly prop: string; readonly desc: boolean }[];
  readonly select?: readonly string[];
  readonly count: boolean;
  /** Identifies filter + order for the result cache. */
  readonly shapeKey: string;
}

const KNOWN_OPTIONS = new Set(['$top', '$skip', '$filter', '$orderby', '$select', '$count', '$format']);

function integer(name: string, text: string): number {
  if (!/^\d+$/.test(text.trim())) {
    throw badRequest(
      `Invalid value '${text}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`,
    );
  }
  return Number(text);
}

function resolver<T>(spec: CollectionSpec<T>): (path: string) => FilterProperty | undefined {
  const lower = new Map(
    Object.entries(spec.properties).map(([name, type]) => [name.toLowerCase(), { name, type }]),
  );
  return (path) => lower.get(path.toLowerCase());
}

function parseOrderBy<T>(text: string, spec: CollectionSpec<T>): ListQuery['orderBy'] {
  const resolve = resolver(spec);
  return text.split(',').map((part) => {
    const [path, dir, ...rest] = part.trim().split(/\s+/);
    const prop = path ? resolve(path) : undefined;
    if (!prop || rest.length > 0 || (dir !== undefined && !/^(asc|desc)$/i.test(dir))) {
      throw badRequest(`Could not find a property named '${part.trim()}' on type '${spec.entityType}'.`);
    }
    return { prop: prop.name, desc: dir?.toLowerCase() === 'desc' };
  });
}

/** Parses `$select` against the collection's properties (case-insensitive). */
export function parseSelect<T>(text: string, spec: CollectionSpec<T>): string[] {
  const lower = new Map(spec.selectable.map((p) => [p.toLowerCase(), p]));
  return text.split(',').map((part) => {
    const name = lower.get(part.trim().toLowerCase());
    if (!name)
      throw badRequest(`Could not find a property named '${part.trim()}' on type '${spec.entityType}'.`);
    return name;
  });
}

/** Parses and validates the query options of a collection request. */
export function parseListQuery<T>(ctx: RequestContext, spec: CollectionSpec<T>): ListQuery {
  const q = ctx.query;
  for (const key of Object.keys(q)) {
    if (key.startsWith('$') && !KNOWN_OPTIONS.has(key.toLowerCase())) {
      throw badRequest(`The query parameter '${key}' is not supported.`);
    }
  }
  const top = q.$top === undefined ? spec.defaultTop : integer('$top', q.$top);
  if (top < 1 || top > spec.maxTop) {
    throw badRequest(
      `Invalid page size specified: '${top}'. Must be between 1 and ${spec.maxTop} inclusive.`,
    );
  }
  const filterText = q.$filter;
  return {
    top,
    skip: q.$skip === undefined ? 0 : integer('$skip', q.$skip),
    filter: filterText === undefined ? undefined : parseFilter(filterText, resolver(spec)),
    orderBy: q.$orderby === undefined ? [] : parseOrderBy(q.$orderby, spec),
    select: q.$select === undefined ? undefined : parseSelect(q.$select, spec),
    count: q.$count?.toLowerCase() === 'true',
    shapeKey: `${filterText ?? ''}\u0000${q.$orderby ?? ''}`,
  };
}

const cache = new Map<string, unknown[]>();

/** Creation order, the tie-breaker that keeps sorting stable like Exchange. */
function seqOf(item: object): number {
  const seq = (item as { seq?: unknown }).seq;
  return typeof seq === 'number' ? seq : 0;
}
const CACHE_LIMIT = 64;

/** Filters and sorts `items` (cached under `cacheKey` + query shape), then cuts one page. */
export function runList<T extends object>(
  items: () => readonly T[],
  query: ListQuery,
  spec: CollectionSpec<T>,
  cacheKey?: string,
): { page: T[]; total: number; hasMore: boolean } {
  const key = cacheKey === undefined ? undefined : `${cacheKey}\u0000${query.shapeKey}`;
  let all = key === undefined ? undefined : (cache.get(key) as T[] | undefined);
  if (!all) {
    all = query.filter ? items().filter(evaluate(query.filter, spec.read)) : [...items()];
    if (query.orderBy.length > 0) {
      const order = query.orderBy;
      all.sort((a, b) => {
        for (const { prop, desc } of order) {
          const c = compareValues(spec.read(a, prop), spec.read(b, prop));
          if (c !== 0) return desc ? -c : c;
        }
        return seqOf(a) - seqOf(b);
      });
    }
    if (key !== undefined) {
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
      cache.set(key, all);
    }
  }
  const page = all.slice(query.skip, query.skip + query.top);
  return { page, total: all.length, hasMore: query.skip + query.top < all.length };
}

/** Keeps `id`, `@odata.etag` and the selected properties. */
export function selectProps(
  value: Record<string, unknown>,
  select: readonly string[] | undefined,
): Record<string, unknown> {
  if (!select) return value;
  const out: Record<string, unknown> = {};
  for (const key of ['@odata.etag', 'id', ...select]) if (key in value) out[key] = value[key];
  return out;
}

/** The absolute next-page link: same path and options, `$skip` advanced. */
export function nextLink(ctx: RequestContext, query: ListQuery): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(ctx.query)) {
    if (key.toLowerCase() !== '$skip') parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  parts.push(`$skip=${query.skip + query.top}`);
  return `${ctx.origin}${ctx.path}?${parts.join('&')}`;
}

/**
 * The collection answer: `@odata.context`, optional `@odata.count`, `value`, optional
 * `@odata.nextLink`. `values` are objects, or JSON texts already rendered (cached events).
 */
export function collectionReply(
  ctx: RequestContext,
  contextUrl: string,
  values: readonly unknown[] | { readonly json: readonly string[] },
  query: ListQuery,
  result: { total: number; hasMore: boolean },
): Reply {
  const select = query.select ? `(${query.select.join(',')})` : '';
  const head = JSON.stringify({
    '@odata.context': `${contextUrl}${select}`,
    ...(query.count ? { '@odata.count': result.total } : {}),
  });
  const value = 'json' in values ? `[${values.json.join(',')}]` : JSON.stringify(values);
  const next = result.hasMore ? `,"@odata.nextLink":${JSON.stringify(nextLink(ctx, query))}` : '';
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8', ...graphHeaders(ctx) },
    body: `${head.slice(0, -1)},"value":${value}${next}}`,
  };
}
