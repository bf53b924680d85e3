/**
 * The identity platform's v2 token endpoint, shared by the client-secret and certificate flows.
 */
import { AuthenticationError } from '../core/errors';
import { redact } from '../core/redact';
import { send, type HttpChannel } from '../http/send';
import { encodeForm } from '../http/urls';
import type { TokenResult } from './AuthFlow';
import { authErrorDetails, parseErrorBody, tryParseJson } from './errorParser';
import { channelFor, epochSeconds, TOKEN_TIMEOUT_MS, type FlowContext } from './flowContext';
import { lifetimeSeconds } from './tokenResponse';
import { answerOf, withRetries, type RetryPolicy } from '../http/retry';
import { IDENTITY_RETRY } from './tokenRetry';

/** `<login>/<tenant>/oauth2/v2.0/token`. */
export function tokenUrlFor(loginUrl: string, tenantId: string): string {
  return `${loginUrl}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
}

/** What both self-deployed flows need: the token URL and a channel with the token timeout. */
export interface ClientCredentialsEndpoint {
  readonly tokenUrl: string;
  readonly channel: HttpChannel;
}

/** The endpoint of a self-deployed application's settings. */
export function clientCredentialsEndpoint(
  settings: { loginUrl: string; tenantId: string; insecure: boolean; proxy: boolean },
  ctx: FlowContext,
): ClientCredentialsEndpoint {
  const { insecure, proxy } = settings;
  return {
    tokenUrl: tokenUrlFor(settings.loginUrl, settings.tenantId),
    channel: channelFor(ctx, { insecure, proxy, timeoutMs: TOKEN_TIMEOUT_MS }),
  };
}

/** One attempt's form: fields in the order sent, and the secrets they hold. */
export interface TokenForm {
  readonly fields: ReadonlyArray<readonly [string, string | undefined]>;
  /** Values masked in any error text that quotes the answer. */
  readonly secrets: ReadonlyArray<string | undefined>;
}

/**
 * POSTs the form and reads the token. 429, 5xx and dropped connections are retried within
 * {@link IDENTITY_RETRY}; `form` is called for every attempt so that each one carries fresh
 * credentials (a certificate assertion's `jti` is single use).
 * @throws AuthenticationError on a refusal (upstream: any status but 200 and 201) or a bad answer;
 *   NetworkError when no attempt got an answer.
 */
export async function postTokenForm(
  channel: HttpChannel,
  tokenUrl: string,
  form: () => TokenForm,
  options: { commandPrefix: string; policy?: RetryPolicy },
): Promise<TokenResult> {
  const secrets: Array<string | undefined> = [];
  const result = await withRetries(channel, options.policy ?? IDENTITY_RETRY, () => {
    const { fields, secrets: used } = form();
    secrets.push(...used);
    return send(channel, {
      method: 'POST',
      url: tokenUrl,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: encodeForm(fields),
      label: 'token',
    });
  });
  const answer = answerOf(result);
  const body = tryParseJson(answer.text);
  if (answer.status !== 200 && answer.status !== 201) {
    const parsed = parseErrorBody(answer.text, options.commandPrefix);
    const message = `Error in Microsoft authorization. Status: ${answer.status}, body: ${parsed}`;
    throw new AuthenticationError(redact(message, secrets), authErrorDetails(answer.status, body));
  }
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : undefined;
  if (!record || typeof record.access_token !== 'string' || record.access_token === '') {
    throw new AuthenticationError(
      `Error in Microsoft authorization: the token endpoint answered ${answer.status} without an access token.`,
      { status: answer.status },
    );
  }
  return {
    accessToken: record.access_token,
    expiresIn: lifetimeSeconds(record, epochSeconds(channel.clock.now())),
  };
}
