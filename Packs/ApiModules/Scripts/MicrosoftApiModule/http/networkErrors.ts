/**
 * Readable texts for requests that got no HTTP answer. The axios error itself is not kept as the
 * cause: its `config` holds the request headers and body (bearer token, client secret).
 */
import { NetworkError } from '../core/errors';
import { MAX_RESPONSE_BYTES } from './HttpFactory';
import { hostOf } from './urls';

/** Context for the message: what was called and with which settings. */
export interface NetworkErrorContext {
  readonly url: string;
  readonly proxy: boolean;
  readonly timeoutMs: number;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ERR_CANCELED']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_BAD_RESPONSE']);

/** The error code of a thrown request error (`code`, else the cause's code), or undefined. */
export function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * True for failures worth retrying at once on an idempotent request: a reset (often a stale
 * keep-alive socket), a refused connection or a DNS hiccup. Timeouts are not among them: the
 * caller already waited the whole timeout once (graphClient.ts retries one timeout of a write that
 * carries an idempotency key, see {@link isTimeoutError}).
 */
export function isTransientNetworkError(error: unknown): boolean {
  const code = errorCode(error) ?? '';
  return RESET_CODES.has(code) || code === 'ECONNREFUSED' || code === 'EAI_AGAIN';
}

/**
 * True when the request timed out waiting for the answer (the server may still have processed it).
 * A cancellation is not a timeout.
 */
export function isTimeoutError(error: unknown): boolean {
  const code = errorCode(error) ?? '';
  return code !== 'ERR_CANCELED' && TIMEOUT_CODES.has(code);
}

/** The code of an answer larger than MAX_RESPONSE_BYTES (never retried). */
export const TOO_LARGE = 'ERR_RESPONSE_TOO_LARGE';
const TOO_LARGE_MESSAGE = /maxContentLength size of \d+ exceeded/;

function describe(code: string, message: string, ctx: NetworkErrorContext): string {
  const host = hostOf(ctx.url);
  if (code === TOO_LARGE)
    return `The answer of ${host} is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB, the most this integration reads; it was abandoned.`;
  if (TLS_CODES.has(code) || /certificate|self[- ]signed|SSL|TLS/i.test(message))
    return `SSL Certificate Verification Failed for ${host} - try selecting the 'Trust any certificate (not secure)' checkbox in the integration configuration.`;
  if (TIMEOUT_CODES.has(code) || /timeout/i.test(message))
    return `Connection Timeout Error - ${host} did not answer within ${Math.round(ctx.timeoutMs / 1000)} s. Potential reasons might be that the Server URL parameter is incorrect or that the server is not accessible from your host.`;
  if (code === 'ECONNREFUSED')
    return `Connection refused by ${host} - verify that the Server URL parameter is correct and that you have access to the server from your host.`;
  if (DNS_CODES.has(code))
    return `Could not resolve the host ${host} - verify that the Server URL parameter is correct and that your host can resolve it.`;
  if (RESET_CODES.has(code) || /socket hang up/i.test(message))
    return `The connection to ${host} was closed before a response was received. Try the command again.`;
  return `The request to ${host} failed (${code || 'no response'}). Verify that the Server URL parameter is correct and that you have access to the server from your host.`;
}

/** Builds the NetworkError for a request error, with a proxy hint when the system proxy was used. */
export function toNetworkError(error: unknown, ctx: NetworkErrorContext): NetworkError {
  const message = error instanceof Error ? error.message : String(error);
  // axios reports an oversized answer as a bad response; it is neither a reset nor worth a retry.
  const code = TOO_LARGE_MESSAGE.test(message) ? TOO_LARGE : (errorCode(error) ?? '');
  let text = describe(code, message, ctx);
  if (ctx.proxy)
    text += ` Proxy Error? The 'Use system proxy settings' checkbox is selected: if the proxy cannot reach ${hostOf(ctx.url)}, try clearing the checkbox.`;
  const cause = Object.assign(new Error(`${code || 'ERROR'}: ${message}`), { code: code || undefined });
  return new NetworkError(text, { cause });
}
