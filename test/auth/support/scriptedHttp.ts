/**
 * A scripted HttpFactory for tests: real axios instances whose adapter records every request and
 * answers from a queue of expectations, in order. `verify()` fails when an expected request was
 * never made or an unexpected one was.
 */
import axios, { AxiosHeaders, type InternalAxiosRequestConfig, type AxiosResponse } from 'axios';
import type {
  HttpClientOptions,
  HttpFactory,
} from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/HttpFactory';

/** A request as the adapter saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  /** Header names as sent (case kept). */
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** The options of the client that sent it. */
  readonly client: HttpClientOptions;
}

/** A scripted answer: an HTTP response, or a socket-level failure with a Node error code. */
export type ScriptedAnswer =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { networkError: string; message?: string };

interface Expectation {
  method: string;
  url: string | RegExp;
  answer: ScriptedAnswer | ((request: RecordedRequest) => ScriptedAnswer);
}

/** Header value lookup ignoring case. */
export function header(request: RecordedRequest, name: string): string | undefined {
  const key = Object.keys(request.headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : request.headers[key];
}

/** The scripted HTTP layer. */
export class ScriptedHttp {
  readonly requests: RecordedRequest[] = [];
  readonly clients: HttpClientOptions[] = [];
  private readonly queue: Expectation[] = [];
  private readonly unexpected: string[] = [];

  /** The HttpFactory to inject. */
  readonly factory: HttpFactory = (options) => {
    this.clients.push(options);
    return axios.create({
      validateStatus: () => true,
      timeout: options.timeoutMs,
      adapter: (config) => this.handle(config, options),
    });
  };

  /** Queues the answer to the next request, which must match `method` and `url`. */
  expect(method: string, url: string | RegExp, answer: Expectation['answer']): this {
    this.queue.push({ method, url, answer });
    return this;
  }

  /** Number of expectations not yet consumed. */
  get pending(): number {
    return this.queue.length;
  }

  /** Throws when an expectation was not met or an unexpected request was sent. */
  verify(): void {
    const problems = [...this.unexpected];
    for (const e of this.queue) problems.push(`expected request never made: ${e.method} ${String(e.url)}`);
    if (problems.length > 0) throw new Error(problems.join('\n'));
  }

  private async handle(
    config: InternalAxiosRequestConfig,
    client: HttpClientOptions,
  ): Promise<AxiosResponse> {
    const request: RecordedRequest = {
      method: (config.method ?? 'get').toUpperCase(),
      url: config.url ?? '',
      headers: Object.fromEntries(
        Object.entries(AxiosHeaders.from(config.headers).toJSON()).map(([k, v]) => [k, String(v)]),
      ),
      body:
        typeof config.data === 'string'
          ? config.data
          : config.data === undefined
            ? undefined
            : JSON.stringify(config.data),
      client,
    };
    this.requests.push(request);
    const next = this.queue[0];
    const matches =
      next &&
      next.method === request.method &&
      (typeof next.url === 'string' ? next.url === request.url : next.url.test(request.url));
    if (!matches) {
      this.unexpected.push(`unexpected request: ${request.method} ${request.url}`);
      throw Object.assign(new Error('unexpected request in test'), { code: 'UNEXPECTED_REQUEST' });
    }
    this.queue.shift();
    const answer = typeof next.answer === 'function' ? next.answer(request) : next.answer;
    if ('networkError' in answer)
      throw Object.assign(new Error(answer.message ?? `connect ${answer.networkError}`), {
        code: answer.networkError,
      });
    const data =
      answer.body === undefined
        ? ''
        : typeof answer.body === 'string'
          ? answer.body
          : JSON.stringify(answer.body);
    const response: AxiosResponse = {
      data,
      status: answer.status,
      statusText: '',
      headers: answer.headers ?? {},
      config,
      request: {},
    };
    return response;
  }
}

/** Parses a form body into ordered [name, value] pairs. */
export function formFields(body: string | undefined): [string, string][] {
  return [...new URLSearchParams(body ?? '').entries()];
}

/** Splits a URL into its path and ordered query pairs. */
export function splitUrl(url: string): { base: string; query: [string, string][] } {
  const [base, query = ''] = url.split('?');
  return { base, query: [...new URLSearchParams(query).entries()] };
}
