/**
 * Wires the module together: settings → authentication flow → token cache → Graph transport.
 */
import { createAuthFlow } from './auth/createAuthFlow';
import {
  channelFor,
  type CertificateOptions,
  type FlowContext,
  type ModuleRuntime,
} from './auth/flowContext';
import { TokenCache, type TokenCacheTuning } from './cache/tokenCache';
import type { MicrosoftDeps } from './deps';
import type { GraphApi } from './http/GraphApi';
import { DEFAULT_GRAPH_RETRY, GraphClient, type GraphRetryPolicy } from './http/graphClient';
import type { Settings } from './settings/types';

/** Options of {@link createGraphApi} and {@link createTokenCache}. */
export interface MicrosoftClientOptions {
  readonly runtime: ModuleRuntime;
  readonly deps: MicrosoftDeps;
  /** The oproxy application name, `ms-graph-calendar`. */
  readonly appName: string;
  /** The integration's command prefix, `msgraph-calendar` (used in the auth-reset hint). */
  readonly commandPrefix: string;
  /** Certificate flow only: PS256 with `x5t#S256` needs the certificate PEM. */
  readonly certificate?: CertificateOptions;
  readonly tokenCache?: Partial<TokenCacheTuning>;
  readonly graphRetry?: GraphRetryPolicy;
}

/** Graph calls may be slow on large calendars; upstream BaseClient's default was 60 s. */
export const GRAPH_TIMEOUT_MS = 60_000;

/**
 * The token cache for the settings' flow: scope `<graphResource>/.default`, resource
 * `<graphResource>/`. Sends nothing until asked for a token.
 * @throws FlowUnavailableError when the certificate options cannot be used.
 */
export function createTokenCache(settings: Settings, options: MicrosoftClientOptions): TokenCache {
  const ctx: FlowContext = {
    runtime: options.runtime,
    deps: options.deps,
    appName: options.appName,
    commandPrefix: options.commandPrefix,
    certificate: options.certificate,
  };
  return new TokenCache({
    store: options.runtime.context,
    flow: createAuthFlow(settings, ctx),
    clock: options.runtime.clock,
    log: options.runtime.log,
    crypto: options.deps.crypto,
    request: { scope: `${settings.graphResource}/.default`, resource: `${settings.graphResource}/` },
    tuning: options.tokenCache,
  });
}

/**
 * The Graph transport for an instance: base URL `<graphUrl>/v1.0/`, tokens from the settings' flow,
 * cached in the integration context. Sends nothing until the first request.
 */
export function createGraphApi(settings: Settings, options: MicrosoftClientOptions): GraphApi {
  const tokens = createTokenCache(settings, options);
  const channel = channelFor(
    {
      runtime: options.runtime,
      deps: options.deps,
      appName: options.appName,
      commandPrefix: options.commandPrefix,
    },
    { insecure: settings.insecure, proxy: settings.proxy, timeoutMs: GRAPH_TIMEOUT_MS },
  );
  return new GraphClient(settings.graphUrl, channel, tokens, options.graphRetry ?? DEFAULT_GRAPH_RETRY);
}
