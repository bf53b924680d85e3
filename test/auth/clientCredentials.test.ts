import { createPublicKey, verify, constants, createHash, X509Certificate } from 'node:crypto';
import { certificateFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/certificateFlow';
import { clientSecretFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/clientSecretFlow';
import { RetryBudget } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/retry';
import { CLOUDS } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/clouds';
import {
  AuthenticationError,
  FlowUnavailableError,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import {
  APP_URL,
  certificateSettings,
  clientSecretSettings,
  harness,
  rejection,
  T0,
  TENANT,
  type Harness,
} from './support/fixtures';
import { formFields, header } from './support/scriptedHttp';
import { selfSignedCertificate } from './support/certificate';

const SCOPE = 'https://graph.microsoft.com/.default';
const request = { scope: SCOPE, resource: 'https://graph.microsoft.com/' };

describe('ClientSecretFlow (client credentials with a client secret)', () => {
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => h.http.verify());

  it('posts the form fields in upstream order and coerces a string expires_in', async () => {
    h.http.expect('POST', APP_URL, {
      status: 200,
      body: { access_token: 'dummy_token', expires_in: '3600' },
    });
    const result = await clientSecretFlow(clientSecretSettings, h.ctx).getToken(request);
    expect(result).toEqual({ accessToken: 'dummy_token', expiresIn: 3600 });
    const sent = h.http.requests[0];
    expect(formFields(sent.body)).toEqual([
      ['client_id', '11111111-2222-3333-4444-555555555555'],
      ['client_secret', 'client-secret-SECRET-5678'],
      ['grant_type', 'client_credentials'],
      ['scope', SCOPE],
    ]);
    expect(header(sent, 'Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(sent.client).toEqual({ insecure: false, proxy: false, timeoutMs: 30000 });
  });

  it('honours the insecure and proxy settings on the token client', async () => {
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 't' } });
    await clientSecretFlow({ ...clientSecretSettings, insecure: true, proxy: true }, h.ctx).getToken(request);
    expect(h.http.requests[0].client).toMatchObject({ insecure: true, proxy: true });
  });

  it.each(Object.entries(CLOUDS))(
    'uses the %s login endpoint and Graph scope of that national cloud',
    async (_name, cloud) => {
      const settings = {
        ...clientSecretSettings,
        loginUrl: cloud.login,
        graphUrl: cloud.graph,
        graphResource: cloud.graph,
      };
      h.http.expect('POST', `${cloud.login}/${TENANT}/oauth2/v2.0/token`, {
        status: 200,
        body: { access_token: 't' },
      });
      await clientSecretFlow(settings, h.ctx).getToken({
        scope: `${cloud.graph}/.default`,
        resource: `${cloud.graph}/`,
      });
      expect(formFields(h.http.requests[0].body)).toContainEqual(['scope', `${cloud.graph}/.default`]);
    },
  );

  it('reports a refusal with upstream text and the AADSTS details', async () => {
    h.http.expect('POST', APP_URL, {
      status: 401,
      body: {
        error: 'invalid_client',
        error_description:
          'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID. Trace ID: abc Correlation ID: def Timestamp: 2026-01-01 00:00:00Z',
        error_codes: [7000215],
        trace_id: 'abc',
        correlation_id: 'def',
      },
    });
    const error = (await rejection(
      clientSecretFlow(clientSecretSettings, h.ctx).getToken(request),
    )) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe(
      'Error in Microsoft authorization. Status: 401, body: invalid_client. \nAADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.\n' +
        'The client secret is wrong: paste the secret Value (not its Secret ID), or create a new client secret in Azure (App registrations > Certificates & secrets).',
    );
    expect(error).toMatchObject({
      status: 401,
      aadstsCodes: [7000215],
      traceId: 'abc',
      correlationId: 'def',
    });
  });

  it('adds the auth-reset hint for an expired secret (7000222)', async () => {
    h.http.expect('POST', APP_URL, {
      status: 401,
      body: {
        error: 'invalid_client',
        error_description: 'AADSTS7000222: The secret expired.',
        error_codes: [7000222],
      },
    });
    const error = await rejection(clientSecretFlow(clientSecretSettings, h.ctx).getToken(request));
    expect(error.message).toContain('***msgraph-calendar-auth-reset***');
  });

  it('treats a 200 without an access token as a failure', async () => {
    h.http.expect('POST', APP_URL, { status: 200, body: { token_type: 'Bearer' } });
    const error = await rejection(clientSecretFlow(clientSecretSettings, h.ctx).getToken(request));
    expect(error.message).toBe(
      'Error in Microsoft authorization: the token endpoint answered 200 without an access token.',
    );
  });

  it('turns a refused connection into a readable NetworkError after two retries (1, 2 s)', async () => {
    for (let i = 0; i < 3; i++) h.http.expect('POST', APP_URL, { networkError: 'ECONNREFUSED' });
    const error = await rejection(clientSecretFlow(clientSecretSettings, h.ctx).getToken(request));
    expect(error.message).toBe(
      'Connection refused by login.microsoftonline.com - verify that the Server URL parameter is correct and that you have access to the server from your host.',
    );
    expect((error as { code?: string }).code).toBe('NETWORK_ERROR');
    expect(h.clock.sleeps).toEqual([1000, 2000]);
  });
});

describe('ClientSecretFlow retries (429, 5xx, dropped connections)', () => {
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => h.http.verify());

  const flow = () => clientSecretFlow(clientSecretSettings, h.ctx);
  const throttled = {
    status: 429,
    headers: { 'retry-after': '3' },
    body: { error: 'temporarily_unavailable', error_description: 'AADSTS50196: Throttled.' },
  };

  it('waits out a 429 for its Retry-After seconds and sends the same form again', async () => {
    h.http.expect('POST', APP_URL, throttled);
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'at', expires_in: 3600 } });
    expect(await flow().getToken(request)).toEqual({ accessToken: 'at', expiresIn: 3600 });
    expect(h.clock.sleeps).toEqual([3000]);
    const [first, second] = h.http.requests.map((r) => formFields(r.body));
    expect(second).toEqual(first);
    expect(second).toContainEqual(['grant_type', 'client_credentials']);
  });

  it('honours a Retry-After given as an HTTP date', async () => {
    h.http.expect('POST', APP_URL, {
      status: 503,
      headers: { 'retry-after': new Date((T0 + 7) * 1000).toUTCString() },
    });
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'at' } });
    await flow().getToken(request);
    expect(h.clock.sleeps).toEqual([7000]);
  });

  it.each([500, 502, 503, 504])(
    'retries %i twice (1, 2 s) and then reports it with upstream text',
    async (status) => {
      for (let i = 0; i < 3; i++)
        h.http.expect('POST', APP_URL, { status, body: { error: 'server_error', error_codes: [] } });
      const error = (await rejection(flow().getToken(request))) as AuthenticationError;
      expect(error.message).toBe(`Error in Microsoft authorization. Status: ${status}, body: server_error`);
      expect(error.status).toBe(status);
      expect(h.clock.sleeps).toEqual([1000, 2000]);
    },
  );

  it('does not wait when Retry-After asks for more than the 60 s budget', async () => {
    h.http.expect('POST', APP_URL, { ...throttled, headers: { 'retry-after': '61' } });
    const error = await rejection(flow().getToken(request));
    expect(error.message).toBe(
      'Error in Microsoft authorization. Status: 429, body: temporarily_unavailable. \nAADSTS50196: Throttled.',
    );
    expect(h.clock.sleeps).toEqual([]);
  });

  it('stops when the next wait would pass the 60 s budget', async () => {
    h.http.expect('POST', APP_URL, { ...throttled, headers: { 'retry-after': '40' } });
    h.http.expect('POST', APP_URL, { ...throttled, headers: { 'retry-after': '30' } });
    await rejection(flow().getToken(request));
    expect(h.clock.sleeps).toEqual([40_000]);
  });

  it("does not wait beyond what is left of the command's retry budget", async () => {
    h.http.expect('POST', APP_URL, { ...throttled, headers: { 'retry-after': '3' } });
    const ctx = { ...h.ctx, budget: new RetryBudget(60_000) };
    ctx.budget.spend(58_000);
    const error = await rejection(clientSecretFlow(clientSecretSettings, ctx).getToken(request));
    expect(error.message).toMatch(/^Error in Microsoft authorization\. Status: 429/);
    expect(h.clock.sleeps).toEqual([]);
  });

  it('retries a reset connection and succeeds', async () => {
    h.http.expect('POST', APP_URL, { networkError: 'ECONNRESET', message: 'socket hang up' });
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'at' } });
    expect((await flow().getToken(request)).accessToken).toBe('at');
    expect(h.clock.sleeps).toEqual([1000]);
  });

  it('does not retry a timeout: the wait was already spent', async () => {
    h.http.expect('POST', APP_URL, { networkError: 'ECONNABORTED', message: 'timeout of 30000ms exceeded' });
    const error = await rejection(flow().getToken(request));
    expect(error.message).toMatch(/^Connection Timeout Error - login\.microsoftonline\.com did not answer/);
    expect(h.clock.sleeps).toEqual([]);
  });

  it.each([400, 401, 403])('never retries a refusal (%i)', async (status) => {
    h.http.expect('POST', APP_URL, { status, body: { error: 'invalid_client', error_codes: [7000215] } });
    const error = (await rejection(flow().getToken(request))) as AuthenticationError;
    expect(error.status).toBe(status);
    expect(h.clock.sleeps).toEqual([]);
  });
});

describe('CertificateFlow (client credentials with a signed certificate assertion)', () => {
  const { privateKeyPem, certificatePem, thumbprint } = selfSignedCertificate();
  const settings = certificateSettings(privateKeyPem, thumbprint);
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => h.http.verify());

  const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

  it('posts client_assertion instead of client_secret, fields in upstream order', async () => {
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'at', expires_in: 3599 } });
    expect(await certificateFlow(settings, h.ctx).getToken(request)).toEqual({
      accessToken: 'at',
      expiresIn: 3599,
    });
    const fields = formFields(h.http.requests[0].body);
    expect(fields.map(([k]) => k)).toEqual([
      'client_id',
      'grant_type',
      'client_assertion_type',
      'client_assertion',
      'scope',
    ]);
    expect(fields[2][1]).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(fields[4][1]).toBe(SCOPE);
  });

  it('signs an RS256 JWT with x5t and the required claims, verifiable with the certificate', async () => {
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'at' } });
    await certificateFlow(settings, h.ctx).getToken(request);
    const jwt = formFields(h.http.requests[0].body)[3][1];
    const [head, claims, signature] = jwt.split('.');
    expect(decode(head)).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      x5t: Buffer.from(thumbprint, 'hex').toString('base64url'),
    });
    const payload = decode(claims);
    expect(payload).toEqual({
      aud: APP_URL,
      iss: settings.clientId,
      sub: settings.clientId,
      jti: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      iat: T0,
      nbf: T0,
      exp: T0 + 600,
    });
    const ok = verify(
      'sha256',
      Buffer.from(`${head}.${claims}`),
      new X509Certificate(certificatePem).publicKey,
      Buffer.from(signature, 'base64url'),
    );
    expect(ok).toBe(true);
  });

  it('signs a new assertion for every retry: the jti is single use', async () => {
    h.http.expect('POST', APP_URL, { status: 503, body: { error: 'server_error' } });
    h.http.expect('POST', APP_URL, { networkError: 'ECONNRESET', message: 'socket hang up' });
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'at' } });
    await certificateFlow(settings, h.ctx).getToken(request);
    const claims = h.http.requests.map((r) => decode(formFields(r.body)[3][1].split('.')[1]));
    expect(new Set(claims.map((c) => c.jti)).size).toBe(3);
    // Each was signed at its own attempt: 1 s, then 2 s later.
    expect(claims.map((c) => c.iat)).toEqual([T0, T0 + 1, T0 + 3]);
    expect(h.clock.sleeps).toEqual([1000, 2000]);
  });

  it('builds a fresh assertion (new jti and times) for every token request', async () => {
    const flow = certificateFlow(settings, h.ctx);
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'a' } });
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'b' } });
    await flow.getToken(request);
    h.clock.advance(700_000);
    await flow.getToken(request);
    const [p1, p2] = h.http.requests.map((r) => decode(formFields(r.body)[3][1].split('.')[1]));
    expect(p1.jti).not.toBe(p2.jti);
    expect(p2.iat).toBe(T0 + 700);
    expect(p2.exp).toBe(T0 + 1300);
  });

  it('signs PS256 with x5t#S256 when given the certificate', async () => {
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'at' } });
    const ctx = { ...h.ctx, certificate: { algorithm: 'PS256' as const, certificatePem } };
    await certificateFlow(settings, ctx).getToken(request);
    const [head, claims, signature] = formFields(h.http.requests[0].body)[3][1].split('.');
    const der = new X509Certificate(certificatePem).raw;
    expect(decode(head)).toEqual({
      alg: 'PS256',
      typ: 'JWT',
      'x5t#S256': createHash('sha256').update(der).digest('base64url'),
    });
    const key = {
      key: createPublicKey(
        new X509Certificate(certificatePem).publicKey.export({ format: 'pem', type: 'spki' }),
      ),
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: 32,
    };
    expect(verify('sha256', Buffer.from(`${head}.${claims}`), key, Buffer.from(signature, 'base64url'))).toBe(
      true,
    );
  });

  it('refuses PS256 without a certificate, or with one that does not match the thumbprint', () => {
    expect(() => certificateFlow(settings, { ...h.ctx, certificate: { algorithm: 'PS256' } })).toThrow(
      FlowUnavailableError,
    );
    const other = selfSignedCertificate();
    expect(() =>
      certificateFlow(settings, {
        ...h.ctx,
        certificate: { algorithm: 'PS256', certificatePem: other.certificatePem },
      }),
    ).toThrow(
      'Certificate authentication cannot be used: the certificate does not match the Certificate Thumbprint.',
    );
  });

  it('reports an unusable private key without quoting it and sends nothing', async () => {
    const broken = certificateSettings(
      '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----',
      thumbprint,
    );
    const error = await rejection(certificateFlow(broken, h.ctx).getToken(request));
    expect(error).toBeInstanceOf(FlowUnavailableError);
    expect(error.message).toBe(
      'The Private Key could not be used to sign the client assertion. Check that it is the PEM private key of the certificate.',
    );
    expect(error.message).not.toContain('AAAA');
  });

  it('differs in identity from the secret flow and across thumbprints', () => {
    const a = certificateFlow(settings, h.ctx).identity;
    const b = certificateFlow({ ...settings, thumbprint: '0'.repeat(40) }, h.ctx).identity;
    expect(a).not.toBe(b);
    expect(a).not.toContain(privateKeyPem.slice(40, 80));
  });
});
