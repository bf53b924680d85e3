/**
 * Turns the identity platform's and the oproxy's error bodies into upstream's user-facing texts
 * (listed, with our fixes, in docs/upstream-behaviour.md, "Error texts").
 */
import type { AuthErrorDetails } from '../core/errors';
import { aadstsHint, codeOfDescription } from './aadstsHints';

/** AADSTS codes meaning the grant expired or was revoked: the user must re-consent (auth-reset). */
export const EXPIRED_GRANT_CODES: readonly number[] = [50173, 700082, 70008, 54005, 7000222];

/** Raw bodies are quoted in errors; an HTML error page must not flood the War Room. */
const MAX_RAW_TEXT = 1000;
/** How much of an answer is searched for embedded JSON (a real error body is far smaller). */
const MAX_SCANNED = 65_536;

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
 * `. \nAADSTS<code>: <description>` and the usual fix of the code. Deliberate difference: upstream
 * dropped the code (`invalid_client. \nInvalid client secret provided...`), which is what the
 * SOC engineer needs to look up.
 */
function entraDetail(description: string, code: number | undefined): string {
  // Bounded before the RegExp, whose lazy part is quadratic on a long line.
  const match = DESCRIPTION_RE.exec(description.slice(0, MAX_RAW_TEXT));
  const prefix = code === undefined ? '' : `AADSTS${code}: `;
  let detail = match ? `. \n${prefix}${match[1]}` : code === undefined ? '' : `. \nAADSTS${code}`;
  const hint = aadstsHint(code);
  if (hint) detail += `\n${hint}`;
  return detail;
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
    const description = typeof body.error_description === 'string' ? body.error_description : '';
    result = `${error}${entraDetail(description, errorCodes(body)[0] ?? codeOfDescription(description))}`;
  }
  if (result === undefined) return undefined;
  const codes = errorCodes(body);
  if (codes.length > 0 && codes.every((c) => EXPIRED_GRANT_CODES.indexOf(c) >= 0))
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

/** The error and server message of an oproxy refusal, before they are put into words. */
interface OproxyRefusal {
  readonly error: string;
  readonly serverMessage?: string;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/**
 * The first `{` to the last `}` of `value` (of its first line holding both, for `oneLine`). Why
 * not a RegExp: `\{.*\}` backtracks quadratically on a long answer full of braces.
 */
function braces(value: string, oneLine = false): string | undefined {
  const scope = value.length > MAX_SCANNED ? value.slice(0, MAX_SCANNED) : value;
  for (const line of oneLine ? scope.split('\n') : [scope]) {
    const from = line.indexOf('{');
    const to = line.lastIndexOf('}');
    if (from >= 0 && to > from) return line.slice(from, to + 1);
  }
  return undefined;
}

/** The Microsoft error of the first `{` to the last `}` of `value`, if that parses and holds one. */
function embeddedError(value: string | undefined, commandPrefix: string): string | undefined {
  const embedded = value === undefined ? undefined : braces(value);
  return embedded ? extractMicrosoftError(tryParseJson(embedded), commandPrefix) : undefined;
}

/** upstream's server message: `message`, else `title. detail` (the parts present). */
function serverMessageOf(body: Readonly<Record<string, unknown>>): string | undefined {
  const parts = [text(body.title), text(body.detail)].filter((p): p is string => p !== undefined);
  const said = text(body.message) ?? (parts.length > 0 ? parts.join('. ') : undefined);
  // Quoted in the message: bounded, a hostile endpoint must not flood the War Room.
  return said === undefined ? undefined : rawText(said);
}

function readOproxyRefusal(body: string, commandPrefix: string): OproxyRefusal {
  const whole = tryParseJson(body);
  // Prose around Microsoft's JSON on one line (the oproxy answers `Error: failed to get access token
  // with err: {...}`), or anything else that is not JSON.
  if (!isRecord(whole)) {
    const embedded = braces(body, true);
    const extracted = embedded ? extractMicrosoftError(tryParseJson(embedded), commandPrefix) : undefined;
    return { error: extracted ?? rawText(body) };
  }
  const serverMessage = serverMessageOf(whole);
  const direct = extractMicrosoftError(whole, commandPrefix);
  if (direct) return { error: direct, serverMessage };
  // The oproxy wraps Microsoft's JSON inside its own `message` or `detail` string; quoting the outer
  // JSON and repeating the detail as the server message was unreadable.
  const fromMessage = embeddedError(text(whole.message), commandPrefix);
  if (fromMessage) return { error: fromMessage };
  const fromDetail = text(whole.message) ? undefined : embeddedError(text(whole.detail), commandPrefix);
  if (fromDetail) return { error: fromDetail, serverMessage: text(whole.title) };
  // No Microsoft error: the server message is the readable part; the raw JSON only without one.
  return { error: serverMessage ?? rawText(body) };
}

/**
 * upstream `_raise_authentication_error` for a refused oproxy call:
 * `Error in Microsoft authorization. Status: <code>, body: <error> Server message: <msg>`.
 * The error is Microsoft's (`<error>. \n<description>`), found in the whole JSON body, inside its
 * `message` or `detail` string (where the oproxy puts it), or in prose around a one-line `{...}`;
 * else the oproxy's own message; else the raw body. ` Server message:` is added only when it says
 * something the error does not (never the string the error was extracted from).
 * Deliberate fixes: no raw outer JSON quoted, no detail repeated, no ` Server message: . `, no
 * dangling comma after the status of an empty answer.
 */
export function oproxyErrorMessage(status: number, body: string, commandPrefix: string): string {
  const { error, serverMessage } = readOproxyRefusal(body, commandPrefix);
  // An empty answer (a redirect, which is never followed, often has none) ends the sentence.
  if (!error) return `Error in Microsoft authorization. Status: ${status}, with an empty body.`;
  let message = `Error in Microsoft authorization. Status: ${status}, body: ${error}`;
  if (serverMessage && error.indexOf(serverMessage) < 0) message += ` Server message: ${serverMessage}`;
  return message;
}

/**
 * The oproxy's error body for the structured details: Microsoft's JSON when the oproxy embedded it
 * (in prose, or in its `message` / `detail` string), else the whole JSON body.
 */
export function oproxyErrorBody(body: string): unknown {
  const whole = tryParseJson(body);
  if (!isRecord(whole)) {
    const embedded = braces(body, true);
    return embedded ? tryParseJson(embedded) : undefined;
  }
  if (whole.error !== undefined) return whole;
  for (const value of [text(whole.message), text(whole.detail)]) {
    const embedded = value === undefined ? undefined : braces(value);
    const inner = embedded ? tryParseJson(embedded) : undefined;
    if (isRecord(inner) && inner.error !== undefined) return inner;
  }
  return whole;
}
