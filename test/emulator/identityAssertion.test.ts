/** Identity platform: client credentials with a certificate assertion (Entra's checks). */
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { assertionForm, postToken, signAssertion, type Json, expectEntraError, jwtPayload } from './helpers';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

describe('client credentials with a certificate assertion', () => {
  it.each(['PS256', 'RS256'] as const)('accepts a valid %s assertion', async (alg) => {
    const res = await postToken(emu, assertionForm(emu, signAssertion(emu, { alg })));
    expect(res.status).toBe(200);
    expect(jwtPayload(((await res.json()) as Json).access_token).appid).toBe(
      emu.credentials.certificateApp.clientId,
    );
  });

  it('accepts the national login authority as audience (a redirected cloud)', async () => {
    const aud = `https://login.microsoftonline.us/${emu.tenantId}/oauth2/v2.0/token`;
    expect((await postToken(emu, assertionForm(emu, signAssertion(emu, { claims: { aud } })))).status).toBe(
      200,
    );
  });

  it('refuses a replayed assertion (same jti) with AADSTS700027', async () => {
    const assertion = signAssertion(emu);
    expect((await postToken(emu, assertionForm(emu, assertion))).status).toBe(200);
    const body = await expectEntraError(
      await postToken(emu, assertionForm(emu, assertion)),
      401,
      'invalid_client',
      700027,
    );
    expect(body.error_description).toContain('jti');
  });

  const now = Math.floor(Date.now() / 1000);
  it.each([
    ['a wrong audience', { claims: { aud: `${'https://example.com'}/x/oauth2/v2.0/token` } }, 'audience'],
    [
      'a token URL of another tenant',
      { claims: { aud: 'https://login.microsoftonline.com/other/oauth2/v2.0/token' } },
      'audience',
    ],
    ['iss different from the client id', { claims: { iss: 'someone-else' } }, "'iss'"],
    ['sub different from the client id', { claims: { sub: 'someone-else' } }, "'sub'"],
    ['no jti', { claims: { jti: undefined } }, 'jti'],
    ['an unregistered thumbprint', { header: { 'x5t#S256': 'AAAA' } }, 'not registered'],
    ['no thumbprint', { header: { 'x5t#S256': undefined } }, 'thumbprint'],
    ['an unsupported algorithm', { header: { alg: 'HS256' } }, 'algorithm'],
  ])('refuses an assertion with %s (AADSTS700027)', async (_name, options, fragment) => {
    const res = await postToken(emu, assertionForm(emu, signAssertion(emu, options)));
    const body = await expectEntraError(res, 401, 'invalid_client', 700027);
    expect(body.error_description).toContain(fragment);
  });

  it('refuses an assertion signed by another key (AADSTS700027)', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    const res = await postToken(
      emu,
      assertionForm(emu, signAssertion(emu, { privateKeyPem: other.toString() })),
    );
    const body = await expectEntraError(res, 401, 'invalid_client', 700027);
    expect(body.error_description).toContain('invalid signature');
  });

  it('refuses a malformed assertion (AADSTS700027)', async () => {
    await expectEntraError(
      await postToken(emu, assertionForm(emu, 'not-a-jwt')),
      401,
      'invalid_client',
      700027,
    );
  });

  it.each([
    ['expired', { claims: { exp: now - 10, nbf: now - 300, iat: now - 300 } }],
    ['valid for more than 600 s', { claims: { exp: now + 601, nbf: now, iat: now } }],
    ['not yet valid', { claims: { nbf: now + 1000, iat: now + 1000, exp: now + 1500 } }],
  ])('refuses an assertion that is %s (AADSTS700024)', async (_name, options) => {
    await expectEntraError(
      await postToken(emu, assertionForm(emu, signAssertion(emu, options))),
      401,
      'invalid_client',
      700024,
    );
  });

  it('refuses a wrong client_assertion_type', async () => {
    const form = { ...assertionForm(emu, signAssertion(emu)), client_assertion_type: 'jwt' };
    await expectEntraError(await postToken(emu, form), 400, 'invalid_request', 700027);
  });

  it('refuses the secret app authenticating with the certificate (not registered on it)', async () => {
    const form = {
      ...assertionForm(emu, signAssertion(emu)),
      client_id: emu.credentials.clientSecretApp.clientId,
    };
    await expectEntraError(await postToken(emu, form), 401, 'invalid_client', 700027);
  });

  it('the instance thumbprint is the SHA-1 of the registered certificate', async () => {
    const { createHash } = await import('node:crypto');
    const cert = emu.credentials.certificateApp.certificates[0];
    const thumbprint = (emu.instances.certificate.credentials_certificate_thumbprint as { password: string })
      .password;
    expect(thumbprint).toBe(createHash('sha1').update(cert.der).digest('hex').toUpperCase());
    expect(thumbprint).toMatch(/^[0-9A-F]{40}$/);
  });
});
