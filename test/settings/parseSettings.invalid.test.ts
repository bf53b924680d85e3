import fc from 'fast-check';
import { ErrorCode, SettingsError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import { parseCalendarSettings as parseSettings } from '../support/settings';
import { cred, SECRETS } from './fixtures';
import { INVALID_CASES } from './invalidCases';

function settingsError(params: Record<string, unknown>): SettingsError {
  try {
    parseSettings(params);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('parseSettings accepted invalid settings');
}

/** Secret values, and each line of them, that must never be echoed. */
const secretFragments = (values: readonly string[]) =>
  values
    .flatMap((v) => [v, ...v.split('\n')])
    .filter((fragment) => fragment.length >= 8 && !fragment.startsWith('-----'));

describe('parseSettings rejects', () => {
  it.each(INVALID_CASES)('%s', (_name, params, expected) => {
    const error = settingsError(params);
    expect(error.problems.map((p) => [p.param, p.message])).toStrictEqual(expected);
    expect(error.message).toBe(expected.map(([, message]) => message).join('\n'));
    expect(error.code).toBe(ErrorCode.settings);
  });

  it.each(INVALID_CASES)('without echoing a secret value: %s', (_name, params) => {
    const passwords = Object.values(params).flatMap((v) =>
      typeof v === 'object' && v !== null ? [String((v as { password?: unknown }).password ?? '')] : [],
    );
    const text = JSON.stringify(settingsError(params).problems) + settingsError(params).message;
    for (const fragment of secretFragments([...SECRETS, ...passwords])) expect(text).not.toContain(fragment);
  });

  it('without echoing random Key, Token and private key values (property)', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9+/=._~-]{12,48}$/);
    fc.assert(
      fc.property(secret, secret, secret, fc.boolean(), (key, token, pem, selfDeployed) => {
        const params = {
          url: 'http://public.example.com',
          self_deployed: selfDeployed,
          credentials_auth_id: cred(token),
          credentials_tenant_id: cred(token),
          credentials_enc_key: cred(key),
          credentials_certificate_thumbprint: cred(key),
          private_key: `-----BEGIN PRIVATE KEY----- ${pem} -----END PRIVATE KEY-----`,
        };
        const error = settingsError(params);
        for (const value of [key, token, pem]) expect(error.message).not.toContain(value);
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });

  it('non-object params with a clear error', () => {
    const error = settingsError(null as unknown as Record<string, unknown>);
    expect(error.problems[0]).toStrictEqual({
      param: '',
      message: 'The instance settings must be an object of params.',
    });
  });
});
