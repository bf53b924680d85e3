/**
 * The HttpFactory for the XSOAR server bundle: axios instances whose adapter calls the server's
 * synchronous global `http(url, {Method, Headers, Body, Username, Password}, insecure, proxy)`.
 *
 * What the server's `http()` decides, not us (documented limits):
 * - timeouts: the engine has no timers and `http()` takes no timeout, so `timeoutMs` cannot be
 *   enforced; the server's own HTTP client timeout applies;
 * - redirects: whatever the server's HTTP client does (Node hosts refuse them);
 * - the proxy: `proxy` is passed through and the server uses its configured system proxy.
 * Request and response bodies are text; binary bodies and responseTypes are refused with
 * ERR_NOT_SUPPORT. `maxContentLength` is not enforced: like axios's browser adapters, this one
 * cannot stop a download, which the server's `http()` has completed by the time it returns.
 */
import axios, { AxiosError } from 'axios';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { HttpClientOptions, HttpFactory } from './HttpFactory';

type Settle = (
  resolve: (response: AxiosResponse) => void,
  reject: (error: unknown) => void,
  response: AxiosResponse,
) => void;
// axios's own helper for custom adapters (its adapter guide's example uses it): it resolves, or
// rejects with the AxiosError axios builds, by `validateStatus`. Exported by axios for adapters
// (`axios/unsafe/core/settle.js`), without type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const settle = (require('axios/unsafe/core/settle.js') as { default: Settle }).default;

/** The request object of the server's `http()`; header values are arrays of strings. */
export interface ServerHttpRequest {
  Method: string;
  Headers: Record<string, string[]>;
  Body?: string;
  Username?: string;
  Password?: string;
}

/** What the server's `http()` returns. */
export interface ServerHttpResponse {
  StatusCode: number;
  /** Go-style status line, e.g. `200 OK`. */
  Status?: string;
  Body?: string;
  Headers?: Record<string, string[] | string | undefined>;
}

/** The server's synchronous `http()` global. It throws when no HTTP answer was received. */
export type ServerHttpFunction = (
  url: string,
  request: ServerHttpRequest,
  insecure: boolean,
  proxy: boolean,
) => ServerHttpResponse;

// The server reports transport failures as text (Go error strings); map them to the Node-style
// codes the module's network error classification understands.
const ENGINE_ERROR_CODES: readonly [RegExp, string][] = [
  [/connection refused/i, 'ECONNREFUSED'],
  [/timeout|deadline exceeded|timed out/i, 'ETIMEDOUT'],
  [/no such host|name resolution|ENOTFOUND/i, 'ENOTFOUND'],
  [/x509|certificate|tls|ssl/i, 'EPROTO'],
  [/connection reset|broken pipe|EOF/i, 'ECONNRESET'],
];

/** What identifies the call in `response.request` and `error.request`: never headers or body. */
type RequestInfo = { method: string; url: string };

/** The failure of `http()` (it throws when no HTTP answer came) as axios wraps transport errors. */
function networkError(thrown: unknown, config: InternalAxiosRequestConfig, request: RequestInfo): AxiosError {
  const message = (thrown as { message?: unknown } | null)?.message;
  const text = typeof thrown === 'string' ? thrown : typeof message === 'string' && message ? message : '';
  const cause = new Error(text || 'the server http() call failed');
  const code = ENGINE_ERROR_CODES.find(([re]) => re.test(cause.message))?.[1] ?? AxiosError.ERR_NETWORK;
  return AxiosError.from(cause, code, config, request);
}

function unsupported(message: string, config: InternalAxiosRequestConfig): AxiosError {
  return AxiosError.from(new Error(message), AxiosError.ERR_NOT_SUPPORT, config);
}

function requestHeaders(config: InternalAxiosRequestConfig): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const plain = config.headers.toJSON() as Record<string, unknown>;
  for (const name of Object.keys(plain)) {
    const value = plain[name];
    if (value === undefined || value === null || value === false) continue;
    out[name] = Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return out;
}

// After axios's request transforms, a body is text (JSON and forms are serialized by then).
function requestBody(data: unknown, config: InternalAxiosRequestConfig): string | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    throw unsupported('Binary request bodies are not supported by the server http()', config);
  }
  return JSON.stringify(data);
}

/** Builds the server request object (exported for tests). */
export function toServerRequest(config: InternalAxiosRequestConfig): ServerHttpRequest {
  const request: ServerHttpRequest = {
    Method: (config.method ?? 'get').toUpperCase(),
    Headers: requestHeaders(config),
  };
  const body = requestBody(config.data, config);
  if (body !== undefined) request.Body = body;
  if (config.auth) {
    request.Username = config.auth.username;
    request.Password = config.auth.password;
  }
  return request;
}

function responseHeaders(raw: ServerHttpResponse['Headers']): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const name of Object.keys(raw ?? {})) {
    const value = raw?.[name];
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const values = Array.isArray(value) ? value.map(String) : [String(value)];
    // Set-Cookie must stay a list (cookies contain commas); other repeated headers join like Node's.
    out[key] = key === 'set-cookie' ? values : values.join(', ');
  }
  return out;
}

function statusText(status: number, line: string | undefined): string {
  if (!line) return '';
  const prefix = `${status} `;
  return line.startsWith(prefix) ? line.slice(prefix.length) : line;
}

/**
 * The response in the shape axios's adapter guide asks for: axios turns the headers into
 * AxiosHeaders and runs its response transforms (JSON parsing) after the adapter.
 */
function toResponse(raw: ServerHttpResponse, config: InternalAxiosRequestConfig, request: RequestInfo) {
  const status = Number(raw.StatusCode);
  return {
    data: raw.Body ?? '',
    status,
    statusText: statusText(status, raw.Status),
    headers: responseHeaders(raw.Headers),
    config,
    request,
  } as AxiosResponse;
}

const TEXT_RESPONSE_TYPES = ['', 'json', 'text'];

/**
 * An axios adapter over the server's `http()`, as axios documents custom adapters: it returns a
 * promise of the response and lets axios's `settle` decide by `validateStatus`. The promise is
 * settled when `http()` returns (the server's `http()` is synchronous).
 */
export function serverHttpAdapter(serverHttp: ServerHttpFunction, options: HttpClientOptions): AxiosAdapter {
  return (config) =>
    new Promise<AxiosResponse>((resolve, reject) => {
      if (config.responseType !== undefined && TEXT_RESPONSE_TYPES.indexOf(config.responseType) < 0) {
        throw unsupported(`responseType ${config.responseType} is not supported`, config);
      }
      const url = axios.getUri(config);
      const request: RequestInfo = { method: (config.method ?? 'get').toUpperCase(), url };
      const serverRequest = toServerRequest(config);
      let raw: ServerHttpResponse;
      try {
        raw = serverHttp(url, serverRequest, options.insecure, options.proxy);
      } catch (error) {
        throw networkError(error, config, request);
      }
      if (!raw || typeof raw.StatusCode !== 'number' || !raw.StatusCode) {
        throw networkError(new Error('the server http() returned no status code'), config, request);
      }
      settle(resolve, reject, toResponse(raw, config, request));
    });
}

/**
 * Builds the HttpFactory for the server bundle. `validateStatus` accepts every status (callers
 * classify them) as the HttpFactory contract requires.
 */
export function createServerHttpFactory(serverHttp: ServerHttpFunction): HttpFactory {
  return (options) =>
    axios.create({
      adapter: serverHttpAdapter(serverHttp, options),
      validateStatus: () => true,
      timeout: options.timeoutMs,
      maxRedirects: 0,
    });
}
