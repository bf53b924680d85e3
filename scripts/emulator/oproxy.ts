/**
 * The Cortex XSOAR oproxy: `POST /obtain-token` with `{app_name, registration_id,
 * encrypted_token, scope, resource}`. The encrypted token (AES-GCM under the registration Key)
 * holds `<unix seconds>:<Token or refresh token>`. Each success rotates the refresh token: the one
 * just used stops working, as with the real service.
 */
import { isObject, json, jsonBody, type Reply, type RequestContext } from './context';
import { decryptOproxyToken, guid, opaqueToken, safeEqual } from './crypto';
import { emulatorOrigins, nowSeconds, type EmulatorState } from './state';
import { applyRegistration, matchGraphResource } from './tokens';

const MAX_SKEW_SECONDS = 300;
const ACCESS_LIFETIME = 3600;

function problem(status: number, title: string, detail: string): Reply {
  return json(status, { title, detail, status });
}

/** Wraps a Microsoft error like the service does when the upstream token call fails. */
function microsoftRefused(code: number, description: string): Reply {
  const ms = {
    error: 'invalid_grant',
    error_description: `AADSTS${code}: ${description}`,
    error_codes: [code],
  };
  return problem(
    400,
    'Failed to obtain a token',
    `Error: failed to get access token with err: ${JSON.stringify(ms)}`,
  );
}

function requestedResource(state: EmulatorState, body: Record<string, unknown>): string | Reply {
  const scope = typeof body.scope === 'string' && body.scope !== '' ? body.scope : undefined;
  const resource = typeof body.resource === 'string' && body.resource !== '' ? body.resource : undefined;
  const wanted = scope ? scope.replace(/\/\.default$/, '') : (resource ?? 'https://graph.microsoft.com');
  return (
    matchGraphResource(wanted, emulatorOrigins(state)) ??
    problem(400, 'Bad Request', `Unsupported scope or resource '${wanted}'.`)
  );
}

function validate(state: EmulatorState, body: unknown): Reply | { content: string; resource: string } {
  if (!isObject(body)) return problem(400, 'Bad Request', 'The request body must be a JSON object.');
  for (const field of ['app_name', 'registration_id', 'encrypted_token']) {
    if (typeof body[field] !== 'string' || body[field] === '')
      return problem(400, 'Bad Request', `Missing field '${field}'.`);
  }
  const reg = state.credentials.oproxy;
  if (body.registration_id !== reg.registrationId) {
    return problem(
      401,
      'Unauthorized',
      'Registration not found. Re-run the admin consent to get a new ID, Token and Key.',
    );
  }
  if (body.app_name !== reg.appName) {
    return problem(
      400,
      'Bad Request',
      `The app name '${String(body.app_name)}' does not match this registration.`,
    );
  }
  const opened = decryptOproxyToken(reg.key, body.encrypted_token as string);
  if (!opened.ok) return problem(401, 'Unauthorized', 'Failed to decrypt the token: check the Key.');
  const match = /^(\d+):(.+)$/s.exec(opened.plaintext);
  if (!match)
    return problem(400, 'Bad Request', 'The decrypted token is not in the form <timestamp>:<token>.');
  if (Math.abs(nowSeconds(state) - Number(match[1])) > MAX_SKEW_SECONDS) {
    return problem(
      401,
      'Unauthorized',
      'The token timestamp is more than 5 minutes off: check the clock of the XSOAR server.',
    );
  }
  const resource = requestedResource(state, body);
  return typeof resource === 'string' ? { content: match[2], resource } : resource;
}

/** Handles POST /obtain-token. */
export function handleOproxy(ctx: RequestContext, state: EmulatorState): Reply {
  if (ctx.method !== 'POST') return problem(405, 'Method Not Allowed', 'Use POST.');
  const checked = validate(state, jsonBody(ctx));
  if ('status' in checked) return checked;
  const reg = state.credentials.oproxy;
  const isToken = safeEqual(checked.content, reg.token);
  const record = isToken ? undefined : state.oproxyRefreshTokens.get(checked.content);
  if (ctx.logEntry) ctx.logEntry.encryptedContent = isToken ? 'token' : record ? 'refreshToken' : 'other';
  if (!isToken) {
    if (!record || record.registrationId !== reg.registrationId) {
      return microsoftRefused(9002313, 'Invalid request. Request is malformed or invalid.');
    }
    if (record.used) {
      return microsoftRefused(
        70000,
        'Provided grant is invalid or malformed: the refresh token was already used and has been rotated.',
      );
    }
    record.used = true;
  }
  const refreshToken = opaqueToken('emu-oproxy-rt-', 48);
  state.oproxyRefreshTokens.set(refreshToken, { registrationId: reg.registrationId, used: false });
  const lifetime = ctx.tokenLifetimeSeconds ?? ACCESS_LIFETIME;
  const settings = state.oproxySettings;
  const subject = {
    aud: checked.resource,
    appid: reg.registrationId,
    app_displayname: 'Cortex XSOAR',
    idtyp: 'app',
    oid: reg.registrationId,
    roles: settings.roles,
  } as const;
  const token = state.issuer.issue(
    applyRegistration(subject, settings.claims),
    nowSeconds(state),
    lifetime,
    settings.accessTokenFormat,
  );
  return json(
    200,
    { access_token: token.accessToken, expires_in: token.expiresIn, refresh_token: refreshToken },
    { 'function-execution-id': guid().replace(/-/g, '').slice(0, 12) },
  );
}
