/**
 * Turns the identity platform's and the oproxy's error bodies into upstream's user-facing texts
 * (spec upstream-microsoft-auth.md §6.4 and §7).
 */
import type { AuthErrorDetails } from '../errors';

/** AADSTS codes meaning the grant expired or was revoked: the user must re-consent (auth-reset). */
export const EXPIRED_GRANT_CODES: readonly number[] = [50173, 700082, 70008, 54005, 7000222];

/** Raw bodies are quoted in errors; an HTML error page must not flood the War Room. */
const MAX_RAW_TEXT = 1000;

/**
 * Strips the `AADSTSnnnn:` prefix and cuts before the trace, correlation and timestamp parts.
 * `[^\n]` and the final lookahead mirror Python's `.` and `$` (no DOTALL, no MULTILINE).
 */
const DESCRIPTION_RE = /^[^:]+:\s([^\n]*?)(?:\s*Trace ID:| Correlation ID:| Timestamp:|(?=\n?$))/;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The hint appended when every returned AADSTS code is an expired-grant code. */
export function resetHint(commandPrefix: string): string {
  return `\nYou can run the ***${commandPrefix}-auth-reset*** command to reset the authentication process.`;
}

/**
 * upstream `extract_microsoft_error`: `"<code>: <message>"` for a Graph-style `error` object,
 * `"<error>. \n<description>"` for the identity platform's string `error`, plus the auth-reset hint
 * for expired grants. Returns `undefined` when the body holds no error.
 * Deliberate fixes: a body without `error` gives `undefined` (upstream: `"None: None"`), and the
 * hint needs at least one code (upstream also adds it for an empty `error_codes`).
 */
export function extractMicrosoftError(body: unknown, commandPrefix: string): string | undefined {
  if (!isRecord(body)) return undefined;
  const error = body.error;
  let result: string | undefined;
  if (isRecord(error)) {
    const parts = [error.code, error.message].filter((p) => p !== undefined && p !== null).map(String);
    result = parts.length > 0 ? parts.join(': ') : undefined;
  } else if (typeof error === 'string' && error !== '') {
    result = error;
    const description = typeof body.error_description === 'string' ? body.error_description : '';
    const match = DESCRIPTION_RE.exec(description);
    if (match) result += `. \n${match[1]}`;
  }
  if (result === undefined) return undefined;
  const codes = errorCodes(body);
  if (codes.length > 0 && codes.every((c) => EXPIRED_GRANT_CODES.includes(c)))
    result += resetHint(commandPrefix);
  return result;
}

/** The numeric `error_codes` of an identity platform error body. */
export function errorCodes(body: unknown): number[] {
  if (!isRecord(body) || !Array.isArray(body.error_codes)) return [];
  return body.error_codes.map(Number).filter((n) => Number.isInteger(n));
}

/** Parses a body as JSON, or returns `undefined`. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A raw body as quoted in an error: trimmed and bounded. */
export function rawText(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > MAX_RAW_TEXT ? `${trimmed.slice(0, MAX_RAW_TEXT)}…` : trimmed;
}

/** upstream `error_parser`: the extracted Microsoft error, else the raw body text. */
export function parseErrorBody(text: string, commandPrefix: string): string {
  return extractMicrosoftError(tryParseJson(text), commandPrefix) ?? rawText(text);
}

/** The structured details (status, `error`, AADSTS codes, correlation and trace ids) of a refusal. */
export function authErrorDetails(status: number | undefined, body: unknown): AuthErrorDetails {
  if (!isRecord(body)) return { status };
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const error = isRecord(body.error) ? str(body.error.code) : str(body.error);
  return {
    status,
    error,
    aadstsCodes: errorCodes(body),
    correlationId: str(body.correlation_id) ?? str(body.correlationId),
    traceId: str(body.trace_id) ?? str(body.traceId),
  };
}

/**
 * upstream `_raise_authentication_error` for a refused oproxy call:
 * `Error in Microsoft authorization. Status: <code>, body: <parsed> Server message: <msg>`.
 * The body part comes from the first `{...}` on one line of the text (the oproxy wraps Microsoft's
 * JSON in prose); the server message from the whole body's `message`, else `title. detail`.
 * Deliberate fix: no ` Server message: . ` when the JSON has none of those keys.
 */
export function oproxyErrorMessage(status: number, text: string, commandPrefix: string): string {
  let message = `Error in Microsoft authorization. Status: ${status},`;
  const embedded = /\{.*\}/.exec(text);
  const extracted = embedded ? extractMicrosoftError(tryParseJson(embedded[0]), commandPrefix) : undefined;
  const body = extracted ?? rawText(text);
  if (body) message += ` body: ${body}`;
  const whole = tryParseJson(text);
  if (isRecord(whole)) {
    const serverMessage =
      typeof whole.message === 'string' && whole.message
        ? whole.message
        : whole.title !== undefined || whole.detail !== undefined
          ? `${whole.title ?? ''}. ${whole.detail ?? ''}`.trim()
          : '';
    if (serverMessage) message += ` Server message: ${serverMessage}`;
  }
  return message;
}

/** The oproxy's error body, parsed for the structured details (the JSON may be embedded in prose). */
export function oproxyErrorBody(text: string): unknown {
  const whole = tryParseJson(text);
  if (isRecord(whole)) return whole;
  const embedded = /\{.*\}/.exec(text);
  return embedded ? tryParseJson(embedded[0]) : undefined;
}
