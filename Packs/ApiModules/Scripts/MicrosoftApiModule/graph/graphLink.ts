/**
 * The one check of a link the bearer token is about to follow (a `next_link` argument, or a next
 * link Graph returned): the link is first resolved the way a URL parser would (tabs and line
 * breaks removed, `\` read as `/`, the fragment dropped, default ports dropped, `.`, `..` and their
 * percent-encoded forms applied), then its origin must be the configured Graph origin and its path
 * must stay under the Graph base path. The resolved link is what is sent, so what was checked is
 * what travels. No `URL` global is needed (the server engine has none).
 */

/** Where a link came from, for the message. */
export type LinkSource = 'next_link' | 'graph';

/** Why a link was refused, or the resolved link. */
export type LinkCheck =
  { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443' };
const URL_RE = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)([^?#]*)(\?[^#]*)?/;
const AUTHORITY_RE = /^(\[[0-9a-fA-F:.]+\]|[^:@[\]]+)(?::(\d*))?$/;
/** No legitimate next link is this long (a skip token is a few hundred characters). */
const MAX_LINK_LENGTH = 16_384;

/** Without the leading and trailing C0 controls and spaces (a loop: `[\x00-\x20]+$` backtracks). */
function trimControls(text: string): string {
  let from = 0;
  let to = text.length;
  while (from < to && text.charCodeAt(from) <= 0x20) from++;
  while (to > from && text.charCodeAt(to - 1) <= 0x20) to--;
  return text.slice(from, to);
}
const SINGLE_DOT = /^(?:\.|%2e)$/i;
const DOUBLE_DOT = /^(?:\.|%2e){2}$/i;

interface Parts {
  readonly origin: string;
  readonly path: string;
  readonly query: string;
}

function parse(text: string): Parts | string {
  // WHATWG URL parsing strips leading and trailing control characters and spaces, removes tabs
  // and line breaks anywhere, and reads `\` as `/` in http(s) URLs.
  const cleaned = trimControls(text).replace(/[\t\n\r]/g, '');
  // `\` reads as `/` before the query only, as a URL parser does; the query is sent as given.
  const queryAt = cleaned.search(/[?#]/);
  const head = queryAt < 0 ? cleaned : cleaned.slice(0, queryAt);
  const match = URL_RE.exec(head.replace(/\\/g, '/') + (queryAt < 0 ? '' : cleaned.slice(queryAt)));
  if (!match) return 'it is not an absolute http(s) URL';
  const scheme = match[1].toLowerCase();
  if (DEFAULT_PORTS[scheme] === undefined) return 'it is not an http(s) URL';
  const authority = AUTHORITY_RE.exec(match[2]);
  if (!authority) return 'its host part is not a plain host name (user info is refused)';
  // Compared as numbers, as a URL parser does (`:0443` is the default port too).
  const portText = authority[2] === undefined || authority[2] === '' ? DEFAULT_PORTS[scheme] : authority[2];
  const port = Number(portText) === Number(DEFAULT_PORTS[scheme]) ? '' : `:${Number(portText)}`;
  return {
    origin: `${scheme}://${authority[1].toLowerCase()}${port}`,
    path: match[3] || '/',
    query: match[4] ?? '',
  };
}

/** RFC 3986 remove_dot_segments, with the percent-encoded dots a URL parser also honours. */
function removeDotSegments(path: string): string {
  const out: string[] = [];
  const segments = path.split('/').slice(1);
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (DOUBLE_DOT.test(segment)) {
      if (out.length > 0) out.pop();
      if (last) out.push('');
    } else if (SINGLE_DOT.test(segment)) {
      if (last) out.push('');
    } else out.push(segment);
  });
  return `/${out.join('/')}`;
}

/**
 * Resolves `link` and checks that it stays under `baseUrl` (which ends with `/`, e.g.
 * `https://graph.microsoft.com/v1.0/`). `ownPath`: the link is the base and a path the module
 * built (not a link someone handed over).
 */
export function checkGraphLink(
  baseUrl: string,
  link: string,
  options: { ownPath?: boolean } = {},
): LinkCheck {
  // A link someone handed over is bounded; our own paths (long ids included) are not.
  if (!options.ownPath && link.length > MAX_LINK_LENGTH)
    return { ok: false, reason: `it is longer than ${MAX_LINK_LENGTH} characters` };
  const base = parse(baseUrl);
  const parts = parse(link);
  if (typeof base === 'string') return { ok: false, reason: 'the configured Server URL is not a URL' };
  if (typeof parts === 'string') return { ok: false, reason: parts };
  if (parts.origin !== base.origin)
    return { ok: false, reason: `it points to ${parts.origin}, not to ${base.origin}` };
  const path = removeDotSegments(parts.path);
  if (path.indexOf(base.path) !== 0) return { ok: false, reason: `its path leaves ${base.path}` };
  return { ok: true, url: `${parts.origin}${path}${parts.query}` };
}

/** The message of a refused link, naming where it came from. */
export function refusedLinkMessage(source: LinkSource, baseUrl: string, reason: string): string {
  return source === 'next_link'
    ? `The next_link argument must be a Microsoft Graph link under the configured Server URL (${baseUrl}), but ${reason}. The request was not sent.`
    : `Microsoft Graph returned a next link that is not under the configured Server URL (${baseUrl}): ${reason}. It was not followed.`;
}
