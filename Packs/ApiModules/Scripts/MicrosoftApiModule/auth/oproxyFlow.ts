/**
 * The Cortex XSOAR application through the oproxy: the integration never holds a client secret;
 * it sends the Token from the admin consent, encrypted under the Key, and gets an access token
 * back (and a refresh token, which it keeps in the context as upstream does but never sends).
 */
import type { ServerInfo } from '../../../../Base/Scripts/CommonServer/runtime';
import { AuthenticationError } from '../core/errors';
import { redact } from '../core/redact';
import { send, type HttpAnswer, type HttpChannel } from '../http/send';
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

/** The oproxy flow. */
export class OproxyFlow implements AuthFlow {
  readonly mode = 'oproxy' as const;
  readonly adoptsLegacyCache = true;
  readonly identity: string;
  readonly credential: string;
  private readonly channel: HttpChannel;

  constructor(
    private readonly settings: OproxySettings,
    private readonly ctx: FlowContext,
  ) {
    this.identity = JSON.stringify(['oproxy', settings.tokenUrl, settings.registrationId, ctx.appName]);
    this.credential = JSON.stringify([settings.registrationId, settings.token, settings.encryptionKey]);
    this.channel = channelFor(ctx, {
      insecure: settings.insecure,
      proxy: settings.proxy,
      timeoutMs: TOKEN_TIMEOUT_MS,
    });
  }

  /**
   * POSTs `{app_name, registration_id, encrypted_token, scope: null, resource: ""}` (this key order)
   * with the Token of the instance encrypted, as the Python calendar integration does (it never
   * sends a stored refresh token). A 429, 5xx or dropped connection is retried once
   * ({@link OPROXY_RETRY}).
   * @throws AuthenticationError while the back-off runs, on a final refusal (after recording the
   *   back-off once) or on an answer without a token; NetworkError when no answer arrived.
   */
  async getToken(): Promise<TokenResult> {
    const { context, clock, log } = this.ctx.runtime;
    assertNotDelayed((await context.read()).data, clock.now());
    const secrets: string[] = [];
    const answer = answerOf(await withRetries(this.channel, OPROXY_RETRY, () => this.exchange(secrets)));
    if (answer.status < 200 || answer.status > 299) {
      await recordFailure(context, clock.now());
      throw this.refusal(answer, secrets);
    }
    await recordSuccess(context);
    const executionId = answer.headers['function-execution-id'];
    if (executionId) log.debug(`oproxy Function-Execution-Id: ${executionId}`);
    return this.readToken(answer.text);
  }

  /** One attempt; every attempt encrypts afresh (new nonce and timestamp). */
  private async exchange(secrets: string[]): Promise<HttpAnswer> {
    const encryptedToken = await this.encryptedToken();
    secrets.push(encryptedToken);
    const body = {
      app_name: this.ctx.appName,
      registration_id: this.settings.registrationId,
      encrypted_token: encryptedToken,
      scope: null,
      resource: '',
    };
    return send(this.channel, {
      method: 'POST',
      url: this.settings.tokenUrl,
      headers: { ...contentInfoHeaders(this.ctx.runtime.serverInfo), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      label: 'oproxy',
    });
  }

  /** base64(nonce ‖ AES-GCM("<now>:<Token>")) under the Key. */
  private async encryptedToken(): Promise<string> {
    const { context, clock } = this.ctx.runtime;
    const key = decodeOproxyKey(this.settings.encryptionKey);
    const nonce = await nextNonce(context, this.ctx.deps.crypto, clock.now());
    return encryptOproxyToken(
      this.ctx.deps.crypto,
      key,
      nonce,
      this.settings.token,
      epochSeconds(clock.now()),
    );
  }

  private refusal(answer: HttpAnswer, secrets: ReadonlyArray<string | undefined>): AuthenticationError {
    const message = oproxyErrorMessage(answer.status, answer.text, this.ctx.commandPrefix);
    const masked = redact(message, [this.settings.token, this.settings.encryptionKey, ...secrets]);
    return new AuthenticationError(masked, authErrorDetails(answer.status, oproxyErrorBody(answer.text)));
  }

  private readToken(text: string): TokenResult {
    const parsed = tryParseJson(text);
    const record = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
    // Deliberate fix: an answer without an access token is an error, not an empty bearer token.
    if (!record || typeof record.access_token !== 'string' || !record.access_token)
      throw new AuthenticationError(BAD_CONTENT);
    return {
      accessToken: record.access_token,
      expiresIn: lifetimeSeconds(record, epochSeconds(this.ctx.runtime.clock.now())),
      refreshToken: typeof record.refresh_token === 'string' ? record.refresh_token : '',
    };
  }
}
