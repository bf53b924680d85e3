/**
 * The Cortex XSOAR application through the oproxy: the
 * integration never holds a client secret; it sends its encrypted refresh token (or, the first time,
 * the Token from the admin consent) and gets an access token and a rotated refresh token back.
 */
import type { ServerInfo } from '../../../../Base/Scripts/CommonServer/runtime';
import { discardRefreshToken } from '../cache/authKeys';
import { AuthenticationError } from '../errors';
import { redact } from '../http/redact';
import { send, type HttpAnswer, type HttpChannel } from '../http/send';
import type { OproxySettings } from '../settings/types';
import type { AuthFlow, TokenRequest, TokenResult } from './AuthFlow';
import { authErrorDetails, oproxyErrorBody, oproxyErrorMessage, tryParseJson } from './errorParser';
import { channelFor, epochSeconds, TOKEN_TIMEOUT_MS, type FlowContext } from './flowContext';
import { assertNotDelayed, recordFailure, recordSuccess } from './oproxyBackoff';
import { decodeOproxyKey, encryptOproxyToken, nextNonce } from './oproxyCipher';
import { lifetimeSeconds } from './tokenResponse';
import { OPROXY_RETRY, withTokenRetries } from './tokenRetry';

/** A refusal of the credential itself: any 4xx but throttling. */
const isRefusal = (status: number): boolean => status >= 400 && status < 500 && status !== 429;

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
  private readonly channel: HttpChannel;

  constructor(
    private readonly settings: OproxySettings,
    private readonly ctx: FlowContext,
  ) {
    this.identity = JSON.stringify(['oproxy', settings.tokenUrl, settings.registrationId, ctx.appName]);
    this.channel = channelFor(ctx, {
      insecure: settings.insecure,
      proxy: settings.proxy,
      timeoutMs: TOKEN_TIMEOUT_MS,
    });
  }

  /**
   * POSTs `{app_name, registration_id, encrypted_token, scope: null, resource: ""}` (this key order).
   * A 429, 5xx or dropped connection is retried once ({@link OPROXY_RETRY}). A refresh token the
   * oproxy refuses (4xx but 429) is discarded and the Token is sent once instead: a refresh token
   * is spent when the answer of its rotation was lost, the Token is accepted again.
   * @throws AuthenticationError while the back-off runs, on a final refusal (after recording the
   *   back-off once) or on an answer without a token; NetworkError when no answer arrived.
   */
  async getToken(request: TokenRequest): Promise<TokenResult> {
    const { context, clock, log } = this.ctx.runtime;
    assertNotDelayed((await context.read()).data, clock.now());
    const secrets: Array<string | undefined> = [request.refreshToken];
    let answer = await this.exchange(request.refreshToken, secrets);
    if (request.refreshToken && isRefusal(answer.status)) {
      log.debug(
        `oproxy: the cached refresh token was refused (${answer.status}); discarded, sending the Token from the instance settings once`,
      );
      await discardRefreshToken(context, request.refreshToken);
      answer = await this.exchange(undefined, secrets);
    }
    if (answer.status < 200 || answer.status > 299) {
      await recordFailure(context, clock.now());
      throw this.refusal(answer, secrets);
    }
    await recordSuccess(context);
    const executionId = answer.headers['function-execution-id'];
    if (executionId) log.debug(`oproxy Function-Execution-Id: ${executionId}`);
    return this.readToken(answer.text);
  }

  /** One exchange with its retries; every attempt encrypts afresh (new nonce and timestamp). */
  private exchange(
    refreshToken: string | undefined,
    secrets: Array<string | undefined>,
  ): Promise<HttpAnswer> {
    return withTokenRetries(this.channel, OPROXY_RETRY, 'oproxy', async () => {
      const encryptedToken = await this.encryptedToken(refreshToken);
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
    });
  }

  /** base64(nonce ‖ AES-GCM("<now>:<refresh token, else Token>")) under the Key. */
  private async encryptedToken(refreshToken: string | undefined): Promise<string> {
    const { context, clock } = this.ctx.runtime;
    const key = decodeOproxyKey(this.settings.encryptionKey);
    const nonce = await nextNonce(context, this.ctx.deps.crypto, clock.now());
    const content = refreshToken || this.settings.token;
    return encryptOproxyToken(this.ctx.deps.crypto, key, nonce, content, epochSeconds(clock.now()));
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
