/**
 * The identity platform's v2 token endpoint, shared by the client-secret and certificate flows.
 */
import { AuthenticationError } from '../errors';
import { redact } from '../http/redact';
import { send, type HttpChannel } from '../http/send';
import { encodeForm } from '../http/urls';
import type { TokenResult } from './AuthFlow';
import { authErrorDetails, parseErrorBody, tryParseJson } from './errorParser';
import { epochSeconds } from './flowContext';
import { lifetimeSeconds } from './tokenResponse';

/** `<login>/<tenant>/oauth2/v2.0/token`. */
export function tokenUrlFor(loginUrl: string, tenantId: string): string {
  return `${loginUrl}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
}

/**
 * POSTs the form (fields in the given order) and reads the token.
 * @param secrets values masked in any error text that quotes the answer.
 * @throws AuthenticationError on a refusal (upstream: any status but 200 and 201) or a bad answer.
 */
export async function postTokenForm(
  channel: HttpChannel,
  tokenUrl: string,
  fields: ReadonlyArray<readonly [string, string | undefined]>,
  options: { commandPrefix: string; secrets: ReadonlyArray<string | undefined> },
): Promise<TokenResult> {
  const answer = await send(channel, {
    method: 'POST',
    url: tokenUrl,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: encodeForm(fields),
    label: 'token',
  });
  const body = tryParseJson(answer.text);
  if (answer.status !== 200 && answer.status !== 201) {
    const parsed = parseErrorBody(answer.text, options.commandPrefix);
    const message = `Error in Microsoft authorization. Status: ${answer.status}, body: ${parsed}`;
    throw new AuthenticationError(redact(message, options.secrets), authErrorDetails(answer.status, body));
  }
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : undefined;
  if (!record || typeof record.access_token !== 'string' || record.access_token === '') {
    throw new AuthenticationError(
      `Error in Microsoft authorization: the token endpoint answered ${answer.status} without an access token.`,
      { status: answer.status },
    );
  }
  return {
    accessToken: record.access_token,
    expiresIn: lifetimeSeconds(record, epochSeconds(channel.clock.now())),
  };
}
