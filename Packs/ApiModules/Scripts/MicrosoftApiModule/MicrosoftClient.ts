/**
 * `MicrosoftClient`, the module's front door, as in the Python MicrosoftApiModule XSOAR developers
 * know: built from the raw instance params (validated by the integration's generated validators;
 * the one factory picks the authentication flow), it gives access tokens and sends Graph requests.
 */
import { createAuthFlow } from './createAuthFlow';
import type { MicrosoftDeps } from './auth/deps';
import {
  channelFor,
  type CertificateOptions,
  type FlowContext,
  type ModuleRuntime,
} from './auth/flowContext';
import { TokenCache, type TokenCacheTuning } from './cache/tokenCache';
import { resetAuthContext } from './context/authState';
import type { GraphApi, GraphRequest, GraphResponse } from './graph/GraphApi';
import { GraphClient } from './graph/graphClient';
import { RetryBudget } from './http/retry';
import { labelOf, type SettingsDefinition } from './settings/definition';
import type { SettingRole } from './settings/overlay';
import { isGraphAudience, readTokenClaims } from './auth/tokenClaims';
import { CLOUDS } from './core/clouds';
import { AuthenticationError } from './core/errors';
import { parseSettings } from './settings/parseSettings';
import { secretsOf } from './settings/secrets';
import type { Settings } from './settings/types';
import type { IntegrationContextStore } from '../../../Base/Scripts/CommonServer/runtime';

/** Options of {@link MicrosoftClient}. */
export interface MicrosoftClientOptions {
  /** The integration's settings: metadata, overlay and generated validators. */
  readonly definition: SettingsDefinition;
  readonly runtime: ModuleRuntime;
  readonly deps: MicrosoftDeps;
  /** The oproxy application name, e.g. `ms-graph-calendar`. */
  readonly appName: string;
  /** The integration's command prefix, e.g. `msgraph-calendar` (used in the auth-reset hint). */
  readonly commandPrefix: string;
  /** Certificate flow only: PS256 with `x5t#S256` needs the certificate PEM. */
  readonly certificate?: CertificateOptions;
  readonly tokenCache?: Partial<TokenCacheTuning>;
  /**
   * The total wait of every retry of this client (one command), and of its wait for another
   * command's token request, in ms. Default 60 s; 10 s where the clock spins.
   */
  readonly retryBudgetMs?: number;
}

const NATIONAL_GRAPHS = Object.keys(CLOUDS).map((name) => CLOUDS[name as keyof typeof CLOUDS].graph);

/** Graph calls may be slow on large calendars; upstream BaseClient's default was 60 s. */
export const GRAPH_TIMEOUT_MS = 60_000;
/** The default retry budget of one command. */
export const RETRY_BUDGET_MS = 60_000;
/**
 * The budget where waiting spins the CPU (the XSOAR engine has no timers): a short wait rides out
 * a blip; a longer one is refused with "try again in N s" rather than burned.
 */
export const SPINNING_RETRY_BUDGET_MS = 10_000;

/** A Microsoft Graph client for one command of one instance. Sends nothing until asked. */
export class MicrosoftClient implements GraphApi {
  /** The validated, normalized settings. */
  readonly settings: Settings;
  /** The Graph base URL, ending in `/v1.0/`. */
  readonly baseUrl: string;
  private readonly tokens: TokenCache;
  private readonly graph: GraphClient;
  private readonly definition: SettingsDefinition;

  /**
   * @throws SettingsError listing every problem of the params; FlowUnavailableError when the
   *   certificate options cannot be used. Nothing has been sent then.
   */
  constructor(params: unknown, options: MicrosoftClientOptions) {
    this.settings = parseSettings(params, options.definition);
    this.definition = options.definition;
    const { runtime, deps } = options;
    const defaultBudget = runtime.clock.spins ? SPINNING_RETRY_BUDGET_MS : RETRY_BUDGET_MS;
    const budget = new RetryBudget(options.retryBudgetMs ?? defaultBudget);
    const ctx: FlowContext = { ...options, budget };
    this.tokens = new TokenCache({
      store: runtime.context,
      flow: createAuthFlow(this.settings, ctx),
      clock: runtime.clock,
      log: runtime.log,
      crypto: deps.crypto,
      run: runtime.run,
      budget,
      request: {
        scope: `${this.settings.graphResource}/.default`,
        resource: `${this.settings.graphResource}/`,
      },
      tuning: options.tokenCache,
    });
    const { insecure, proxy } = this.settings;
    const channel = channelFor(ctx, { insecure, proxy, timeoutMs: GRAPH_TIMEOUT_MS });
    this.graph = new GraphClient(this.settings.graphUrl, channel, this.tokens);
    this.baseUrl = this.graph.baseUrl;
  }

  /** A usable access token; `fresh` obtains a new one with the current credentials (and caches it). */
  async getAccessToken(options: { fresh?: boolean } = {}): Promise<string> {
    return (await this.tokens.getToken(options)).token;
  }

  /**
   * Obtains a fresh token with the current credentials (the Test button) and checks what it says:
   * that it is for the Microsoft Graph of the configured cloud and, for a self-deployed
   * application, that it comes from the configured tenant.
   * @returns the token's permissions, or undefined when the token is not a readable JWT.
   * @throws AuthenticationError naming the setting to check.
   */
  async verifyAccess(): Promise<readonly string[] | undefined> {
    const claims = readTokenClaims(await this.getAccessToken({ fresh: true }));
    if (!claims) return undefined;
    const label = (role: SettingRole) => labelOf(this.definition, this.definition.overlay.roles[role]);
    const { graphResource, cloud } = this.settings;
    // A Custom cloud fronts some national Graph (a gateway, a proxy): its audiences are fine too.
    const accepted = cloud === 'Custom' ? [graphResource, ...NATIONAL_GRAPHS] : [graphResource];
    if (
      claims.aud !== undefined &&
      !accepted.some((resource) => isGraphAudience(claims.aud as string, resource))
    ) {
      throw new AuthenticationError(
        `The access token is for ${claims.aud}, not for the Microsoft Graph of the configured cloud (${graphResource}). ` +
          `Check the ${label('cloud')} and ${label('serverUrl')} settings.`,
      );
    }
    const tenant = 'tenantId' in this.settings ? this.settings.tenantId.toLowerCase() : undefined;
    if (tenant && claims.tid && /^[0-9a-f-]{36}$/.test(tenant) && claims.tid.toLowerCase() !== tenant) {
      throw new AuthenticationError(
        `The access token was issued by tenant ${claims.tid}, not by the configured tenant ${tenant}. ` +
          `Check the ${label('token')} setting (the tenant ID) and the ${label('cloud')} setting.`,
      );
    }
    return claims.permissions;
  }

  /** Sends one Graph request. @throws GraphError, NetworkError, ArgumentError, or the token errors. */
  request<T = unknown>(request: GraphRequest): Promise<GraphResponse<T>> {
    return this.graph.request<T>(request);
  }

  /** auth-reset: forgets the cached tokens and back-off. Needs no settings and sends nothing. */
  static resetAuth(store: IntegrationContextStore): Promise<void> {
    return resetAuthContext(store);
  }

  /** The secret values of raw params (valid or not), for masking texts before they are shown. */
  static secretsOf(params: unknown, definition: SettingsDefinition): string[] {
    return secretsOf(params, definition);
  }
}
