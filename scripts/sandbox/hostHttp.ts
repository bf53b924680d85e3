/**
 * The sandbox's implementation of the server's `http()`, run on the main thread: a real HTTP
 * request with Node's http/https, answered in the server's shape `{StatusCode, Status, Body,
 * Headers}` with Go-canonical header names and array values. Transport failures come back as an
 * error text like Go's, which the script sees as a thrown error.
 */
import * as http from 'node:http';
import * as https from 'node:https';

/** The request object the script passes to `http()`. */
export interface ScriptHttpRequest {
  Method?: string;
  Headers?: Record<string, string[] | string>;
  Body?: string;
  Username?: string;
  Password?: string;
}

/** The server-shaped response. */
export interface ScriptHttpResponse {
  StatusCode: number;
  Status: string;
  Body: string;
  Headers: Record<string, string[]>;
}

/** The placeholder of a redacted secret in a recorded call. */
export const REDACTED = '[REDACTED]';

const SECRET_HEADERS = /^(authorization|proxy-authorization|cookie)$/i;
const SECRET_FIELDS = new Set([
  'client_secret',
  'client_assertion',
  'encrypted_token',
  'refresh_token',
  'access_token',
  'code',
  'assertion',
  'password',
]);

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = SECRET_FIELDS.has(k.toLowerCase()) ? REDACTED : redactJson(v);
  return out;
}

/**
 * Redacts what a recorded call must not keep (so a failing assertion cannot print a secret):
 * credential headers, and secret fields of a JSON or form body.
 */
export function redactRecorded(headers: Record<string, string[]>, body: string | undefined) {
  const safeHeaders: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers)) safeHeaders[k] = SECRET_HEADERS.test(k) ? [REDACTED] : v;
  if (body === undefined || body === '') return { headers: safeHeaders, body };
  try {
    return { headers: safeHeaders, body: JSON.stringify(redactJson(JSON.parse(body))) };
  } catch {
    const form = body
      .split('&')
      .map((pair) => {
        const name = pair.split('=')[0];
        return SECRET_FIELDS.has(name.toLowerCase()) ? `${name}=${REDACTED}` : pair;
      })
      .join('&');
    return { headers: safeHeaders, body: form };
  }
}

/** One `http()` call as the sandbox saw it, secrets redacted (see {@link redactRecorded}). */
export interface RecordedHttpCall {
  readonly url: string;
  /** The URL actually requested after `hostMap` rewriting. */
  readonly targetUrl: string;
  readonly method: string;
  readonly headers: Record<string, string[]>;
  readonly body?: string;
  readonly insecure: boolean;
  readonly proxy: boolean;
  readonly status?: number;
  readonly error?: string;
}

/** Go's CanonicalMIMEHeaderKey: `content-type` → `Content-Type`. */
export function canonicalHeader(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('-');
}

/** Rewrites the URL by the first matching prefix of `hostMap` (e.g. the IMDS address → emulator). */
export function mapHost(url: string, hostMap: Readonly<Record<string, string>> = {}): string {
  for (const [from, to] of Object.entries(hostMap)) {
    if (url === from || url.startsWith(from.endsWith('/') ? from : `${from}/`))
      return to + url.slice(from.length);
  }
  return url;
}

function headerArrays(raw: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = canonicalHeader(raw[i]);
    (out[name] ??= []).push(raw[i + 1]);
  }
  return out;
}

function goStyleError(method: string, url: string, error: NodeJS.ErrnoException): string {
  const detail =
    error.code === 'ECONNREFUSED'
      ? 'connect: connection refused'
      : error.code === 'ECONNRESET'
        ? 'read: connection reset by peer'
        : error.code === 'ENOTFOUND'
          ? 'dial tcp: lookup: no such host'
          : error.message;
  return `${method.charAt(0)}${method.slice(1).toLowerCase()} "${url}": ${detail}`;
}

type Outcome = { response?: ScriptHttpResponse; error?: string };
type Agents = { http: http.Agent; https: https.Agent };

function requestOptions(
  parsed: URL,
  request: ScriptHttpRequest,
  insecure: boolean,
  agents: Agents,
): https.RequestOptions {
  const secure = parsed.protocol === 'https:';
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(request.Headers ?? {}))
    headers[name] = Array.isArray(value) ? value : [value];
  const options: https.RequestOptions = {
    method: (request.Method ?? 'GET').toUpperCase(),
    headers,
    auth: request.Username !== undefined ? `${request.Username}:${request.Password ?? ''}` : undefined,
    agent: secure ? agents.https : agents.http,
  };
  if (secure) options.rejectUnauthorized = !insecure;
  return options;
}

function readResponse(
  res: http.IncomingMessage,
  done: (outcome: Outcome) => void,
  fail: (e: Error) => void,
): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () =>
    done({
      response: {
        StatusCode: res.statusCode ?? 0,
        Status: `${res.statusCode} ${res.statusMessage ?? ''}`.trim(),
        Body: Buffer.concat(chunks).toString('utf8'),
        Headers: headerArrays(res.rawHeaders),
      },
    }),
  );
  res.on('error', fail);
}

/** Performs one request. Never rejects: failures come back as `{ error }`. */
export function performRequest(
  targetUrl: string,
  request: ScriptHttpRequest,
  insecure: boolean,
  agents: Agents,
): Promise<Outcome> {
  const method = (request.Method ?? 'GET').toUpperCase();
  return new Promise((resolve) => {
    let parsed: URL;
    try {
      parsed = new URL(targetUrl);
    } catch {
      resolve({ error: `parse "${targetUrl}": invalid URL` });
      return;
    }
    const fail = (error: NodeJS.ErrnoException): void =>
      resolve({ error: goStyleError(method, targetUrl, error) });
    const client = parsed.protocol === 'https:' ? https : http;
    const req = client.request(parsed, requestOptions(parsed, request, insecure, agents), (res) =>
      readResponse(res, resolve, fail),
    );
    req.on('error', fail);
    if (request.Body !== undefined && request.Body !== '') req.write(request.Body);
    req.end();
  });
}
