import { createPrivateKey } from 'node:crypto';
import { parseCalendarSettings as parseSettings } from '../support/settings';
import {
  AES_KEY,
  CLIENT_ID,
  CLIENT_SECRET,
  cred,
  INSTANCES,
  MI_CLIENT_ID,
  oneLine,
  OPROXY_ID,
  OPROXY_TOKEN,
  PKCS1_PEM,
  PKCS8_PEM,
  TENANT_ID,
  THUMBPRINT,
  WORLDWIDE,
} from './fixtures';

const OPROXY = {
  ...WORLDWIDE,
  mode: 'oproxy',
  registrationId: OPROXY_ID,
  tokenUrl: 'https://oproxy.demisto.ninja/obtain-token',
  token: OPROXY_TOKEN,
  encryptionKey: AES_KEY,
};
const SECRET = {
  ...WORLDWIDE,
  mode: 'clientSecret',
  clientId: CLIENT_ID,
  tenantId: TENANT_ID,
  clientSecret: CLIENT_SECRET,
};
const CERT = {
  ...WORLDWIDE,
  mode: 'certificate',
  clientId: CLIENT_ID,
  tenantId: TENANT_ID,
  thumbprint: THUMBPRINT,
  privateKeyPem: PKCS8_PEM,
};
const MI_SYSTEM = { ...WORLDWIDE, mode: 'managedIdentity' };

const noCredentials = {
  credentials_auth_id: cred(''),
  credentials_tenant_id: cred(''),
  credentials_enc_key: cred(''),
};

const cases: [string, Record<string, unknown>, Record<string, unknown>][] = [
  ['the Cortex XSOAR application (oproxy)', INSTANCES.oproxy, OPROXY],
  ['a self-deployed app with a client secret', INSTANCES.clientSecret, SECRET],
  ['a self-deployed app with a certificate', INSTANCES.certificate, CERT],
  ['a system-assigned managed identity', INSTANCES.managedIdentitySystem, MI_SYSTEM],
  [
    'a user-assigned managed identity',
    INSTANCES.managedIdentityUser,
    { ...MI_SYSTEM, clientId: MI_CLIENT_ID },
  ],
  [
    'the legacy twins when the credential widgets are empty',
    { ...INSTANCES.oproxy, ...noCredentials, auth_id: OPROXY_ID, tenant_id: OPROXY_TOKEN, enc_key: AES_KEY },
    OPROXY,
  ],
  [
    'the legacy thumbprint when the credential widget is absent',
    {
      ...INSTANCES.certificate,
      credentials_certificate_thumbprint: undefined,
      certificate_thumbprint: THUMBPRINT,
    },
    CERT,
  ],
  [
    'the credential widget over a stale legacy value',
    { ...INSTANCES.clientSecret, auth_id: 'stale-not-a-guid', enc_key: 'stale' },
    SECRET,
  ],
  [
    'string checkboxes in any case, yes/no included',
    {
      ...INSTANCES.clientSecret,
      self_deployed: 'TRUE',
      insecure: 'Yes',
      proxy: 'true',
      use_managed_identities: 'no',
    },
    { ...SECRET, insecure: true, proxy: true },
  ],
  [
    'managed identities over a ticked self-deployed box, ignoring ID, Token and Key',
    {
      ...INSTANCES.clientSecret,
      use_managed_identities: 'True',
      credentials_enc_key: cred('not base64 at all'),
    },
    MI_SYSTEM,
  ],
  [
    'trimmed values, an upper-case client ID and a whitespace-only Default user',
    {
      ...INSTANCES.clientSecret,
      credentials_auth_id: cred(`  ${CLIENT_ID.toUpperCase()} `),
      credentials_tenant_id: cred(' contoso.onmicrosoft.com '),
      default_user: '   ',
    },
    { ...SECRET, tenantId: 'contoso.onmicrosoft.com' },
  ],
  [
    'a trimmed Default user',
    { ...INSTANCES.oproxy, default_user: ' soc@contoso.com ' },
    { ...OPROXY, defaultUser: 'soc@contoso.com' },
  ],
  [
    'a one-line PEM with its newlines restored',
    { ...INSTANCES.certificate, private_key: oneLine(PKCS8_PEM) },
    CERT,
  ],
  [
    'an RSA PRIVATE KEY PEM',
    { ...INSTANCES.certificate, private_key: oneLine(PKCS1_PEM) },
    { ...CERT, privateKeyPem: PKCS1_PEM },
  ],
  [
    'a thumbprint with colons, spaces and lower case',
    {
      ...INSTANCES.certificate,
      credentials_certificate_thumbprint: cred(THUMBPRINT.toLowerCase().replace(/(..)(?!$)/g, '$1: ')),
    },
    CERT,
  ],
  [
    'the certificate when both a Key and a certificate are given',
    { ...INSTANCES.certificate, credentials_enc_key: cred(CLIENT_SECRET) },
    CERT,
  ],
  [
    'a Server URL with trailing slashes and /v1.0',
    { ...INSTANCES.oproxy, url: 'https://graph.microsoft.com/v1.0//' },
    OPROXY,
  ],
  [
    'an oproxy ID with its own token URL',
    {
      ...INSTANCES.oproxy,
      credentials_auth_id: cred(`${OPROXY_ID}@https://oproxy.example.com/obtain-token`),
    },
    { ...OPROXY, tokenUrl: 'https://oproxy.example.com/obtain-token' },
  ],
  [
    'an oproxy ID with two @ kept whole, with the default token URL (upstream)',
    { ...INSTANCES.oproxy, credentials_auth_id: cred('a@b@c') },
    { ...OPROXY, registrationId: 'a@b@c' },
  ],
  [
    'http on 127.0.0.1 and localhost (the emulator)',
    {
      ...INSTANCES.oproxy,
      url: 'http://127.0.0.1:8443/',
      credentials_auth_id: cred(`${OPROXY_ID}@http://localhost:8443/oproxy/obtain-token`),
    },
    { ...OPROXY, graphUrl: 'http://127.0.0.1:8443', tokenUrl: 'http://localhost:8443/oproxy/obtain-token' },
  ],
  [
    'US GCC-High, following the cloud when the Server URL is the Worldwide default',
    { ...INSTANCES.clientSecret, azure_cloud: 'US GCC-High' },
    {
      ...SECRET,
      cloud: 'US GCC-High',
      graphUrl: 'https://graph.microsoft.us',
      graphResource: 'https://graph.microsoft.us',
      loginUrl: 'https://login.microsoftonline.us',
    },
  ],
  [
    'China with its own Server URL kept',
    {
      ...INSTANCES.managedIdentitySystem,
      azure_cloud: 'China',
      url: 'https://microsoftgraph.chinacloudapi.cn/',
    },
    {
      ...MI_SYSTEM,
      cloud: 'China',
      graphUrl: 'https://microsoftgraph.chinacloudapi.cn',
      graphResource: 'https://microsoftgraph.chinacloudapi.cn',
      loginUrl: 'https://login.chinacloudapi.cn',
    },
  ],
  [
    'Custom, with the resource taken from the Server URL origin',
    {
      ...INSTANCES.clientSecret,
      azure_cloud: 'Custom',
      url: 'http://127.0.0.1:9000/graph/v1.0',
      azure_ad_endpoint: 'http://127.0.0.1:9000/login/',
    },
    {
      ...SECRET,
      cloud: 'Custom',
      graphUrl: 'http://127.0.0.1:9000/graph',
      graphResource: 'http://127.0.0.1:9000',
      loginUrl: 'http://127.0.0.1:9000/login',
    },
  ],
  [
    'an empty Azure cloud as Worldwide (instances from the Python integration)',
    { ...INSTANCES.oproxy, azure_cloud: '' },
    OPROXY,
  ],
  [
    'null params as absent',
    { ...INSTANCES.oproxy, default_user: null, private_key: null, proxy: null },
    OPROXY,
  ],
];

describe('parseSettings accepts and normalizes', () => {
  it.each(cases)('%s', (_name, params, expected) => {
    expect(parseSettings(params)).toStrictEqual(expected);
  });

  it('restores a one-line PEM that Node can load as a private key', () => {
    const settings = parseSettings({ ...INSTANCES.certificate, private_key: oneLine(PKCS8_PEM) });
    if (settings.mode !== 'certificate') throw new Error(`expected certificate mode, got ${settings.mode}`);
    expect(createPrivateKey(settings.privateKeyPem).asymmetricKeyType).toBe('rsa');
  });

  it('does not modify the params it is given', () => {
    const params = structuredClone({ ...INSTANCES.certificate, private_key: oneLine(PKCS8_PEM) });
    const copy = structuredClone(params);
    parseSettings(params);
    expect(params).toStrictEqual(copy);
  });
});
