/**
 * A fake Graph transport: records every request exactly as the real transport would receive it
 * (method, path, query object, body, idempotent flag), answers from a queue, and lets a test
 * fail when a queued answer was never asked for or a request came unannounced.
 */
import type {
  GraphApi,
  GraphRequest,
  GraphResponse,
} from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/GraphApi';

type Reply = { readonly data: unknown; readonly status: number } | { readonly error: unknown };

/** The Graph base URL the fake pretends to be configured with. */
export const FAKE_BASE_URL = 'https://graph.microsoft.com/v1.0/';

export class FakeGraphApi implements GraphApi {
  readonly baseUrl: string;
  readonly requests: GraphRequest[] = [];
  /** Requests that arrived with no queued reply. */
  readonly unexpected: GraphRequest[] = [];
  private readonly replies: Reply[] = [];

  constructor(baseUrl = FAKE_BASE_URL) {
    this.baseUrl = baseUrl;
  }

  /** Queues a successful answer. */
  reply(data: unknown, status = 200): this {
    this.replies.push({ data, status });
    return this;
  }

  /** Queues a failure (e.g. a GraphError as the transport throws it). */
  fail(error: unknown): this {
    this.replies.push({ error });
    return this;
  }

  async request<T = unknown>(request: GraphRequest): Promise<GraphResponse<T>> {
    this.requests.push(request);
    const next = this.replies.shift();
    if (!next) {
      this.unexpected.push(request);
      throw new Error(`FakeGraphApi: unexpected request ${request.method} ${request.path}`);
    }
    if ('error' in next) throw next.error;
    return { status: next.status, data: next.data as T, headers: {} };
  }

  /** Throws when a queued answer was not consumed or a request was not announced. */
  verify(): void {
    if (this.unexpected.length > 0) {
      throw new Error(
        `FakeGraphApi: ${this.unexpected.length} unexpected request(s): ${JSON.stringify(this.unexpected)}`,
      );
    }
    if (this.replies.length > 0)
      throw new Error(`FakeGraphApi: ${this.replies.length} expected request(s) never made`);
  }
}
