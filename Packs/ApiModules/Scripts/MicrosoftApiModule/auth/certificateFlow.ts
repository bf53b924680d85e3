/**
 * Self-deployed application, client credentials with a certificate: the client secret is
 * replaced by a signed client assertion, built fresh for every token request (upstream built one
 * per process and could send it expired).
 */
import { FlowUnavailableError } from '../core/errors';
import type { CertificateSettings } from '../settings/types';
import type { AuthFlow, TokenRequest, TokenResult } from './AuthFlow';
import { assertionKey, buildClientAssertion, type AssertionKey } from './clientAssertion';
import { epochSeconds, type FlowContext } from './flowContext';
import { clientCredentialsEndpoint, postTokenForm, type ClientCredentialsEndpoint } from './tokenEndpoint';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Client credentials with a certificate: a form POST carrying a client assertion JWT. */
export class CertificateFlow implements AuthFlow {
  readonly mode = 'certificate' as const;
  readonly adoptsLegacyCache = false;
  readonly identity: string;
  readonly credential: string;
  private readonly endpoint: ClientCredentialsEndpoint;
  private readonly key: AssertionKey;

  /** @throws FlowUnavailableError when PS256 is asked for without a matching certificate. */
  constructor(
    private readonly settings: CertificateSettings,
    private readonly ctx: FlowContext,
  ) {
    this.endpoint = clientCredentialsEndpoint(settings, ctx);
    const { clientId, thumbprint, graphResource } = settings;
    this.identity = JSON.stringify([
      'certificate',
      this.endpoint.tokenUrl,
      clientId,
      thumbprint,
      graphResource,
    ]);
    this.credential = `${thumbprint}\n${settings.privateKeyPem}`;
    try {
      this.key = assertionKey(ctx.deps.crypto, thumbprint, ctx.certificate);
    } catch (error) {
      const reason = `Certificate authentication cannot be used: ${(error as Error).message}.`;
      throw new FlowUnavailableError(reason, { cause: error });
    }
  }

  /**
   * Fields in upstream's order: client_id, grant_type, client_assertion_type, client_assertion,
   * scope. Every attempt (retries included) signs a new assertion: its `jti` is single use.
   */
  async getToken(request: TokenRequest): Promise<TokenResult> {
    return postTokenForm(
      this.endpoint.channel,
      this.endpoint.tokenUrl,
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
        tokenUrl: this.endpoint.tokenUrl,
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
