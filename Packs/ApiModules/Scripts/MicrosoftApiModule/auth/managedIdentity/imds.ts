/**
 * Azure Managed Identities through the Instance Metadata Service (IMDS): a GET with
 * `Metadata: true`, never through a proxy, with a short per-attempt timeout. Retries follow Azure's
 * guidance for IMDS (and MSAL's): 404, 429, 5xx and socket errors up to 3 times (1, 2, 4 s or the
 * server's Retry-After); 410 (IMDS restarting) every 10 s until about 70 s have passed; 400, 401,
 * 403 and other statuses are final.
 */
import { AuthenticationError, FlowUnavailableError } from '../../core/errors';
import { errorCode, isTimeoutError, isTransientNetworkError } from '../../http/networkErrors';
import { parseRetryAfter, withRetries, type Outcome, type RetryPolicy } from '../../http/retry';
import { send, type HttpAnswer } from '../../http/send';
import { hostOf } from '../../http/urls';
import type { ManagedIdentitySettings } from '../../settings/types';
import type { AuthFlow, TokenResult } from '../AuthFlow';
import { authErrorDetails, rawText, tryParseJson } from '../errorParser';
import { channelFor, epochSeconds, type FlowContext } from '../flowContext';
import { lifetimeSeconds } from '../tokenResponse';
import { imdsHost, imdsTokenUrl } from './endpoint';

const PREFIX = 'Error in Microsoft authorization with Azure Managed Identities:';

/** How long one attempt may take: IMDS is local and answers at once or not at all. */
export const IMDS_ATTEMPT_TIMEOUT_MS = 5000;

/** The retry policy of IMDS token requests (see the file comment). */
export const IMDS_RETRY: RetryPolicy = {
  label: 'imds',
  maxRetries: 3,
  // IMDS is documented to be back within 70 s after a 410.
  maxTotalWaitMs: 70_000,
  baseDelayMs: 1000,
  decide(outcome, nowMs) {
    // A connection that failed or timed out may be IMDS restarting; anything else is final.
    if ('failure' in outcome) {
      const cause = outcome.failure.cause;
      return isTransientNetworkError(cause) || isTimeoutError(cause) ? {} : undefined;
    }
    const { status, headers } = outcome.answer;
    const retryAfter = parseRetryAfter(headers['retry-after'], nowMs);
    // At least a second: "retry now" forever would be a busy loop.
    if (status === 410) return { delayMs: Math.max(retryAfter ?? 10_000, 1000), uncounted: true };
    return status === 404 || status === 429 || status >= 500 ? { delayMs: retryAfter } : undefined;
  },
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** Azure's own explanation in an IMDS answer: `error` and `error_description`, with the status. */
function azureExplanation(answer: HttpAnswer): string {
  const body = tryParseJson(answer.text);
  const record = isRecord(body) ? body : {};
  const parts = [text(record.error), text(record.error_description)].filter((p) => p !== undefined);
  const said = parts.length > 0 ? parts.join(': ') : rawText(answer.text) || 'no explanation';
  return `${said} (HTTP ${answer.status}).`;
}

function noEndpoint(outcome: Outcome, host: string): HttpAnswer {
  if ('answer' in outcome) return outcome.answer;
  const cause = outcome.failure.cause;
  // Only a connection that never got an answer means no endpoint; keep any other failure's text.
  if (!isTransientNetworkError(cause) && !isTimeoutError(cause)) throw outcome.failure;
  const code = errorCode(cause) ?? 'no response';
  throw new FlowUnavailableError(
    `${PREFIX} no managed identity endpoint answered (${hostOf(host)}, ${code}): the engine is not an ` +
      'Azure VM (or other Azure resource) with a managed identity, or the identity is not assigned to it.',
    { cause: outcome.failure },
  );
}

function readToken(answer: HttpAnswer, nowSeconds: number): TokenResult {
  const details = authErrorDetails(answer.status, tryParseJson(answer.text));
  if (answer.status < 200 || answer.status > 299)
    throw new AuthenticationError(`${PREFIX} ${azureExplanation(answer)}`, details);
  const body = tryParseJson(answer.text);
  if (!isRecord(body) || typeof body.access_token !== 'string' || !body.access_token) {
    // Why: IMDS may answer 200 with only an error_description; Azure's words say what is wrong.
    const said = isRecord(body) && (text(body.error_description) || text(body.error));
    const reason = said ? azureExplanation(answer) : 'the answer did not contain an access token.';
    throw new AuthenticationError(`${PREFIX} ${reason}`, details);
  }
  return { accessToken: body.access_token, expiresIn: lifetimeSeconds(body, nowSeconds) };
}

/** The managed identity flow (system-assigned when `settings.clientId` is undefined). */
export function managedIdentityFlow(settings: ManagedIdentitySettings, ctx: FlowContext): AuthFlow {
  const host = imdsHost(ctx.deps.env);
  const identityId = settings.clientId ?? 'system';
  // Why proxy: false: IMDS is a link-local endpoint that a proxy can never reach.
  const channel = channelFor(ctx, {
    insecure: settings.insecure,
    proxy: false,
    timeoutMs: IMDS_ATTEMPT_TIMEOUT_MS,
  });
  return {
    mode: 'managedIdentity',
    adoptsLegacyCache: false,
    identity: JSON.stringify(['managedIdentity', host, identityId, settings.graphResource]),
    credential: identityId,
    /** @throws AuthenticationError on a refusal, FlowUnavailableError when no IMDS answered. */
    async getToken(request) {
      const url = imdsTokenUrl(host, request.resource, settings.clientId);
      const call = () => send(channel, { method: 'GET', url, headers: { Metadata: 'true' }, label: 'imds' });
      const { outcome } = await withRetries(channel, IMDS_RETRY, call);
      return readToken(noEndpoint(outcome, host), epochSeconds(ctx.runtime.clock.now()));
    },
  };
}
