/**
 * Invalid instance params and the exact problems parseSettings must report for them.
 */
import { CLIENT_SECRET, cred, INSTANCES, PKCS8_PEM, THUMBPRINT } from './fixtures';

const KEY_MISSING =
  'Key must be provided. For further information see https://xsoar.pan.dev/docs/reference/articles/microsoft-integrations---authentication';
const GUID_MSG =
  'ID must be the application (client) ID, a GUID such as 00000000-0000-0000-0000-000000000000.';
const HTTPS_MSG = 'Server URL must use https (http is allowed only for 127.0.0.1 or localhost).';
const CLOUD_MSG = 'Azure cloud must be one of Worldwide, US GCC, US GCC-High, DoD, Germany, China, Custom.';

const { oproxy, clientSecret, certificate, managedIdentityUser } = INSTANCES;
const empty = cred('');

/** [behaviour, params, every expected [param, message], in UI order]. */
export const INVALID_CASES: [string, Record<string, unknown>, [string, string][]][] = [
  [
    'oproxy without ID',
    { ...oproxy, credentials_auth_id: empty },
    [['credentials_auth_id', 'ID must be provided.']],
  ],
  [
    'oproxy without Token',
    { ...oproxy, credentials_tenant_id: undefined },
    [['credentials_tenant_id', 'Token must be provided.']],
  ],
  [
    'oproxy without Key (upstream text)',
    { ...oproxy, credentials_enc_key: cred('   ') },
    [['credentials_enc_key', KEY_MISSING]],
  ],
  [
    'oproxy Key that is not base64',
    { ...oproxy, credentials_enc_key: cred('not*base64!') },
    [
      [
        'credentials_enc_key',
        'Key must be the base64 encoding of a 16, 24 or 32-byte key (it is not standard base64).',
      ],
    ],
  ],
  [
    'oproxy Key without its padding',
    { ...oproxy, credentials_enc_key: cred('AAAAAAAAAAAAAAAAAAAAAA') },
    [
      [
        'credentials_enc_key',
        'Key must be the base64 encoding of a 16, 24 or 32-byte key (it is not standard base64).',
      ],
    ],
  ],
  [
    'oproxy Key of 20 bytes',
    { ...oproxy, enc_key: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=', credentials_enc_key: empty },
    [
      [
        'credentials_enc_key',
        'Key must be the base64 encoding of a 16, 24 or 32-byte key (it decodes to 20 bytes).',
      ],
    ],
  ],
  [
    'oproxy token URL over plain http to a public host',
    { ...oproxy, credentials_auth_id: cred('reg@http://oproxy.example.com/obtain-token') },
    [
      [
        'credentials_auth_id',
        'The token URL in ID (after the @) must use https (http is allowed only for 127.0.0.1 or localhost).',
      ],
    ],
  ],
  [
    'oproxy ID with nothing before the @',
    { ...oproxy, credentials_auth_id: cred('@https://oproxy.example.com') },
    [['credentials_auth_id', 'ID must have the registration ID before the @.']],
  ],
  [
    'self-deployed without ID',
    { ...clientSecret, credentials_auth_id: empty },
    [['credentials_auth_id', 'ID must be provided.']],
  ],
  [
    'self-deployed without Token',
    { ...clientSecret, credentials_tenant_id: empty },
    [['credentials_tenant_id', 'Token must be provided.']],
  ],
  [
    'self-deployed without Key or certificate (upstream text)',
    { ...clientSecret, credentials_enc_key: empty },
    [['credentials_enc_key', 'Key or Certificate Thumbprint and Private Key must be provided.']],
  ],
  [
    'self-deployed with a malformed GUID',
    { ...clientSecret, credentials_auth_id: cred('d1f3c9a2-5b7e-4c1d-9a8b-0e2f4a6c8b1') },
    [['credentials_auth_id', GUID_MSG]],
  ],
  [
    'self-deployed with a malformed legacy ID',
    { ...clientSecret, credentials_auth_id: empty, auth_id: 'my-app' },
    [['credentials_auth_id', GUID_MSG]],
  ],
  [
    'self-deployed with a Token that is neither a GUID nor a domain',
    { ...clientSecret, credentials_tenant_id: cred('contoso') },
    [
      [
        'credentials_tenant_id',
        'Token must be the tenant ID, a GUID such as 00000000-0000-0000-0000-000000000000 or a domain name such as contoso.onmicrosoft.com.',
      ],
    ],
  ],
  [
    'a thumbprint without a private key',
    { ...certificate, private_key: '' },
    [['private_key', 'Private Key must be provided when Certificate Thumbprint is given.']],
  ],
  [
    'a private key without a thumbprint, even with a Key',
    { ...certificate, credentials_certificate_thumbprint: empty, credentials_enc_key: cred(CLIENT_SECRET) },
    [
      [
        'credentials_certificate_thumbprint',
        'Certificate Thumbprint must be provided when Private Key is given.',
      ],
    ],
  ],
  [
    'a thumbprint of 39 digits',
    { ...certificate, credentials_certificate_thumbprint: cred(THUMBPRINT.slice(1)) },
    [
      [
        'credentials_certificate_thumbprint',
        'Certificate Thumbprint must be the 40 hexadecimal digits of the SHA-1 thumbprint.',
      ],
    ],
  ],
  [
    'a private key without PEM markers',
    { ...certificate, private_key: PKCS8_PEM.split('\n').slice(1, -2).join('\n') },
    [
      [
        'private_key',
        'Private Key must be a PEM key between -----BEGIN PRIVATE KEY----- and -----END PRIVATE KEY----- lines (or RSA PRIVATE KEY).',
      ],
    ],
  ],
  [
    'a private key with a damaged body',
    { ...certificate, private_key: PKCS8_PEM.replace(/\n[A-Za-z0-9+/]{8}/, '\n%%%%%%%%') },
    [['private_key', 'Private Key must hold unencrypted base64 key data between its BEGIN and END lines.']],
  ],
  [
    'a user-assigned managed identity client ID that is not a GUID',
    { ...managedIdentityUser, managed_identities_client_id: cred('my-identity') },
    [
      [
        'managed_identities_client_id',
        'Azure Managed Identities Client ID must be a GUID such as 00000000-0000-0000-0000-000000000000.',
      ],
    ],
  ],
  [
    'a missing Server URL',
    { ...managedIdentityUser, url: undefined },
    [['url', 'Server URL must be provided.']],
  ],
  ['a blank Server URL', { ...managedIdentityUser, url: '  ' }, [['url', 'Server URL must be provided.']]],
  [
    'an http Server URL to a public host',
    { ...oproxy, url: 'http://graph.microsoft.com' },
    [['url', HTTPS_MSG]],
  ],
  [
    'an http Server URL to a non-loopback private address',
    { ...oproxy, url: 'http://10.0.0.1/' },
    [['url', HTTPS_MSG]],
  ],
  [
    'a Server URL with a query',
    { ...oproxy, url: 'https://graph.microsoft.com/?x=1' },
    [['url', 'Server URL must be a URL such as https://graph.microsoft.com.']],
  ],
  [
    'Custom without an Azure AD endpoint',
    { ...managedIdentityUser, azure_cloud: 'Custom' },
    [['azure_ad_endpoint', 'Azure AD endpoint must be provided when Azure cloud is Custom.']],
  ],
  [
    'Custom with an http Azure AD endpoint to a public host',
    { ...managedIdentityUser, azure_cloud: 'Custom', azure_ad_endpoint: 'http://login.example.com' },
    [
      [
        'azure_ad_endpoint',
        'Azure AD endpoint must use https (http is allowed only for 127.0.0.1 or localhost).',
      ],
    ],
  ],
  ['an unknown cloud', { ...oproxy, azure_cloud: 'Mars' }, [['azure_cloud', CLOUD_MSG]]],
  [
    'a checkbox that is neither true nor false',
    { ...oproxy, proxy: 'maybe' },
    [['proxy', 'Use system proxy settings must be true or false.']],
  ],
  [
    'a credentials param given as plain text',
    { ...oproxy, credentials_enc_key: 'AAAAAAAAAAAAAAAAAAAAAA==' },
    [['credentials_enc_key', 'Key must be a credentials object with a password.']],
  ],
  [
    'a text param given as a number',
    { ...oproxy, default_user: 42 },
    [['default_user', 'Default user must be text.']],
  ],
  [
    'several problems together, in the order of the UI',
    {
      url: 'http://example.com',
      self_deployed: 'true',
      auth_id: 'x',
      azure_cloud: 'Custom',
      insecure: 'sometimes',
    },
    [
      ['url', HTTPS_MSG],
      ['credentials_auth_id', GUID_MSG],
      ['credentials_tenant_id', 'Token must be provided.'],
      ['credentials_enc_key', 'Key or Certificate Thumbprint and Private Key must be provided.'],
      ['insecure', 'Trust any certificate (not secure) must be true or false.'],
      ['azure_ad_endpoint', 'Azure AD endpoint must be provided when Azure cloud is Custom.'],
    ],
  ],
  ...['..', '.', '%2e%2E', ' .. '].map((user): [string, Record<string, unknown>, [string, string][]] => [
    `a Default user that is a dot segment (${JSON.stringify(user)}): it would climb the request path`,
    { ...clientSecret, default_user: user },
    [
      [
        'default_user',
        'Default user cannot be "." or ".." (encoded or not): such a user would address another resource.',
      ],
    ],
  ]),
  [
    'a Server URL with a dot segment: every request path would be resolved elsewhere',
    { ...clientSecret, url: 'https://graph.microsoft.com/a/..' },
    [['url', 'Server URL must be a URL such as https://graph.microsoft.com.']],
  ],
];
