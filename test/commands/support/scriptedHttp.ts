/**
 * An HttpFactory whose axios instances never touch the network: each request is recorded
 * (method, full URL with query, headers, body) and answered by the first matching route.
 */
import axios, { type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios';
import type { HttpFactory } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/HttpFactory';

/** One request as it would have gone on the wire. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** A canned answer for requests whose `METHOD url` starts with `prefix`. */
export interface Route {
  readonly prefix: string;
  readonly status: number;
  readonly data: unknown;
}

function fullUrl(config: InternalAxiosRequestConfig): string {
  const base = config.baseURL && !/^https?:/.test(config.url ?? '') ? config.baseURL : '';
  const url = `${base}${config.url ?? ''}`;
  const params = config.params as Record<string, unknown> | undefined;
  if (!params || Object.keys(params).length === 0) return url;
  return axios.getUri({ url, params });
}

/** A scripted HTTP factory; `requests` fills as the code under test sends. */
export function scriptedHttp(routes: readonly Route[]): {
  factory: HttpFactory;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];
  const adapter: AxiosAdapter = async (config) => {
    const url = fullUrl(config);
    const method = (config.method ?? 'get').toUpperCase();
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(config.headers.toJSON())) headers[k.toLowerCase()] = String(v);
    const body = typeof config.data === 'string' ? config.data : config.data;
    requests.push({ method, url, headers, body });
    const route = routes.find((r) => `${method} ${url}`.startsWith(r.prefix));
    const status = route?.status ?? 599;
    const data = route ? JSON.stringify(route.data) : '{"error":"no scripted route"}';
    return {
      data,
      status,
      statusText: String(status),
      headers: { 'content-type': 'application/json' },
      config,
    };
  };
  const factory: HttpFactory = () =>
    axios.create({ adapter, validateStatus: () => true, responseType: 'text' });
  return { factory, requests };
}
