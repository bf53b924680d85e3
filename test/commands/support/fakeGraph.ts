/**
 * A fake `CalendarClient`, standing in for the MicrosoftClient the dispatcher would build: it
 * records every Graph request exactly as a command hands it to the client (method, path, query
 * object, body, idempotent flag, link source), answers from a queue, answers `verifyAccess` with
 * the permissions a test chose, and lets a test fail when a queued answer was never asked for or
 * a request came unannounced.
 */
import type {
  GraphRequest,
  GraphResponse,
} from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/graph/GraphApi';
import type { Settings } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/types';
import type { CalendarClient } from '../../../Integrations/MicrosoftGraphCalendar/commands/types';

type Reply = { readonly data: unknown; readonly status: number } | { readonly error: unknown };

/** The Graph base URL the fake pretends to be configured with. */
export const FAKE_BASE_URL = 'https://graph.microsoft.com/v1.0/';

/** The default user of the fake instance. */
export const DEFAULT_USER = 'alice@contoso.com';

/** Settings of a client-secret instance, with this Default user or none. */
export function fakeSettings(defaultUser?: string): Settings {
  return {
    mode: 'clientSecret',
    clientId: '00000000-0000-0000-0000-000000000001',
    tenantId: 'contoso.onmicrosoft.com',
    clientSecret: 'fake-client-secret-value',
    graphUrl: 'https://graph.microsoft.com',
    graphResource: 'https://graph.microsoft.com',
    loginUrl: 'https://login.microsoftonline.com',
    cloud: 'Worldwide',
    insecure: false,
    proxy: false,
    defaultUser,
  };
}

/** What `verifyAccess` answers: the token's permissions, undefined (not a JWT), or a failure. */
export type AccessAnswer = readonly string[] | undefined | Error;

export class FakeCalendarClient implements CalendarClient {
  /** The settings the dispatcher reads (the Default user); the harness sets them per run. */
  settings: Settings = fakeSettings(DEFAULT_USER);
  readonly baseUrl: string;
  readonly requests: GraphRequest[] = [];
  /** Requests that arrived with no queued reply. */
  readonly unexpected: GraphRequest[] = [];
  /** How many times `verifyAccess` was called. */
  verifyAccessCalls = 0;
  private access: AccessAnswer = ['Calendars.ReadWrite'];
  private readonly replies: Reply[] = [];

  constructor(baseUrl = FAKE_BASE_URL) {
    this.baseUrl = baseUrl;
  }

  /** Sets what `verifyAccess` answers (default: a token granting Calendars.ReadWrite). */
  grants(answer: AccessAnswer): this {
    this.access = answer;
    return this;
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

  async verifyAccess(): Promise<readonly string[] | undefined> {
    this.verifyAccessCalls += 1;
    if (this.access instanceof Error) throw this.access;
    return this.access;
  }

  async request<T = unknown>(request: GraphRequest): Promise<GraphResponse<T>> {
    this.requests.push(request);
    const next = this.replies.shift();
    if (!next) {
      this.unexpected.push(request);
      throw new Error(`FakeCalendarClient: unexpected request ${request.method} ${request.path}`);
    }
    if ('error' in next) throw next.error;
    return { status: next.status, data: next.data as T, headers: {} };
  }

  /** Throws when a queued answer was not consumed or a request was not announced. */
  verify(): void {
    if (this.unexpected.length > 0) {
      throw new Error(
        `FakeCalendarClient: ${this.unexpected.length} unexpected request(s): ${JSON.stringify(this.unexpected)}`,
      );
    }
    if (this.replies.length > 0)
      throw new Error(`FakeCalendarClient: ${this.replies.length} expected request(s) never made`);
  }
}
