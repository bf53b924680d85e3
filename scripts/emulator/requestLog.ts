/**
 * The request log: what clients sent (method, path, query, headers, body), with every secret
 * redacted at record time so nothing sensitive is ever stored, plus token-request counters per
 * endpoint kind that survive the log's size cap.
 */
import type { EndpointKind } from './context';

/** The placeholder that replaces a secret. */
export const REDACTED = '[REDACTED]';

/** Body/query fields that hold secrets. */
const SECRET_FIELDS = new Set([
  'client_secret',
  'client_assertion',
  'encrypted_token',
  'refresh_token',
  'code',
  'access_token',
  'id_token',
  'device_code',
  'assertion',
  'password',
]);

/** Headers that hold secrets. */
const SECRET_HEADERS = new Set([
  'authorization',
  'cookie',
  'x-identity-header',
  'secret',
  'proxy-authorization',
]);

/** One recorded request. */
export interface LoggedRequest {
  readonly seq: number;
  /** ISO time the request was received. */
  readonly time: string;
  readonly kind: EndpointKind;
  /** True for a token request (identity token endpoint, IMDS token, oproxy obtain-token). */
  readonly tokenRequest: boolean;
  readonly method: string;
  /** The raw pathname (percent-encoded as sent). */
  readonly path: string;
  /** Decoded query parameters, secrets redacted. */
  readonly query: Readonly<Record<string, string>>;
  /** Request headers (lower-case names), secrets redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body: parsed form or JSON with secrets redacted, else text (never for token endpoints). */
  readonly body?: unknown;
  /** The status answered; absent when the connection was reset or the response dropped. */
  status?: number;
  /** The fault applied, if any (e.g. `status`, `reset`, `dropResponse`). */
  fault?: string;
  /**
   * oproxy requests: what the decrypted `encrypted_token` held (the consent Token, a refresh
   * token the oproxy issued, or anything else), never its value; absent when it did not decrypt.
   */
  encryptedContent?: 'token' | 'refreshToken' | 'other';
}

/** Filter for reading the log. */
export interface RequestFilter {
  readonly kind?: EndpointKind;
  readonly method?: string;
  /** Pathname prefix. */
  readonly pathPrefix?: string;
}

/** Token requests received per endpoint kind. */
export interface TokenRequestCounts {
  identity: number;
  imds: number;
  oproxy: number;
}

/** Redacts secret fields, recursively. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = SECRET_FIELDS.has(key.toLowerCase()) && v !== null && v !== '' ? REDACTED : redact(v);
  }
  return out;
}

/** Redacts secret headers; `Authorization: Bearer x` keeps its scheme. */
export function redactHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (!SECRET_HEADERS.has(name)) out[name] = value;
    else out[name] = /^(Bearer|Basic) /i.test(value) ? `${value.split(' ')[0]} ${REDACTED}` : REDACTED;
  }
  return out;
}

/** Turns a raw body into a loggable, redacted value. */
export function loggableBody(body: Buffer, contentType: string | undefined, kind: EndpointKind): unknown {
  if (body.length === 0) return undefined;
  const text = body.toString('utf8');
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return redact(Object.fromEntries(new URLSearchParams(text)));
  }
  try {
    return redact(JSON.parse(text));
  } catch {
    // Unparsable text cannot be redacted field by field: keep it only where no secret is expected.
    return kind === 'graph' || kind === 'control' ? text.slice(0, 4096) : REDACTED;
  }
}

/** A bounded log of requests. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;
  private counts: TokenRequestCounts = { identity: 0, imds: 0, oproxy: 0 };

  constructor(private readonly limit: number) {}

  /** Records a request (already redacted) and returns the stored entry for later completion. */
  record(entry: Omit<LoggedRequest, 'seq'>): LoggedRequest {
    const stored: LoggedRequest = { ...entry, seq: ++this.seq };
    if (entry.tokenRequest && entry.kind in this.counts)
      this.counts[entry.kind as keyof TokenRequestCounts] += 1;
    this.entries.push(stored);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return stored;
  }

  /** The recorded requests, oldest first. */
  list(filter: RequestFilter = {}): LoggedRequest[] {
    const method = filter.method?.toUpperCase();
    return this.entries.filter(
      (e) =>
        (filter.kind === undefined || e.kind === filter.kind) &&
        (method === undefined || e.method === method) &&
        (filter.pathPrefix === undefined || e.path.startsWith(filter.pathPrefix)),
    );
  }

  /** Token requests received per kind since the last clear. */
  tokenRequestCounts(): TokenRequestCounts {
    return { ...this.counts };
  }

  /** Empties the log and the counters. */
  clear(): void {
    this.entries = [];
    this.counts = { identity: 0, imds: 0, oproxy: 0 };
  }
}
