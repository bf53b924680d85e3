/**
 * The MicrosoftApiModule's public API.
 */
export {
  createGraphApi,
  createTokenCache,
  GRAPH_TIMEOUT_MS,
  type MicrosoftClientOptions,
} from './MicrosoftClient';
export { parseSettings } from './settings/parseSettings';
export { createAuthFlow } from './auth/createAuthFlow';
export type { AuthFlow, TokenRequest, TokenResult } from './auth/AuthFlow';
export type { CertificateOptions, FlowContext, ModuleRuntime } from './auth/flowContext';
export { resetAuthContext, AUTH_KEYS } from './cache/authKeys';
export { TokenCache, DEFAULT_TUNING, type AccessToken, type TokenCacheTuning } from './cache/tokenCache';
export { updateContext, mergeKeys } from './cache/contextUpdate';
export { nodeHttpFactory } from './http/nodeHttp';
export { nodeCrypto } from './crypto/nodeCrypto';
export {
  base64Encode,
  base64Decode,
  base64UrlEncode,
  base64UrlDecode,
  utf8Encode,
  utf8Decode,
  hexEncode,
  hexDecode,
  concatBytes,
} from './crypto/encoding';
export {
  extractMicrosoftError,
  parseErrorBody,
  oproxyErrorMessage,
  resetHint,
  EXPIRED_GRANT_CODES,
} from './auth/errorParser';
export { redact } from './http/redact';
export type { GraphApi, GraphRequest, GraphResponse, GraphMethod } from './http/GraphApi';
export * from './errors';
