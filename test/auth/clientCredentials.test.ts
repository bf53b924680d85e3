import { createPublicKey, verify, constants, createHash, X509Certificate } from 'node:crypto';
import { CertificateFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/certificateFlow';
import { ClientSecretFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/clientSecretFlow';
import { CLOUDS } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/clouds';
import {
  AuthenticationError,
  FlowUnavailableError,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/errors';
import {
  certificateSettings,
  clientSecretSettings,
  harness,
  rejection,
  T0,
  type Harness,
} from './support/fixtures';
import { formFields, header } from './support/scriptedHttp';
import { selfSignedCertificate } from './support/certificate';

const APP_URL = 'https://login.microsoftonline.com/dummy_tenant/oauth2/v2.0/token';
const SCOPE = 'https://graph.microsoft.com/.default';
const request = { scope: SCOPE, resource: 'https://graph.microsoft.com/' };

describe('ClientSecretFlow (spec §3.2, §9 case 11)', () => {
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => h.http.verify());

  it('posts the form fields in upstream order and coerces a string expires_in', async () => {
    h.http.expect('POST', APP_URL, {
      status: 200,
      body: { access_token: 'dummy_token', expires_in: '3600' },
    });
    const result = await new ClientSecretFlow(clientSecretSettings, h.ctx).getToken(request);
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
    await new ClientSecretFlow({ ...clientSecretSettings, insecure: true, proxy: true }, h.ctx).getToken(
      request,
    );
    expect(h.http.requests[0].client).toMatchObject({ insecure: true, proxy: true });
  });

  it.each(Object.entries(CLOUDS))(
    'uses the %s login endpoint and Graph scope (spec §9 case 14)',
    async (_name, cloud) => {
      const settings = {
        ...clientSecretSettings,
        loginUrl: cloud.login,
        graphUrl: cloud.graph,
        graphResource: cloud.graph,
      };
      h.http.expect('POST', `${cloud.login}/dummy_tenant/oauth2/v2.0/token`, {
        status: 200,
        body: { access_token: 't' },
      });
      await new ClientSecretFlow(settings, h.ctx).getToken({
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
      new ClientSecretFlow(clientSecretSettings, h.ctx).getToken(request),
    )) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe(
      'Error in Microsoft authorization. Status: 401, body: invalid_client. \nInvalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
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
    const error = await rejection(new ClientSecretFlow(clientSecretSettings, h.ctx).getToken(request));
    expect(error.message).toContain('***msgraph-calendar-auth-reset***');
  });

  it('treats a 200 without an access token as a failure', async () => {
    h.http.expect('POST', APP_URL, { status: 200, body: { token_type: 'Bearer' } });
    const error = await rejection(new ClientSecretFlow(clientSecretSettings, h.ctx).getToken(request));
    expect(error.message).toBe(
      'Error in Microsoft authorization: the token endpoint answered 200 without an access token.',
    );
  });

  it('turns a refused connection into a readable NetworkError', async () => {
    h.http.expect('POST', APP_URL, { networkError: 'ECONNREFUSED' });
    const error = await rejection(new ClientSecretFlow(clientSecretSettings, h.ctx).getToken(request));
    expect(error.message).toBe(
      'Connection refused by login.microsoftonline.com - verify that the Server URL parameter is correct and that you have access to the server from your host.',
    );
    expect((error as { code?: string }).code).toBe('NETWORK_ERROR');
  });
});

describe('CertificateFlow (spec §3.3)', () => {
  const { privateKeyPem, certificatePem, thumbprint } = selfSignedCertificate();
  const settings = certificateSettings(privateKeyPem, thumbprint);
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => h.http.verify());

  const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

  it('posts client_assertion instead of client_secret, fields in upstream order', async () => {
    h.http.expect('POST', APP_URL, { status: 200, body: { access_token: 'at', expires_in: 3599 } });
    expect(await new CertificateFlow(settings, h.ctx).getToken(request)).toEqual({
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
    await new CertificateFlow(settings, h.ctx).getToken(request);
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

  it('builds a fresh assertion (new jti and times) for every token request', async () => {
    const flow = new CertificateFlow(settings, h.ctx);
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
    await new CertificateFlow(settings, ctx).getToken(request);
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
    expect(() => new CertificateFlow(settings, { ...h.ctx, certificate: { algorithm: 'PS256' } })).toThrow(
      FlowUnavailableError,
    );
    const other = selfSignedCertificate();
    expect(
      () =>
        new CertificateFlow(settings, {
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
    const error = await rejection(new CertificateFlow(broken, h.ctx).getToken(request));
    expect(error).toBeInstanceOf(FlowUnavailableError);
    expect(error.message).toBe(
      'The Private Key could not be used to sign the client assertion. Check that it is the PEM private key of the certificate.',
    );
    expect(error.message).not.toContain('AAAA');
  });

  it('differs in identity from the secret flow and across thumbprints', () => {
    const a = new CertificateFlow(settings, h.ctx).identity;
    const b = new CertificateFlow({ ...settings, thumbprint: '0'.repeat(40) }, h.ctx).identity;
    expect(a).not.toBe(b);
    expect(a).not.toContain(privateKeyPem.slice(40, 80));
  });
});
