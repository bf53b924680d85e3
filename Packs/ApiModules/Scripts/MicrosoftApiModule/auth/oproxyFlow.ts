/**
 * The Cortex XSOAR application through the oproxy: the integration never holds a client secret;
 * it sends the Token from the admin consent, encrypted under the Key, and gets an access token
 * back (and a refresh token, which it keeps in the context as upstream does but never sends).
 */
import type { ServerInfo } from '../../../../Base/Scripts/CommonServer/runtime';
import { AuthenticationError } from '../core/errors';
import { redact } from '../core/redact';
import { send, type HttpAnswer } from '../http/send';
import type { OproxySettings } from '../settings/types';
import type { AuthFlow, TokenResult } from './AuthFlow';
import { authErrorDetails, oproxyErrorBody, oproxyErrorMessage, tryParseJson } from './errorParser';
import { channelFor, epochSeconds, TOKEN_TIMEOUT_MS, type FlowContext } from './flowContext';
import { assertNotDelayed, recordFailure, recordSuccess } from './oproxyBackoff';
import { decodeOproxyKey, encryptOproxyToken, nextNonce } from './oproxyCipher';
import { lifetimeSeconds } from './tokenResponse';
import { OPROXY_RETRY } from './tokenRetry';
import { answerOf, withRetries } from '../http/retry';

const BAD_CONTENT =
  'There was a problem in retrieving an updated access token.\nThe response from the Oproxy server did not contain the expected content.';

/** upstream `get_x_content_info_headers`, sending only the values the host knows. */
export function contentInfoHeaders(info: ServerInfo): Record<string, string> {
  const headers: Record<string, string> = {};
  const put = (name: string, value: string | undefined): void => {
    if (value) headers[name] = value;
  };
  put('X-Content-Version', info.contentVersion);
  headers['X-Content-Name'] = info.brand || info.instanceName || 'Name not found';
  put('X-Content-LicenseID', info.licenseId);
  put('X-Content-Branch', info.branch);
  put('X-Content-Server-Version', info.serverVersion);
  return headers;
}

function readToken(text: string, nowSeconds: number): TokenResult {
  const parsed = tryParseJson(text);
  const record = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  // Deliberate fix: an answer without an access token is an error, not an empty bearer token.
  if (!record || typeof record.access_token !== 'string' || !record.access_token)
    throw new AuthenticationError(BAD_CONTENT);
  return {
    accessToken: record.access_token,
    expiresIn: lifetimeSeconds(record, nowSeconds),
    refreshToken: typeof record.refresh_token === 'string' ? record.refresh_token : '',
  };
}

/**
 * The oproxy flow. Its token request POSTs `{app_name, registration_id, encrypted_token, scope:
 * null, resource: ""}` (this key order) with the Token of the instance encrypted, as the Python
 * calendar integration does (it never sends a stored refresh token). A 429, 5xx or dropped
 * connection is retried once ({@link OPROXY_RETRY}); the back-off is recorded once per refused
 * token request. It throws AuthenticationError while the back-off runs, on a final refusal or on
 * an answer without a token; NetworkError when no answer arrived.
 */
export function oproxyFlow(settings: OproxySettings, ctx: FlowContext): AuthFlow {
  const { context, clock, log } = ctx.runtime;
  const { insecure, proxy, registrationId, token, encryptionKey } = settings;
  const channel = channelFor(ctx, { insecure, proxy, timeoutMs: TOKEN_TIMEOUT_MS });
  // One attempt; every attempt encrypts afresh (new nonce and timestamp): base64(nonce ‖
  // AES-GCM("<now>:<Token>")) under the Key.
  const exchange = async (secrets: string[]): Promise<HttpAnswer> => {
    const nonce = await nextNonce(context, ctx.deps.crypto, clock.now());
    const key = decodeOproxyKey(encryptionKey);
    const encrypted = encryptOproxyToken(ctx.deps.crypto, key, nonce, token, epochSeconds(clock.now()));
    secrets.push(encrypted);
    const body = {
      app_name: ctx.appName,
      registration_id: registrationId,
      encrypted_token: encrypted,
      scope: null,
      resource: '',
    };
    const headers = { ...contentInfoHeaders(ctx.runtime.serverInfo), 'Content-Type': 'application/json' };
    return send(channel, {
      method: 'POST',
      url: settings.tokenUrl,
      headers,
      body: JSON.stringify(body),
      label: 'oproxy',
    });
  };
  const refusal = (answer: HttpAnswer, secrets: readonly string[]): AuthenticationError => {
    const message = oproxyErrorMessage(answer.status, answer.text, ctx.commandPrefix);
    const masked = redact(message, [token, encryptionKey, ...secrets]);
    return new AuthenticationError(masked, authErrorDetails(answer.status, oproxyErrorBody(answer.text)));
  };
  return {
    mode: 'oproxy',
    adoptsLegacyCache: true,
    identity: JSON.stringify(['oproxy', settings.tokenUrl, registrationId, ctx.appName]),
    credential: JSON.stringify([registrationId, token, encryptionKey]),
    async getToken() {
      assertNotDelayed((await context.read()).data, clock.now());
      const secrets: string[] = [];
      const answer = answerOf(await withRetries(channel, OPROXY_RETRY, () => exchange(secrets)));
      if (answer.status < 200 || answer.status > 299) {
        await recordFailure(context, clock.now());
        throw refusal(answer, secrets);
      }
      await recordSuccess(context);
      const executionId = answer.headers['function-execution-id'];
      if (executionId) log.debug(`oproxy Function-Execution-Id: ${executionId}`);
      return readToken(answer.text, epochSeconds(clock.now()));
    },
  };
}
