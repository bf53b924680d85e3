/** Shared helpers of the emulator tests: token acquisition per mode, assertions, HTTP shortcuts. */
import { createHash, createPrivateKey, randomUUID, sign, constants } from 'node:crypto';
import { encryptOproxyToken, type RunningEmulator } from '../../scripts/emulator/index';

/** A type-9 param's password. */
export function password(params: Record<string, unknown>, name: string): string {
  return (params[name] as { password: string }).password;
}

/** POSTs a form to the tenant's token endpoint. */
export function postToken(
  emu: RunningEmulator,
  form: Record<string, string>,
  tenant = emu.tenantId,
): Promise<Response> {
  return fetch(`${emu.url}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
}

/** The client-credentials form of the clientSecret instance (overridable). */
export function secretForm(
  emu: RunningEmulator,
  overrides: Record<string, string> = {},
): Record<string, string> {
  const p = emu.instances.clientSecret;
  return {
    client_id: password(p, 'credentials_auth_id'),
    client_secret: password(p, 'credentials_enc_key'),
    grant_type: 'client_credentials',
    scope: `${emu.url}/.default`,
    ...overrides,
  };
}

/** An app-only token for the clientSecret app (or another registered app with a secret). */
export async function appToken(
  emu: RunningEmulator,
  app: { readonly clientId: string; readonly secret?: string } = emu.credentials.clientSecretApp,
): Promise<string> {
  const res = await postToken(
    emu,
    secretForm(emu, { client_id: app.clientId, client_secret: app.secret ?? '' }),
  );
  if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Claims and header overrides for a test assertion. */
export interface AssertionOptions {
  readonly alg?: 'RS256' | 'PS256';
  readonly header?: Record<string, unknown>;
  readonly claims?: Record<string, unknown>;
  readonly privateKeyPem?: string;
  readonly now?: number;
}

/** Signs a client assertion for the certificate app like MSAL does. */
export function signAssertion(emu: RunningEmulator, options: AssertionOptions = {}): string {
  const cert = emu.credentials.certificateApp.certificates[0];
  const clientId = emu.credentials.certificateApp.clientId;
  const alg = options.alg ?? 'PS256';
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const header = {
    alg,
    typ: 'JWT',
    ...(alg === 'PS256' ? { 'x5t#S256': cert.x5tS256 } : { x5t: cert.x5t }),
    ...options.header,
  };
  const claims = {
    aud: `${emu.url}/${emu.tenantId}/oauth2/v2.0/token`,
    iss: clientId,
    sub: clientId,
    jti: randomUUID(),
    nbf: now,
    iat: now,
    exp: now + 600,
    ...options.claims,
  };
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const signed = `${enc(header)}.${enc(claims)}`;
  const key = createPrivateKey(options.privateKeyPem ?? cert.privateKeyPem);
  const signature =
    alg === 'RS256'
      ? sign('sha256', Buffer.from(signed), key)
      : sign('sha256', Buffer.from(signed), {
          key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
        });
  return `${signed}.${signature.toString('base64url')}`;
}

/** The certificate-mode token form with a given assertion. */
export function assertionForm(emu: RunningEmulator, assertion: string): Record<string, string> {
  return {
    client_id: emu.credentials.certificateApp.clientId,
    grant_type: 'client_credentials',
    scope: `${emu.url}/.default`,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  };
}

/** The oproxy JSON body for a content (Token or refresh token). */
export function oproxyBody(
  emu: RunningEmulator,
  content: string,
  overrides: Record<string, unknown> = {},
  seconds = Math.floor(Date.now() / 1000),
): Record<string, unknown> {
  const reg = emu.credentials.oproxy;
  return {
    app_name: 'ms-graph-calendar',
    registration_id: reg.registrationId,
    encrypted_token: encryptOproxyToken(reg.key, content, seconds),
    scope: null,
    resource: '',
    ...overrides,
  };
}

/** POSTs JSON to /obtain-token. */
export function postOproxy(emu: RunningEmulator, body: unknown): Promise<Response> {
  return fetch(`${emu.url}/obtain-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/**
 * Parsed JSON of an answer. `any` on purpose: tests assert on its shape with expect(), and typing
 * every Graph payload would only add casts.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A Graph request with a bearer token; returns status, headers and parsed JSON (or text). */
export async function graph(
  emu: RunningEmulator,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: Json; text: string }> {
  const res = await fetch(path.startsWith('http') ? path : `${emu.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/**
 * Only the named fields of an object: compare these instead of whole answers or settings, so a
 * failing assertion never prints a token, secret or key in the test output.
 */
export function pick(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => k in value).map((k) => [k, value[k]]));
}

/** True when `text` contains `secret` (asserted as a boolean so a failure does not print either). */
export function leaks(text: string, secret: string): boolean {
  return text.includes(secret);
}

/** SHA-1 thumbprint helper for certificate checks. */
export function sha1Hex(der: Buffer): string {
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}

/** Asserts an error in the Entra form (`AADSTSnnnn:` description, codes, trace and correlation ids). */
export async function expectEntraError(
  res: Response,
  status: number,
  error: string,
  code: number,
): Promise<Json> {
  const body = (await res.json()) as Json;
  expect(res.status).toBe(status);
  expect(body).toMatchObject({ error, error_codes: [code] });
  expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
  expect(body.error_description).toContain(`Trace ID: ${body.trace_id}`);
  expect(body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
  expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
  expect(body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
  return body;
}

/** The claims of a JWT-shaped token. */
export function jwtPayload(token: string): Json {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/** Asserts Graph's error answer: status, `error.code` and (when given) the exact `error.message`. */
export function expectGraphError(
  res: { status: number; json: Json },
  status: number,
  code: string,
  message?: string,
): void {
  expect({ status: res.status, code: res.json?.error?.code }).toEqual({ status, code });
  if (message !== undefined) expect(res.json.error.message).toBe(message);
}

/** A request to the control endpoints under /_emulator/. */
export async function control(
  emu: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${emu.url}/_emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** A GET to the IMDS token endpoint for Graph (Metadata header set), with extra query parameters. */
export async function imdsToken(
  emu: RunningEmulator,
  query: Record<string, string> = {},
): Promise<{ status: number; body: Json }> {
  const params = new URLSearchParams({
    'api-version': '2018-02-01',
    resource: 'https://graph.microsoft.com/',
    ...query,
  });
  const res = await fetch(`${emu.url}/metadata/identity/oauth2/token?${params}`, {
    headers: { Metadata: 'true' },
  });
  return { status: res.status, body: (await res.json()) as Json };
}
