/**
 * Azure Managed Identities through IMDS: a GET with `Metadata: true`, never through a
 * proxy, with a per-attempt timeout and the bounded retries of retryPolicy.ts.
 */
import { AuthenticationError, FlowUnavailableError, NetworkError } from '../../errors';
import { parseRetryAfter } from '../../http/retryAfter';
import { send, type HttpAnswer, type HttpChannel } from '../../http/send';
import { errorCode } from '../../http/networkErrors';
import { hostOf } from '../../http/urls';
import type { ManagedIdentitySettings } from '../../settings/types';
import type { AuthFlow, TokenRequest, TokenResult } from '../AuthFlow';
import { authErrorDetails, rawText, tryParseJson } from '../errorParser';
import { channelFor, epochSeconds, type FlowContext } from '../flowContext';
import { lifetimeSeconds } from '../tokenResponse';
import { imdsHost, imdsTokenUrl } from './endpoint';
import { IMDS_RETRY, nextImdsDelay, type ImdsOutcome } from './retryPolicy';

const PREFIX = 'Error in Microsoft authorization with Azure Managed Identities:';

type Attempt = { answer: HttpAnswer } | { failure: NetworkError };

/** The managed identity flow (system-assigned when `settings.clientId` is undefined). */
export class ManagedIdentityFlow implements AuthFlow {
  readonly mode = 'managedIdentity' as const;
  readonly adoptsLegacyCache = false;
  readonly identity: string;
  private readonly host: string;
  private readonly channel: HttpChannel;

  constructor(
    private readonly settings: ManagedIdentitySettings,
    private readonly ctx: FlowContext,
  ) {
    this.host = imdsHost(ctx.deps.env);
    this.identity = JSON.stringify([
      'managedIdentity',
      this.host,
      settings.clientId ?? 'system',
      settings.graphResource,
    ]);
    // Why proxy: false: IMDS is a link-local endpoint that a proxy can never reach.
    this.channel = channelFor(ctx, {
      insecure: settings.insecure,
      proxy: false,
      timeoutMs: IMDS_RETRY.attemptTimeoutMs,
    });
  }

  /** @throws AuthenticationError on a refusal, FlowUnavailableError when IMDS cannot be reached. */
  async getToken(request: TokenRequest): Promise<TokenResult> {
    const url = imdsTokenUrl(this.host, request.resource, this.settings.clientId);
    let retries = 0;
    let waitedMs = 0;
    for (;;) {
      const attempt = await this.attempt(url);
      if ('answer' in attempt && attempt.answer.status >= 200 && attempt.answer.status < 300)
        return this.readToken(attempt.answer);
      const outcome = this.outcome(attempt);
      const delay = nextImdsDelay(outcome, { retries, waitedMs });
      if (delay === undefined) throw this.failure(attempt);
      this.ctx.runtime.log.debug(
        `imds retry ${retries + 1} in ${delay} ms after ${outcome.status ?? 'no response'}`,
      );
      await this.ctx.runtime.clock.sleep(delay);
      retries += 1;
      waitedMs += delay;
    }
  }

  private async attempt(url: string): Promise<Attempt> {
    try {
      return {
        answer: await send(this.channel, {
          method: 'GET',
          url,
          headers: { Metadata: 'true' },
          label: 'imds',
        }),
      };
    } catch (error) {
      if (error instanceof NetworkError) return { failure: error };
      throw error;
    }
  }

  private outcome(attempt: Attempt): ImdsOutcome {
    if (!('answer' in attempt)) return {};
    const retryAfterMs = parseRetryAfter(attempt.answer.headers['retry-after'], this.ctx.runtime.clock.now());
    return { status: attempt.answer.status, retryAfterMs };
  }

  private readToken(answer: HttpAnswer): TokenResult {
    const body = tryParseJson(answer.text) as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || typeof body.access_token !== 'string' || !body.access_token)
      throw new AuthenticationError(`${PREFIX} the answer did not contain an access token.`, {
        status: answer.status,
      });
    return {
      accessToken: body.access_token,
      expiresIn: lifetimeSeconds(body, epochSeconds(this.ctx.runtime.clock.now())),
    };
  }

  private failure(attempt: Attempt): Error {
    if (!('answer' in attempt)) {
      const code = errorCode(attempt.failure.cause) ?? 'no response';
      return new FlowUnavailableError(
        `${PREFIX} the managed identity endpoint ${hostOf(this.host)} could not be reached (${code}). ` +
          'Azure Managed Identities work only where the engine runs on an Azure resource with a managed identity.',
        { cause: attempt.failure },
      );
    }
    const body = tryParseJson(attempt.answer.text);
    const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
    const description =
      (typeof record.error_description === 'string' && record.error_description) ||
      (typeof record.error === 'string' && record.error) ||
      rawText(attempt.answer.text) ||
      `status ${attempt.answer.status}`;
    return new AuthenticationError(`${PREFIX} ${description}`, authErrorDetails(attempt.answer.status, body));
  }
}
