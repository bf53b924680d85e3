/**
 * Graph error answers as readable GraphErrors: "Microsoft Graph returned 404 ErrorItemNotFound: The
 * specified object was not found in the store." (upstream dumped the whole JSON after the status).
 */
import { tryParseJson, rawText } from '../auth/errorParser';
import { GraphError } from '../errors';
import { redact } from './redact';
import type { HttpAnswer } from './send';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Builds the GraphError of a non-2xx answer; `secrets` (the bearer token) are masked if echoed. */
export function graphError(answer: HttpAnswer, secrets: readonly string[] = []): GraphError {
  const body = tryParseJson(answer.text);
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = str(error?.code);
  const message = str(error?.message);
  const inner = error && isRecord(error.innerError) ? error.innerError : undefined;
  const requestId = answer.headers['request-id'] ?? str(inner?.['request-id']);
  let text = `Microsoft Graph returned ${answer.status}`;
  if (code || message) text += ` ${[code, message].filter(Boolean).join(': ')}`;
  else if (answer.text.trim()) text += `: ${rawText(answer.text)}`;
  if (!/[.!?]$/.test(text)) text += '.';
  if (requestId) text += ` (request-id: ${requestId})`;
  return new GraphError(
    redact(text, secrets),
    answer.status,
    code,
    message && redact(message, secrets),
    requestId,
  );
}
