/**
 * The one redactor masks every encoding of every secret the module sends, whatever echoes it:
 * raw, form-encoded (`+`, `%2B`, `%2b`, `%2F`, `%3D`), JSON-escaped and base64; and a token
 * endpoint that echoes the posted form never gets the client secret into an entry.
 */
import fc from 'fast-check';
import { redact, secretForms } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/redact';
import { expectError, instanceOf, useEmulator } from '../support/emulatorHarness';

const SECRET = 'aB3+x/Y9=z~Q.w_e r"t\\';

describe('redact', () => {
  it.each([
    ['raw', SECRET],
    ['form-encoded with + for spaces', encodeURIComponent(SECRET).replace(/%20/g, '+')],
    ['percent-encoded', encodeURIComponent(SECRET)],
    [
      'percent-encoded in lower case',
      encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    ],
    ['JSON-escaped', JSON.stringify(SECRET).slice(1, -1)],
    ['base64', Buffer.from(SECRET).toString('base64')],
    ['base64 without padding', Buffer.from(SECRET).toString('base64').replace(/=+$/, '')],
  ])('masks the secret %s', (_name, form) => {
    const text = redact(`invalid_client: client_secret=${form}&grant_type=client_credentials`, [SECRET]);
    expect(text.includes(form)).toBe(false);
    expect(text).toContain('<redacted>');
  });

  it.each([
    ['non-ASCII as \\u escapes (Python json.dumps)', 'ab cd/ef+gh=\\u00e9&<x>'],
    ['slashes escaped', 'ab cd\\/ef+gh=\\u00e9&<x>'],
    ['&<> escaped (Go encoding/json)', 'ab cd/ef+gh=\\u00e9\\u0026\\u003cx\\u003e'],
  ])('masks a secret echoed in JSON with %s', (_name, echoed) => {
    expect(redact(`{"client_secret":"${echoed}"}`, ['ab cd/ef+gh=é&<x>'])).toBe(
      '{"client_secret":"<redacted>"}',
    );
  });

  it('masks bearer tokens and JWTs whoever produced them', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    expect(redact(`Authorization: Bearer abc.def-123 and ${jwt}`)).toBe(
      'Authorization: <redacted> and <redacted>',
    );
  });

  it('leaves ordinary text and very short values alone', () => {
    expect(redact('Microsoft Graph returned 404.', ['abc'])).toBe('Microsoft Graph returned 404.');
  });

  it('masks any printable secret in its form-encoded form (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 40 }), (secret) => {
        fc.pre(secret.trim().length >= 6);
        for (const form of secretForms(secret))
          expect(redact(`x ${form} y`, [secret]).includes(form)).toBe(false);
        const encoded = encodeURIComponent(secret).replace(/%20/g, '+');
        expect(redact(`body=${encoded}`, [secret]).includes(encoded)).toBe(false);
      }),
      { seed: 8, numRuns: 500 },
    );
  });
});

const fixture = useEmulator();

describe('a token endpoint that echoes the posted form', () => {
  it('never gets the client secret into the entry, in any encoding', async () => {
    const instance = instanceOf(fixture.emu, 'clientSecret', {
      overrides: { credentials_enc_key: { identifier: '', password: SECRET } },
    });
    const encoded = encodeURIComponent(SECRET).replace(/%20/g, '+');
    fixture.emu.addFault({
      method: 'POST',
      path: '/*/oauth2/v2.0/token',
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: `AADSTS900144: bad request. Got client_secret=${encoded} and ${encoded.toLowerCase()} and ${JSON.stringify(SECRET)}`,
      },
    });
    const text = expectError(await instance.exec('test-module'));
    expect(text).toMatch(/AADSTS900144/);
    for (const form of [SECRET, encoded, encoded.toLowerCase(), JSON.stringify(SECRET).slice(1, -1)])
      expect(text.includes(form)).toBe(false);
    instance.expectClean();
  });
});
