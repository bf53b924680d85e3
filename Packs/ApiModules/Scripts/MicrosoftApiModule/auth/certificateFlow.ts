/**
 * Self-deployed application, client credentials with a certificate: the client secret is
 * replaced by a signed client assertion, built fresh for every token request (upstream built one
 * per process and could send it expired).
 */
import { FlowUnavailableError } from '../errors';
import type { HttpChannel } from '../http/send';
import type { CertificateSettings } from '../settings/types';
import type { AuthFlow, TokenRequest, TokenResult } from './AuthFlow';
import { assertionKey, buildClientAssertion, type AssertionKey } from './clientAssertion';
import { channelFor, epochSeconds, TOKEN_TIMEOUT_MS, type FlowContext } from './flowContext';
import { postTokenForm, tokenUrlFor } from './tokenEndpoint';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Client credentials with a certificate: a form POST carrying a client assertion JWT. */
export class CertificateFlow implements AuthFlow {
  readonly mode = 'certificate' as const;
  readonly adoptsLegacyCache = false;
  readonly identity: string;
  private readonly tokenUrl: string;
  private readonly channel: HttpChannel;
  private readonly key: AssertionKey;

  /** @throws FlowUnavailableError when PS256 is asked for without a matching certificate. */
  constructor(
    private readonly settings: CertificateSettings,
    private readonly ctx: FlowContext,
  ) {
    this.tokenUrl = tokenUrlFor(settings.loginUrl, settings.tenantId);
    this.identity = JSON.stringify([
      'certificate',
      this.tokenUrl,
      settings.clientId,
      settings.thumbprint,
      settings.graphResource,
    ]);
    this.channel = channelFor(ctx, {
      insecure: settings.insecure,
      proxy: settings.proxy,
      timeoutMs: TOKEN_TIMEOUT_MS,
    });
    try {
      this.key = assertionKey(ctx.deps.crypto, settings.thumbprint, ctx.certificate);
    } catch (error) {
      throw new FlowUnavailableError(
        `Certificate authentication cannot be used: ${(error as Error).message}.`,
        {
          cause: error,
        },
      );
    }
  }

  /**
   * Fields in upstream's order: client_id, grant_type, client_assertion_type, client_assertion,
   * scope. Every attempt (retries included) signs a new assertion: its `jti` is single use.
   */
  async getToken(request: TokenRequest): Promise<TokenResult> {
    return postTokenForm(
      this.channel,
      this.tokenUrl,
      () => {
        const assertion = this.sign();
        return {
          fields: [
            ['client_id', this.settings.clientId],
            ['grant_type', 'client_credentials'],
            ['client_assertion_type', JWT_BEARER],
            ['client_assertion', assertion],
            ['scope', request.scope],
          ],
          secrets: [assertion],
        };
      },
      { commandPrefix: this.ctx.commandPrefix },
    );
  }

  private sign(): string {
    try {
      return buildClientAssertion(this.ctx.deps.crypto, this.key, {
        clientId: this.settings.clientId,
        tokenUrl: this.tokenUrl,
        privateKeyPem: this.settings.privateKeyPem,
        nowSeconds: epochSeconds(this.ctx.runtime.clock.now()),
      });
    } catch (error) {
      // The crypto error may describe the key material; keep it only as a sanitized cause.
      throw new FlowUnavailableError(
        'The Private Key could not be used to sign the client assertion. Check that it is the PEM private key of the certificate.',
        { cause: new Error((error as Error).name) },
      );
    }
  }
}
