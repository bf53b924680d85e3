/**
 * A small http(s) URL parser for settings (the server engine has no `URL` global), and the
 * loopback rule: plain http is accepted only for a host on this machine.
 */
import { ARGUMENT_FORMATS } from '../../../../Base/Scripts/CommonServer/argumentRules';

/** The parts of an absolute http(s) URL that settings need, scheme and host lower-cased. */
export interface HttpUrl {
  readonly scheme: string;
  /** Host name, IPv4 address or bracketed IPv6 address. */
  readonly host: string;
  readonly port?: string;
  /** Path as written, possibly empty. */
  readonly path: string;
  /** `scheme://host[:port]`. */
  readonly origin: string;
}

// No user info, query or fragment: none of them makes sense in a base URL and user info could carry a secret.
const URL_RE =
  /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9._~-]+)(?::(\d{1,5}))?(\/[^\s?#]*)?$/;
const IPV4_LOOPBACK_RE = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses an absolute URL; undefined when it is not of the supported shape. */
export function parseUrl(text: string): HttpUrl | undefined {
  const match = URL_RE.exec(text);
  if (!match) return undefined;
  const [, rawScheme, rawHost, port, path = ''] = match;
  if (port !== undefined && Number(port) > 65535) return undefined;
  // A base URL with `.` or `..` segments would be resolved into another path by every request.
  if (path.split('/').some((segment) => segment !== '' && !ARGUMENT_FORMATS['path-segment'](segment)))
    return undefined;
  const scheme = rawScheme.toLowerCase();
  const host = rawHost.toLowerCase();
  const origin = `${scheme}://${host}${port === undefined ? '' : `:${port}`}`;
  return { scheme, host, port, path, origin };
}

/** True for localhost, [::1] and 127.0.0.0/8. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '[::1]') return true;
  const octets = IPV4_LOOPBACK_RE.exec(host);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** Why a URL is refused, or the parsed URL. */
export type UrlCheck = { ok: true; url: HttpUrl } | { ok: false; reason: 'malformed' | 'insecure' };

/** Accepts https anywhere and http only on loopback hosts. */
export function checkHttpUrl(text: string): UrlCheck {
  const url = parseUrl(text);
  if (url === undefined || (url.scheme !== 'https' && url.scheme !== 'http')) {
    return url === undefined ? { ok: false, reason: 'malformed' } : { ok: false, reason: 'insecure' };
  }
  if (url.scheme === 'http' && !isLoopbackHost(url.host)) return { ok: false, reason: 'insecure' };
  return { ok: true, url };
}
