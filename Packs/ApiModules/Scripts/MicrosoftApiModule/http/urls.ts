/**
 * URL helpers without the `URL` global, which the XSOAR server's engine does not have.
 */

/** A query value; `undefined` values are left out. */
export type QueryValue = string | number | boolean | undefined;

/**
 * Encodes query options in the given order. Names keep a literal `$` (OData system options such
 * as `$top` read better in logs and Graph accepts both forms); values are percent-encoded.
 */
export function encodeQuery(query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!query) return '';
  return Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(
      ([name, value]) =>
        `${encodeURIComponent(name).replace(/%24/g, '$')}=${encodeURIComponent(String(value))}`,
    )
    .join('&');
}

/** Appends an encoded query to a URL that may already have one (a next link). */
export function withQuery(url: string, query: string): string {
  if (!query) return url;
  return url + (url.includes('?') ? '&' : '?') + query;
}

/**
 * `application/x-www-form-urlencoded` in field order, like Python's `urlencode` (spaces as `+`);
 * `undefined` fields are dropped, as requests drops `None`.
 */
export function encodeForm(fields: ReadonlyArray<readonly [string, string | undefined]>): string {
  const enc = (s: string): string => encodeURIComponent(s).replace(/%20/g, '+');
  return fields
    .filter((f): f is readonly [string, string] => f[1] !== undefined)
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .join('&');
}

/** The host (and port) of an absolute URL, for messages; the whole text when it is not one. */
export function hostOf(url: string): string {
  const match = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#]*)/.exec(url);
  return match ? match[1] : url;
}

/** The URL without its query string and fragment, for log lines. */
export function withoutQuery(url: string): string {
  return url.replace(/[?#].*$/, '');
}

/** True when `text` is an absolute http(s) URL. */
export function isAbsoluteUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}
