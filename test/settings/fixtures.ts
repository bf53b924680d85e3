/**
 * Instance params as XSOAR stores them, for the settings tests, and the secret values they hold.
 */
import { generateKeyPairSync } from 'node:crypto';

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** A real PKCS#8 PEM private key (Node's output: 64-column lines, trailing newline). */
export const PKCS8_PEM = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
/** The same key as a PKCS#1 "RSA PRIVATE KEY" PEM. */
export const PKCS1_PEM = keys.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
/** A PEM as XSOAR may store a text area: on one line, spaces where the newlines were. */
export const oneLine = (pem: string): string => pem.trim().replace(/\n/g, ' ');

export const CLIENT_ID = 'd1f3c9a2-5b7e-4c1d-9a8b-0e2f4a6c8b1d';
export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const MI_CLIENT_ID = '5f8e2c1a-9d3b-4e7f-8a6c-1b2d3e4f5a6b';
/** 32 bytes of base64: a valid AES-256 key. */
export const AES_KEY = 'q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=';
export const OPROXY_TOKEN = 'oproxy-token-Zx81rT6uVq2w';
export const OPROXY_ID = 'registration-4471';
export const CLIENT_SECRET = 'sEcr3t~Qw8Q.abcdEFGH_ijklMNOPqrst';
export const THUMBPRINT = '0123456789ABCDEF0123456789ABCDEF01234567';

/** A type-9 param as XSOAR delivers it with `hiddenusername: true`. */
export const cred = (password: string): { identifier: string; password: string } => ({
  identifier: '',
  password,
});

const base = { url: 'https://graph.microsoft.com', insecure: false, proxy: false };

/** Valid params for each mode, with the credential widgets filled in. */
export const INSTANCES = {
  oproxy: {
    ...base,
    credentials_auth_id: cred(OPROXY_ID),
    credentials_tenant_id: cred(OPROXY_TOKEN),
    credentials_enc_key: cred(AES_KEY),
  },
  clientSecret: {
    ...base,
    self_deployed: true,
    credentials_auth_id: cred(CLIENT_ID),
    credentials_tenant_id: cred(TENANT_ID),
    credentials_enc_key: cred(CLIENT_SECRET),
  },
  certificate: {
    ...base,
    self_deployed: true,
    credentials_auth_id: cred(CLIENT_ID),
    credentials_tenant_id: cred(TENANT_ID),
    credentials_certificate_thumbprint: cred(THUMBPRINT),
    private_key: PKCS8_PEM,
  },
  managedIdentitySystem: { ...base, use_managed_identities: true, managed_identities_client_id: cred('') },
  managedIdentityUser: {
    ...base,
    use_managed_identities: true,
    managed_identities_client_id: cred(MI_CLIENT_ID),
  },
} as const;

/** The Worldwide common settings produced from `base`. */
export const WORLDWIDE = {
  graphUrl: 'https://graph.microsoft.com',
  graphResource: 'https://graph.microsoft.com',
  loginUrl: 'https://login.microsoftonline.com',
  cloud: 'Worldwide',
  insecure: false,
  proxy: false,
} as const;

/** Every secret the fixtures hold: none may appear in an error message. */
export const SECRETS = [AES_KEY, OPROXY_TOKEN, CLIENT_SECRET, PKCS8_PEM, PKCS1_PEM, THUMBPRINT];
