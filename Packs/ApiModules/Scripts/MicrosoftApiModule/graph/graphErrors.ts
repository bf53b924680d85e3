/**
 * Graph error answers as readable GraphErrors: "Microsoft Graph returned 404 ErrorItemNotFound: The
 * specified object was not found in the store." (upstream dumped the whole JSON after the status).
 */
import { tryParseJson, rawText } from '../auth/errorParser';
import { GraphError } from '../core/errors';
import { redact } from '../core/redact';
import type { HttpAnswer } from '../http/send';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Graph's codes for a user that does not exist or has no Exchange Online mailbox. */
const NO_MAILBOX_CODES = [
  'ErrorInvalidUser',
  'MailboxNotEnabledForRESTAPI',
  'ResourceNotFound',
  'Request_ResourceNotFound',
  'ErrorNonExistentMailbox',
];
const ACCESS_DENIED_CODES = ['ErrorAccessDenied', 'AccessDenied', 'Authorization_RequestDenied'];

/** The user of a `users/{user}/...` request path, decoded, if the path names one. */
export function userOfPath(path: string | undefined): string | undefined {
  const match = path === undefined ? null : /(?:^|\/)users\/([^/?#]+)/.exec(path);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

// Exchange Online's answer when an application access policy excludes the mailbox.
const ACCESS_POLICY = /Access to OData is disabled|AccessPolicy/i;

/** What to check, for the refusals SOC engineers meet most, about the mailbox of `user`. */
function mailboxHint(
  status: number,
  code: string | undefined,
  message: string,
  user: string | undefined,
): string {
  if (user === undefined || code === undefined) return '';
  if (status === 404 && NO_MAILBOX_CODES.indexOf(code) >= 0)
    return ` The user ${user} does not exist, or has no Exchange Online mailbox: check the user (or Default user).`;
  if (status !== 403 || ACCESS_DENIED_CODES.indexOf(code) < 0) return '';
  const policy =
    `an Exchange application access policy restricts the application to some mailboxes and excludes ${user} ` +
    '(an Exchange administrator can check it with Test-ApplicationAccessPolicy)';
  return ACCESS_POLICY.test(message)
    ? ` Access to the mailbox of ${user} was denied: ${policy}.`
    : ` Access to the mailbox of ${user} was denied: the application may lack the Microsoft Graph permission this call needs (run Test), or ${policy}.`;
}

/**
 * Builds the GraphError of a non-2xx answer; `secrets` (the bearer token) are masked if echoed.
 * `refusedWaitMs`: the wait Graph asked for that the command's retry budget could not afford.
 */
export function graphError(
  answer: HttpAnswer,
  secrets: readonly string[] = [],
  refusedWaitMs?: number,
  path?: string,
): GraphError {
  const body = tryParseJson(answer.text);
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  // Quoted in the message: bounded, a hostile endpoint must not flood the War Room.
  const code = str(error?.code) && rawText(String(error?.code)).slice(0, 200);
  const message = str(error?.message) && rawText(String(error?.message));
  const inner = error && isRecord(error.innerError) ? error.innerError : undefined;
  const requestId = answer.headers['request-id'] ?? str(inner?.['request-id']);
  let text = `Microsoft Graph returned ${answer.status}`;
  if (code || message) text += ` ${[code, message].filter(Boolean).join(': ')}`;
  else if (answer.text.trim()) text += `: ${rawText(answer.text)}`;
  if (!/[.!?]$/.test(text)) text += '.';
  if (requestId) text += ` (request-id: ${requestId})`;
  text += mailboxHint(answer.status, code, message ?? '', userOfPath(path));
  if (refusedWaitMs !== undefined && (answer.status === 429 || answer.status === 503)) {
    // Why not wait: the command's waits are bounded, and the server engine could only spin.
    text += ` Microsoft Graph is throttling these requests; try again in ${Math.max(1, Math.ceil(refusedWaitMs / 1000))} s.`;
  }
  return new GraphError(
    redact(text, secrets),
    answer.status,
    code,
    message && redact(message, secrets),
    requestId,
  );
}
