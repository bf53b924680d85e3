/**
 * An AuthFlow double for cache tests: records each token request and answers from a queue.
 */
import type {
  AuthFlow,
  TokenRequest,
  TokenResult,
} from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/AuthFlow';
import type { AuthMode } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/types';

type Answer = TokenResult | Error | (() => Promise<TokenResult>);

/** A scripted flow. */
export class FakeFlow implements AuthFlow {
  readonly calls: TokenRequest[] = [];
  private readonly answers: Answer[] = [];

  constructor(
    readonly mode: AuthMode = 'clientSecret',
    readonly identity = '["clientSecret","https://login/t/oauth2/v2.0/token","client"]',
    /** The secret the flow authenticates with (the cache keeps only a salted digest of it). */
    readonly credential = 'fake-credential-SECRET',
  ) {}

  /** As the real flows: only oproxy adopts a context written by the Python integration. */
  get adoptsLegacyCache(): boolean {
    return this.mode === 'oproxy';
  }

  /** Queues the next answer. */
  answer(answer: Answer): this {
    this.answers.push(answer);
    return this;
  }

  async getToken(request: TokenRequest): Promise<TokenResult> {
    this.calls.push(request);
    const next = this.answers.shift();
    if (!next) throw new Error('FakeFlow: unexpected token request');
    if (next instanceof Error) throw next;
    if (typeof next === 'function') return next();
    return next;
  }
}

/** A promise with its resolve function exposed. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
