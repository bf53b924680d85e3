/**
 * Self-deployed application, client credentials with a certificate: the client secret is
 * replaced by a signed client assertion, built fresh for every token request (upstream built one
 * per process and could send it expired).
 */
import { FlowUnavailableError } from '../core/errors';
import type { CertificateSettings } from '../settings/types';
import type { AuthFlow } from './AuthFlow';
import { assertionKey, buildClientAssertion, type AssertionKey } from './clientAssertion';
import { epochSeconds, type FlowContext } from './flowContext';
import { clientCredentialsEndpoint, postTokenForm } from './tokenEndpoint';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

function signingKey(settings: CertificateSettings, ctx: FlowContext): AssertionKey {
  try {
    return assertionKey(ctx.deps.crypto, settings.thumbprint, ctx.certificate);
  } catch (error) {
    const reason = `Certificate authentication cannot be used: ${(error as Error).message}.`;
    throw new FlowUnavailableError(reason, { cause: error });
  }
}

/**
 * Client credentials with a certificate: a form POST carrying a client assertion JWT.
 * @throws FlowUnavailableError when PS256 is asked for without a matching certificate.
 */
export function certificateFlow(settings: CertificateSettings, ctx: FlowContext): AuthFlow {
  const { tokenUrl, channel } = clientCredentialsEndpoint(settings, ctx);
  const key = signingKey(settings, ctx);
  const sign = (): string => {
    try {
      const nowSeconds = epochSeconds(ctx.runtime.clock.now());
      const input = {
        clientId: settings.clientId,
        tokenUrl,
        privateKeyPem: settings.privateKeyPem,
        nowSeconds,
      };
      return buildClientAssertion(ctx.deps.crypto, key, input);
    } catch (error) {
      // The crypto error may describe the key material; keep it only as a sanitized cause.
      throw new FlowUnavailableError(
        'The Private Key could not be used to sign the client assertion. Check that it is the PEM private key of the certificate.',
        { cause: new Error((error as Error).name) },
      );
    }
  };
  const { clientId, thumbprint, graphResource } = settings;
  return {
    mode: 'certificate',
    adoptsLegacyCache: false,
    identity: JSON.stringify(['certificate', tokenUrl, clientId, thumbprint, graphResource]),
    credential: `${thumbprint}\n${settings.privateKeyPem}`,
    /**
     * Fields in upstream's order: client_id, grant_type, client_assertion_type, client_assertion,
     * scope. Every attempt (retries included) signs a new assertion: its `jti` is single use.
     */
    getToken(request) {
      const form = () => {
        const assertion = sign();
        const fields = [
          ['client_id', clientId],
          ['grant_type', 'client_credentials'],
          ['client_assertion_type', JWT_BEARER],
          ['client_assertion', assertion],
          ['scope', request.scope],
        ] as const;
        return { fields, secrets: [assertion] };
      };
      return postTokenForm(channel, tokenUrl, form, { commandPrefix: ctx.commandPrefix });
    },
  };
}
