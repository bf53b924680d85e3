/**
 * The MicrosoftApiModule's public API for Node hosts. Code bundled for the XSOAR server imports
 * the specific files instead: this index also re-exports the Node-only HTTP and crypto adapters.
 */
export {
  MicrosoftClient,
  GRAPH_TIMEOUT_MS,
  RETRY_BUDGET_MS,
  type MicrosoftClientOptions,
} from './MicrosoftClient';
export { parseSettings } from './settings/parseSettings';
export type { SettingsDefinition } from './settings/definition';
export type { SettingsOverlay, SettingRole } from './settings/overlay';
export type { Settings, AuthMode } from './settings/types';
export { createAuthFlow } from './createAuthFlow';
export type { AuthFlow, TokenRequest, TokenResult } from './auth/AuthFlow';
export type { CertificateOptions, FlowContext, ModuleRuntime } from './auth/flowContext';
export type { MicrosoftDeps } from './auth/deps';
export { resetAuthContext, AUTH_KEYS } from './context/authState';
export { TokenCache, DEFAULT_TUNING, type AccessToken, type TokenCacheTuning } from './cache/tokenCache';
export { updateContext, mergeKeys } from './context/contextUpdate';
export { nodeHttpFactory } from './http/nodeHttp';
export { nodeCrypto } from './crypto/nodeCrypto';
export { redact } from './core/redact';
export type { GraphApi, GraphRequest, GraphResponse, GraphMethod } from './graph/GraphApi';
export * from './core/errors';
