/**
 * No secret (Key, Token, client secret, private key, access/refresh tokens, encrypted token,
 * assertion) appears in a log line or an error message, for every flow and failure, even when the
 * server echoes them back.
 */
import {
  certificateParams,
  clientFor,
  clientSecretParams,
  clientSecretSettings,
  credential,
  harness,
  managedIdentityParams,
  OPROXY_KEY,
  oproxyParams,
  oproxySettings,
  type Harness,
  type Params,
} from './support/fixtures';
import { selfSignedCertificate } from './support/certificate';
import { formFields, type RecordedRequest, type ScriptedAnswer } from './support/scriptedHttp';

const cert = selfSignedCertificate();
const ACCESS = 'access-token-SECRET-aaaa';
const JWT_ACCESS = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzZWNyZXQifQ.c2lnbmF0dXJlLXNlY3JldA';
const REFRESH = 'refresh-token-SECRET-bbbb';
const ROTATED = 'rotated-refresh-SECRET-cccc';
const ANY = /.*/;

interface Scenario {
  name: string;
  params: Params;
  context?: Record<string, unknown>;
  script: (h: Harness, captured: string[]) => void;
}

/** Answers that echo every secret found in the request back to the caller. */
function echo(status: number, captured: string[]): (r: RecordedRequest) => ScriptedAnswer {
  return (request) => {
    const pairs: [string, string][] = request.body?.startsWith('{')
      ? Object.entries(JSON.parse(request.body)).map(([k, v]) => [k, String(v)])
      : formFields(request.body);
    const fields = pairs.map(([, v]) => v);
    captured.push(
      ...pairs
        .filter(([k]) => ['encrypted_token', 'client_secret', 'client_assertion'].includes(k))
        .map(([, v]) => v),
    );
    return {
      status,
      body: {
        error: 'invalid_grant',
        error_description: `AADSTS9: echo ${fields.join(' ')} Trace ID: t`,
        message: fields.join(' '),
        error_codes: [9],
      },
    };
  };
}

const ok = (extra: Record<string, unknown> = {}): ScriptedAnswer => ({
  status: 200,
  body: { access_token: ACCESS, expires_in: 3600, ...extra },
});

const scenarios: Scenario[] = [
  {
    name: 'oproxy success with a refresh token in the context, then Graph',
    params: oproxyParams,
    context: { current_refresh_token: REFRESH },
    script: (h, captured) => {
      h.http.expect(
        'POST',
        ANY,
        (r) => (captured.push(JSON.parse(r.body ?? '{}').encrypted_token), ok({ refresh_token: ROTATED })),
      );
      h.http.expect('GET', ANY, { status: 200, body: { value: [] } });
    },
  },
  {
    name: 'oproxy refusal echoing the encrypted token',
    params: oproxyParams,
    context: { current_refresh_token: REFRESH },
    // A refusal is final: the back-off starts (the refresh token is never sent).
    script: (h, captured) => h.http.expect('POST', ANY, echo(400, captured)),
  },
  {
    name: 'oproxy throttled and retried, echoing the encrypted token',
    params: oproxyParams,
    context: { current_refresh_token: REFRESH },
    script: (h, captured) => {
      h.http.expect('POST', ANY, echo(503, captured));
      h.http.expect('POST', ANY, echo(503, captured));
    },
  },
  {
    name: 'oproxy back-off',
    params: oproxyParams,
    context: { next_request_time: Date.UTC(2030, 0, 1) / 1000 },
    script: () => undefined,
  },
  {
    name: 'oproxy with a bad key',
    params: { ...oproxyParams, credentials_enc_key: credential('bad-key-SECRET-dddd!') },
    script: () => undefined,
  },
  {
    name: 'client secret success, then Graph',
    params: clientSecretParams,
    context: {},
    script: (h) => {
      h.http.expect('POST', ANY, ok());
      h.http.expect('GET', ANY, { status: 200, body: {} });
    },
  },
  {
    name: 'client secret refused, echoing the secret',
    params: clientSecretParams,
    script: (h, captured) => h.http.expect('POST', ANY, echo(401, captured)),
  },
  {
    name: 'certificate success',
    params: certificateParams(cert.privateKeyPem, cert.thumbprint),
    script: (h, captured) => {
      h.http.expect('POST', ANY, (r) => (captured.push(formFields(r.body)[3][1]), ok()));
      h.http.expect('GET', ANY, { status: 200, body: {} });
    },
  },
  {
    name: 'certificate refused, echoing the assertion',
    params: certificateParams(cert.privateKeyPem, cert.thumbprint),
    script: (h, captured) => h.http.expect('POST', ANY, echo(400, captured)),
  },
  {
    name: 'certificate throttled three times, each answer echoing its assertion',
    params: certificateParams(cert.privateKeyPem, cert.thumbprint),
    script: (h, captured) => {
      for (let i = 0; i < 3; i++) h.http.expect('POST', ANY, echo(429, captured));
    },
  },
  {
    name: 'certificate with a broken key',
    params: certificateParams(cert.privateKeyPem.replace(/[A-Za-z]{8}/, 'SECRETxx'), cert.thumbprint),
    script: () => undefined,
  },
  {
    name: 'managed identity refused',
    params: managedIdentityParams,
    script: (h) =>
      h.http.expect('GET', ANY, { status: 400, body: { error_description: 'Identity not found' } }),
  },
  {
    name: 'Graph echoing a JWT access token in its error',
    params: clientSecretParams,
    script: (h) => {
      h.http.expect('POST', ANY, { status: 200, body: { access_token: JWT_ACCESS, expires_in: 3600 } });
      h.http.expect('GET', ANY, {
        status: 400,
        body: {
          error: { code: 'BadRequest', message: `token ${JWT_ACCESS} and ${JWT_ACCESS.slice(0, 20)}` },
        },
      });
    },
  },
  {
    name: 'Graph echoing a plain access token in its error',
    params: clientSecretParams,
    script: (h) => {
      h.http.expect('POST', ANY, ok());
      h.http.expect('GET', ANY, {
        status: 401,
        body: { error: { code: 'InvalidAuthenticationToken', message: `bad token ${ACCESS}` } },
      });
    },
  },
  {
    name: 'network failure on the token endpoint',
    params: clientSecretParams,
    script: (h) => {
      for (let i = 0; i < 3; i++)
        h.http.expect('POST', ANY, { networkError: 'ECONNRESET', message: 'socket hang up' });
    },
  },
];

function messages(error: unknown): string[] {
  const out: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    out.push(String(e.message), String(e));
  return out;
}

describe('secrets never appear in logs or errors', () => {
  it.each(scenarios)('$name', async ({ params, context, script }) => {
    const h = harness({ context });
    const captured: string[] = [];
    script(h, captured);
    const texts: string[] = [];
    try {
      // Settings problems (a bad Key, a broken private key) are thrown here, before any request.
      await clientFor(h, params).request({ method: 'GET', path: 'users' });
    } catch (error) {
      texts.push(...messages(error));
    }
    h.http.verify();
    texts.push(h.log.text());
    const secrets = [
      OPROXY_KEY,
      oproxySettings.token,
      'bad-key-SECRET-dddd!',
      clientSecretSettings.clientSecret,
      ...cert.privateKeyPem.split('\n').filter((line) => line.length > 20),
      ACCESS,
      JWT_ACCESS,
      REFRESH,
      ROTATED,
      ...captured,
    ];
    expect(texts.join('\n').length).toBeGreaterThan(0);
    for (const secret of secrets) for (const text of texts) expect(text).not.toContain(secret);
  });
});
