/**
 * The HttpFactory for the XSOAR server bundle: axios instances whose adapter calls the server's
 * synchronous global `http(url, {Method, Headers, Body, Username, Password}, insecure, proxy)`.
 *
 * What the server's `http()` decides, not us (documented limits):
 * - timeouts: the engine has no timers and `http()` takes no timeout, so `timeoutMs` cannot be
 *   enforced; the server's own HTTP client timeout applies;
 * - redirects: whatever the server's HTTP client does (Node hosts refuse them);
 * - the proxy: `proxy` is passed through and the server uses its configured system proxy.
 * Request and response bodies are text; binary bodies are refused with ERR_NOT_SUPPORT.
 */
import axios, { AxiosError, AxiosHeaders } from 'axios';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { HttpClientOptions, HttpFactory } from './HttpFactory';

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

function engineErrorMessage(error: unknown): string {
  if (typeof error === 'string') return error;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message ? message : 'the server http() call failed';
}

function networkError(error: unknown, config: InternalAxiosRequestConfig): AxiosError {
  const message = engineErrorMessage(error);
  const code = ENGINE_ERROR_CODES.find(([re]) => re.test(message))?.[1] ?? AxiosError.ERR_NETWORK;
  const axiosError = new AxiosError(`Network Error: ${message}`, code, config);
  if (error instanceof Error) axiosError.cause = error;
  return axiosError;
}

function requestHeaders(config: InternalAxiosRequestConfig): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const plain = AxiosHeaders.from(config.headers).toJSON() as Record<string, unknown>;
  for (const name of Object.keys(plain)) {
    const value = plain[name];
    if (value === undefined || value === null || value === false) continue;
    out[name] = Array.isArray(value) ? value.map(String) : [String(value)];
  }
  return out;
}

function requestBody(data: unknown, config: InternalAxiosRequestConfig): string | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    throw new AxiosError(
      'Binary request bodies are not supported by the server http()',
      AxiosError.ERR_NOT_SUPPORT,
      config,
    );
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

/** Maps the server response to an axios response (exported for tests). */
export function toAxiosResponse(
  raw: ServerHttpResponse,
  config: InternalAxiosRequestConfig,
  url: string,
): AxiosResponse {
  const status = Number(raw.StatusCode);
  return {
    data: raw.Body ?? '',
    status,
    statusText: statusText(status, raw.Status),
    headers: AxiosHeaders.from(responseHeaders(raw.Headers) as Record<string, string>),
    config,
    // Only what identifies the call: never the headers or body (tokens, secrets).
    request: { method: (config.method ?? 'get').toUpperCase(), url },
  };
}

function checkResponse(response: AxiosResponse, config: InternalAxiosRequestConfig): AxiosError | undefined {
  const max = config.maxContentLength;
  if (typeof max === 'number' && max > -1 && String(response.data).length > max) {
    return new AxiosError(
      `maxContentLength size of ${max} exceeded`,
      AxiosError.ERR_BAD_RESPONSE,
      config,
      response.request,
    );
  }
  const validate = config.validateStatus;
  if (!response.status || !validate || validate(response.status)) return undefined;
  const code =
    response.status >= 400 && response.status < 500
      ? AxiosError.ERR_BAD_REQUEST
      : AxiosError.ERR_BAD_RESPONSE;
  return new AxiosError(
    `Request failed with status code ${response.status}`,
    code,
    config,
    response.request,
    response,
  );
}

const TEXT_RESPONSE_TYPES = new Set([undefined, '', 'json', 'text']);

/** An axios adapter over the server's `http()`; the returned promise is settled when it returns. */
export function serverHttpAdapter(serverHttp: ServerHttpFunction, options: HttpClientOptions): AxiosAdapter {
  return (config) => {
    try {
      if (!TEXT_RESPONSE_TYPES.has(config.responseType)) {
        throw new AxiosError(
          `responseType ${config.responseType} is not supported`,
          AxiosError.ERR_NOT_SUPPORT,
          config,
        );
      }
      const url = axios.getUri(config);
      const request = toServerRequest(config);
      let raw: ServerHttpResponse;
      try {
        raw = serverHttp(url, request, options.insecure, options.proxy);
      } catch (error) {
        throw networkError(error, config);
      }
      if (!raw || typeof raw.StatusCode !== 'number' || !raw.StatusCode) {
        throw networkError(new Error('the server http() returned no status code'), config);
      }
      const response = toAxiosResponse(raw, config, url);
      const failure = checkResponse(response, config);
      return failure ? Promise.reject(failure) : Promise.resolve(response);
    } catch (error) {
      return Promise.reject(error);
    }
  };
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
