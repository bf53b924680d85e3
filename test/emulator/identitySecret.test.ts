/** Identity platform: client credentials with a secret, OpenID discovery, Entra errors. */
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { leaks, pick, postToken, secretForm, type Json, expectEntraError, jwtPayload } from './helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

describe('client credentials with a secret', () => {
  it('issues a Bearer token whose claims carry the app, the audience and its roles', async () => {
    const res = await postToken(emu, secretForm(emu));
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(pick(body, ['token_type', 'expires_in', 'ext_expires_in'])).toEqual({
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
    });
    const claims = jwtPayload(body.access_token);
    expect(claims).toMatchObject({
      aud: emu.url,
      appid: emu.credentials.clientSecretApp.clientId,
      tid: emu.tenantId,
      idtyp: 'app',
      roles: ['Calendars.ReadWrite', 'User.Read.All'],
    });
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBeGreaterThan(3500);
  });

  it.each([
    'https://graph.microsoft.com',
    'https://graph.microsoft.us',
    'https://dod-graph.microsoft.us',
    'https://graph.microsoft.de',
    'https://microsoftgraph.chinacloudapi.cn',
  ])('accepts the national Graph resource %s as scope', async (resource) => {
    const res = await postToken(emu, secretForm(emu, { scope: `${resource}/.default` }));
    expect(res.status).toBe(200);
    expect(jwtPayload(((await res.json()) as Json).access_token).aud).toBe(resource);
  });

  it('accepts the tenant domain instead of the tenant id', async () => {
    expect((await postToken(emu, secretForm(emu), 'contoso.onmicrosoft.com')).status).toBe(200);
  });

  it('accepts the secret through HTTP Basic authentication', async () => {
    const { client_secret: secret, client_id: id, ...form } = secretForm(emu);
    const res = await fetch(`${emu.url}/${emu.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      },
      body: new URLSearchParams(form),
    });
    expect(res.status).toBe(200);
  });

  it('refuses a wrong secret with AADSTS7000215 and never echoes the secret', async () => {
    const res = await postToken(emu, secretForm(emu, { client_secret: 'wrong-secret-value' }));
    const body = await expectEntraError(res, 401, 'invalid_client', 7000215);
    expect(leaks(JSON.stringify(body), 'wrong-secret-value')).toBe(false);
  });

  it('refuses a missing credential with AADSTS7000218', async () => {
    const { client_secret: _secret, ...form } = secretForm(emu);
    await expectEntraError(await postToken(emu, form), 401, 'invalid_client', 7000218);
  });

  it('refuses an unknown application with AADSTS700016', async () => {
    const res = await postToken(emu, secretForm(emu, { client_id: '00000000-0000-4000-8000-000000000000' }));
    const body = await expectEntraError(res, 400, 'unauthorized_client', 700016);
    expect(body.error_description).toContain(
      "Application with identifier '00000000-0000-4000-8000-000000000000'",
    );
  });

  it('refuses an unknown tenant with AADSTS90002', async () => {
    const res = await postToken(emu, secretForm(emu), '11111111-2222-4333-8444-555555555555');
    const body = await expectEntraError(res, 400, 'invalid_request', 90002);
    expect(body.error_description).toContain("Tenant '11111111-2222-4333-8444-555555555555' not found");
  });

  it.each([
    ['two scopes', 'https://graph.microsoft.com/.default https://graph.microsoft.us/.default'],
    ['a bare word', 'calendars'],
  ])('refuses %s as scope with AADSTS70011', async (_name, scope) => {
    await expectEntraError(await postToken(emu, secretForm(emu, { scope })), 400, 'invalid_scope', 70011);
  });

  it('refuses a Graph permission instead of /.default with AADSTS1002012', async () => {
    const res = await postToken(
      emu,
      secretForm(emu, { scope: 'https://graph.microsoft.com/Calendars.Read' }),
    );
    await expectEntraError(res, 400, 'invalid_scope', 1002012);
  });

  it('refuses a resource that is not Graph with AADSTS500011', async () => {
    const res = await postToken(emu, secretForm(emu, { scope: 'https://management.azure.com/.default' }));
    await expectEntraError(res, 400, 'invalid_resource', 500011);
  });

  it('refuses a missing scope, grant type or client id with AADSTS900144 naming the parameter', async () => {
    for (const name of ['scope', 'grant_type', 'client_id']) {
      const { [name]: _dropped, ...form } = secretForm(emu);
      const body = await expectEntraError(await postToken(emu, form), 400, 'invalid_request', 900144);
      expect(body.error_description).toContain(`'${name}'`);
    }
  });

  it('refuses an unsupported grant type with AADSTS70003', async () => {
    const res = await postToken(emu, secretForm(emu, { grant_type: 'password' }));
    await expectEntraError(res, 400, 'unsupported_grant_type', 70003);
  });

  it('reads only form bodies: a JSON body lacks grant_type', async () => {
    const res = await fetch(`${emu.url}/${emu.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(secretForm(emu)),
    });
    await expectEntraError(res, 400, 'invalid_request', 900144);
  });

  it('refuses GET on the token endpoint with AADSTS900561', async () => {
    const res = await fetch(`${emu.url}/${emu.tenantId}/oauth2/v2.0/token`);
    await expectEntraError(res, 400, 'invalid_request', 900561);
  });

  it('echoes the client-request-id header as correlation_id', async () => {
    const res = await fetch(`${emu.url}/${emu.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'client-request-id': 'corr-123' },
      body: new URLSearchParams(secretForm(emu, { client_secret: 'nope' })),
    });
    expect(((await res.json()) as Json).correlation_id).toBe('corr-123');
  });
});

describe('OpenID discovery', () => {
  it('serves the openid-configuration with endpoints on the emulator', async () => {
    const res = await fetch(`${emu.url}/${emu.tenantId}/v2.0/.well-known/openid-configuration`);
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      token_endpoint: `${emu.url}/${emu.tenantId}/oauth2/v2.0/token`,
      authorization_endpoint: `${emu.url}/${emu.tenantId}/oauth2/v2.0/authorize`,
      issuer: `${emu.url}/${emu.tenantId}/v2.0`,
      jwks_uri: `${emu.url}/${emu.tenantId}/discovery/v2.0/keys`,
    });
  });

  it('answers AADSTS90002 for an unknown tenant', async () => {
    const res = await fetch(`${emu.url}/nowhere.example/v2.0/.well-known/openid-configuration`);
    await expectEntraError(res, 400, 'invalid_request', 90002);
  });
});
