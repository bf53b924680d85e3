/**
 * fast-check generators of bad input: instance params as the server might deliver them (odd
 * shapes, numbers, nulls, huge strings, unicode) and command arguments. The known secrets are
 * only ever placed in secret fields, so finding one in an entry or a log line is a leak.
 */
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { maskSecrets } from '../support/userFacing';

/** The oproxy Key / a valid AES key: base64 of 32 bytes. Secret. */
export const KEY_SECRET = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff)).toString(
  'base64',
);
/** A self-deployed client secret. Secret. */
export const CLIENT_SECRET = 'cs~Q8b.SECRET_client-7d1e4f2a9b';
/** The oproxy Token (a secret only when not self-deployed). */
export const TOKEN_SECRET = 'oproxy-TOKEN-secret-4c7a1e9d2b';
/** A real PKCS#8 private key. Secret. */
export const PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

/** Every secret string, the private key's body lines included. */
export const ALWAYS_SECRET: readonly string[] = [
  KEY_SECRET,
  CLIENT_SECRET,
  PRIVATE_KEY,
  ...PRIVATE_KEY.split('\n').filter((line) => line.length > 20 && !line.startsWith('-----')),
];

const GUID = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const THUMBPRINT = 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678';
const cred = (password: unknown) => ({ identifier: '', password });

/** Valid starting points, one per authentication mode (all hosts are refused by the test guard). */
export const BASE_PARAMS: readonly Record<string, unknown>[] = [
  {
    url: 'https://graph.microsoft.com',
    credentials_auth_id: cred('0d1a2b3c@https://oproxy.example.com/obtain-token'),
    credentials_tenant_id: cred(TOKEN_SECRET),
    credentials_enc_key: cred(KEY_SECRET),
    default_user: 'alice@contoso.com',
  },
  {
    url: 'https://graph.microsoft.com',
    self_deployed: true,
    credentials_auth_id: cred(GUID),
    credentials_tenant_id: cred(GUID),
    credentials_enc_key: cred(CLIENT_SECRET),
    default_user: 'alice@contoso.com',
  },
  {
    url: 'https://graph.microsoft.us',
    azure_cloud: 'US GCC-High',
    self_deployed: true,
    credentials_auth_id: cred(GUID),
    credentials_tenant_id: cred('contoso.onmicrosoft.com'),
    credentials_certificate_thumbprint: cred(THUMBPRINT),
    private_key: PRIVATE_KEY,
  },
  {
    url: 'https://graph.microsoft.com',
    use_managed_identities: true,
    managed_identities_client_id: cred(GUID),
  },
  {
    url: 'http://127.0.0.1:9',
    use_managed_identities: 'true',
    azure_cloud: 'Custom',
    azure_ad_endpoint: 'http://localhost:9',
  },
];

/** Every param the YAML declares. */
export const PARAM_NAMES = [
  'url',
  'auth_id',
  'credentials_auth_id',
  'tenant_id',
  'credentials_tenant_id',
  'enc_key',
  'credentials_enc_key',
  'certificate_thumbprint',
  'credentials_certificate_thumbprint',
  'private_key',
  'use_managed_identities',
  'managed_identities_client_id',
  'default_user',
  'insecure',
  'proxy',
  'self_deployed',
  'azure_cloud',
  'azure_ad_endpoint',
] as const;

const SECRET_FIELDS = new Set([
  'credentials_enc_key',
  'enc_key',
  'private_key',
  'credentials_tenant_id',
  'tenant_id',
]);

/** Strings users (or broken automation) type: unicode, whitespace, near-valid values, huge text. */
export const oddText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '\t\n', 'true', 'TRUE ', 'yes', 'false', 'null', '0', '-1', '1e309', 'NaN'),
  fc.constantFrom('Custom', 'Worldwide', 'China', 'DoD', 'Germany', 'US GCC', 'custom', 'Mars'),
  fc.constantFrom(
    'https://graph.microsoft.com',
    'https://graph.microsoft.com/v1.0/',
    'http://graph.microsoft.com',
    'http://127.0.0.1:9',
    'http://localhost',
    'https://',
    'ftp://x',
    'https://a b',
    '//x',
    'https://[::1]:9',
  ),
  fc.constantFrom(
    GUID,
    GUID.toUpperCase(),
    `{${GUID}}`,
    THUMBPRINT,
    `${THUMBPRINT}00`,
    'AAAA',
    'AAAAAAAAAAAAAAAAAAAAAA==',
    '@',
    'id@',
    '@https://x',
  ),
  fc.constantFrom(
    '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----',
    '-----BEGIN PRIVATE KEY-----',
  ),
  fc.nat({ max: 5 }).map((n) => 'é'.repeat(20_000 + n)),
  fc.nat({ max: 5 }).map((n) => ' '.repeat(50_000 + n)),
);

/** Any JSON-ish value of an odd shape. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: oddText },
  fc.constantFrom(null, undefined, true, false, 0, 1, -1, 3.5, Number.MAX_SAFE_INTEGER),
  fc.record({
    identifier: fc.oneof(oddText, fc.constant(null)),
    password: fc.oneof(oddText, fc.integer(), fc.constant(null)),
  }),
  fc.constantFrom(
    {},
    [],
    [''],
    { password: {} },
    { password: ['x'] },
    { identifier: 'x' },
    { credential: 'c', password: '' },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A value for a secret field: a known secret in an odd wrapping, or an odd value. */
const secretish: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    KEY_SECRET,
    CLIENT_SECRET,
    TOKEN_SECRET,
    PRIVATE_KEY,
    ` ${KEY_SECRET}\n`,
    PRIVATE_KEY.replace(/\n/g, ' '),
  ),
  fc.constantFrom(KEY_SECRET, CLIENT_SECRET, TOKEN_SECRET, PRIVATE_KEY).map((s) => cred(s)),
  fc
    .constantFrom(KEY_SECRET, CLIENT_SECRET, TOKEN_SECRET)
    .map((s) => ({ identifier: s.slice(0, 3), password: s })),
  oddValue,
);

/** Instance params: a valid base with random fields replaced by odd values, removed or added. */
export const oddParams: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.constantFrom(...BASE_PARAMS),
    fc.array(
      fc
        .oneof({ weight: 5, arbitrary: fc.constantFrom(...PARAM_NAMES) }, fc.string({ maxLength: 12 }))
        .chain((name) => fc.tuple(fc.constant(name), SECRET_FIELDS.has(name) ? secretish : oddValue)),
      { maxLength: 6 },
    ),
  )
  .map(([base, changes]) => {
    const params: Record<string, unknown> = { ...base };
    // defineProperty: a generated "__proto__" must become a plain key, as JSON.parse would make it.
    for (const [name, value] of changes)
      Object.defineProperty(params, name, { value, enumerable: true, writable: true, configurable: true });
    return params;
  });

/** Argument values: odd text, plus values close to what each argument accepts. */
export const argValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: oddText },
  fc.constantFrom(
    'alice@contoso.com',
    'ALICE@contoso.com',
    'bob@contoso.com',
    'nobody@contoso.com',
    'a/b',
    '../..',
    '%2e%2e',
    '?x=1#y',
  ),
  fc.constantFrom('1', '10', '1000', '1001', '10000', '10001', ' 5 ', '+3', '0', '-5', '1.5', '0x10', '１２'),
  fc.constantFrom(
    '2024-01-08T09:00:00',
    '2024-02-30T10:00:00',
    '2024-01-08',
    '2024-01-08T24:00:00',
    '2024-01-08T09:00:00+25:00',
    '2024-01-08T09:00:00.123456789Z',
  ),
  fc.constantFrom(
    "startswith(subject,'test')",
    "subject eq 'Lunch'",
    'subject eq',
    "start/dateTime ge '2024-01-01T00:00:00'",
    'start/dateTime desc',
    'subject',
  ),
  fc.constantFrom('["a@x.com","b@x.com"]', 'a@x.com, ,b@x.com', '[1,2', '[]', ',,,'),
);

/**
 * Awaits a property run; on failure rethrows its report with the fixture secrets masked, since
 * fast-check prints the counterexample (which holds them) and test output must hold no secret.
 */
export async function withSecretsMasked(run: Promise<void>, secrets: readonly string[]): Promise<void> {
  try {
    await run;
  } catch (error) {
    throw new Error(maskSecrets(error instanceof Error ? error.message : String(error), secrets));
  }
}
