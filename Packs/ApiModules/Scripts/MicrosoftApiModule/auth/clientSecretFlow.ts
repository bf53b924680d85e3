/**
 * Self-deployed application, client credentials with a client secret: a form POST of the
 * application (client) ID and the secret to the tenant's v2 token endpoint.
 */
import type { ClientSecretSettings } from '../settings/types';
import type { AuthFlow } from './AuthFlow';
import type { FlowContext } from './flowContext';
import { clientCredentialsEndpoint, postTokenForm } from './tokenEndpoint';

/** Client credentials with a secret: a form POST to `<login>/<tenant>/oauth2/v2.0/token`. */
export function clientSecretFlow(settings: ClientSecretSettings, ctx: FlowContext): AuthFlow {
  const { tokenUrl, channel } = clientCredentialsEndpoint(settings, ctx);
  return {
    mode: 'clientSecret',
    adoptsLegacyCache: false,
    identity: JSON.stringify(['clientSecret', tokenUrl, settings.clientId, settings.graphResource]),
    credential: settings.clientSecret,
    /** Fields in upstream's order: client_id, client_secret, grant_type, scope. */
    getToken(request) {
      const fields = [
        ['client_id', settings.clientId],
        ['client_secret', settings.clientSecret],
        ['grant_type', 'client_credentials'],
        ['scope', request.scope],
      ] as const;
      const form = () => ({ fields, secrets: [settings.clientSecret] });
      return postTokenForm(channel, tokenUrl, form, { commandPrefix: ctx.commandPrefix });
    },
  };
}
