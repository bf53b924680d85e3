/**
 * Self-deployed application, client credentials with a client secret: a form POST of client_id,
 * client_secret, grant_type and scope, in that order, as upstream sends it.
 */
import type { ClientSecretSettings } from '../settings/types';
import type { AuthFlow, TokenRequest, TokenResult } from './AuthFlow';
import { channelFor, TOKEN_TIMEOUT_MS, type FlowContext } from './flowContext';
import { postTokenForm, tokenUrlFor } from './tokenEndpoint';
import type { HttpChannel } from '../http/send';

/** Client credentials with a secret: a form POST to `<login>/<tenant>/oauth2/v2.0/token`. */
export class ClientSecretFlow implements AuthFlow {
  readonly mode = 'clientSecret' as const;
  readonly adoptsLegacyCache = false;
  readonly identity: string;
  private readonly tokenUrl: string;
  private readonly channel: HttpChannel;

  constructor(
    private readonly settings: ClientSecretSettings,
    private readonly ctx: FlowContext,
  ) {
    this.tokenUrl = tokenUrlFor(settings.loginUrl, settings.tenantId);
    this.identity = JSON.stringify([
      'clientSecret',
      this.tokenUrl,
      settings.clientId,
      settings.graphResource,
    ]);
    this.channel = channelFor(ctx, {
      insecure: settings.insecure,
      proxy: settings.proxy,
      timeoutMs: TOKEN_TIMEOUT_MS,
    });
  }

  /** Fields in upstream's order: client_id, client_secret, grant_type, scope. */
  async getToken(request: TokenRequest): Promise<TokenResult> {
    const fields = [
      ['client_id', this.settings.clientId],
      ['client_secret', this.settings.clientSecret],
      ['grant_type', 'client_credentials'],
      ['scope', request.scope],
    ] as const;
    return postTokenForm(
      this.channel,
      this.tokenUrl,
      () => ({ fields, secrets: [this.settings.clientSecret] }),
      { commandPrefix: this.ctx.commandPrefix },
    );
  }
}
