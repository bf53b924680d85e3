/**
 * Self-deployed application, client credentials with a client secret: a form POST of the
 * application (client) ID and the secret to the tenant's v2 token endpoint.
 */
import type { ClientSecretSettings } from '../settings/types';
import type { AuthFlow, TokenRequest, TokenResult } from './AuthFlow';
import type { FlowContext } from './flowContext';
import { clientCredentialsEndpoint, postTokenForm, type ClientCredentialsEndpoint } from './tokenEndpoint';

/** Client credentials with a secret: a form POST to `<login>/<tenant>/oauth2/v2.0/token`. */
export class ClientSecretFlow implements AuthFlow {
  readonly mode = 'clientSecret' as const;
  readonly adoptsLegacyCache = false;
  readonly identity: string;
  readonly credential: string;
  private readonly endpoint: ClientCredentialsEndpoint;

  constructor(
    private readonly settings: ClientSecretSettings,
    private readonly ctx: FlowContext,
  ) {
    this.endpoint = clientCredentialsEndpoint(settings, ctx);
    this.identity = JSON.stringify([
      'clientSecret',
      this.endpoint.tokenUrl,
      settings.clientId,
      settings.graphResource,
    ]);
    this.credential = settings.clientSecret;
  }

  /** Fields in upstream's order: client_id, client_secret, grant_type, scope. */
  async getToken(request: TokenRequest): Promise<TokenResult> {
    const fields = [
      ['client_id', this.settings.clientId],
      ['client_secret', this.settings.clientSecret],
      ['grant_type', 'client_credentials'],
      ['scope', request.scope],
    ] as const;
    const form = () => ({ fields, secrets: [this.settings.clientSecret] });
    return postTokenForm(this.endpoint.channel, this.endpoint.tokenUrl, form, {
      commandPrefix: this.ctx.commandPrefix,
    });
  }
}
