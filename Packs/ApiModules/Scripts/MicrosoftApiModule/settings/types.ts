/**
 * The validated, normalized instance settings: a union discriminated by `mode`.
 * Produced once, at the boundary, by `parseSettings`; nothing downstream re-reads raw params.
 */
import type { CloudName } from '../core/clouds';

/** The authentication modes. Managed identity covers both system- and user-assigned identities. */
export type AuthMode = 'oproxy' | 'clientSecret' | 'certificate' | 'managedIdentity';

/** Settings shared by every mode. */
export interface CommonSettings {
  /** Graph root without trailing slash and without `/v1.0`, e.g. `https://graph.microsoft.com`. */
  readonly graphUrl: string;
  /**
   * The resource the Graph token is for, without trailing slash: the cloud's Graph endpoint for a
   * named cloud, the origin of `url` for Custom. Scope = `${graphResource}/.default`; the managed
   * identity resource = `${graphResource}/`.
   */
  readonly graphResource: string;
  /** Login authority without trailing slash, e.g. `https://login.microsoftonline.com`. */
  readonly loginUrl: string;
  readonly cloud: CloudName;
  /** `insecure`: skip TLS verification. */
  readonly insecure: boolean;
  /** `proxy`: use the system proxy from the environment. */
  readonly proxy: boolean;
  /** The Default user, trimmed; undefined when empty. */
  readonly defaultUser?: string;
}

/** The Cortex XSOAR application (oproxy): ID, Token and Key from the admin consent. */
export interface OproxySettings extends CommonSettings {
  readonly mode: 'oproxy';
  /** The ID without any `@url` suffix. */
  readonly registrationId: string;
  /** The token URL: the part after `@` in the ID, else the default oproxy URL. */
  readonly tokenUrl: string;
  /** The Token value (encrypted and sent when no refresh token is cached). Secret. */
  readonly token: string;
  /** The Key: base64 of a 16, 24 or 32-byte AES key, exactly as entered. Secret. */
  readonly encryptionKey: string;
}

/** A self-deployed application authenticating with a client secret. */
export interface ClientSecretSettings extends CommonSettings {
  readonly mode: 'clientSecret';
  /** Application (client) ID, a GUID (lower-cased). */
  readonly clientId: string;
  /** Tenant ID (GUID) or domain name. */
  readonly tenantId: string;
  /** The Key field. Secret. */
  readonly clientSecret: string;
}

/** A self-deployed application authenticating with a certificate. */
export interface CertificateSettings extends CommonSettings {
  readonly mode: 'certificate';
  readonly clientId: string;
  readonly tenantId: string;
  /** SHA-1 thumbprint: 40 upper-case hex digits, colons and spaces removed. */
  readonly thumbprint: string;
  /** PEM private key with real newlines restored. Secret. */
  readonly privateKeyPem: string;
}

/** Azure Managed Identities: system-assigned when `clientId` is undefined, else user-assigned. */
export interface ManagedIdentitySettings extends CommonSettings {
  readonly mode: 'managedIdentity';
  readonly clientId?: string;
}

/** The normalized settings. */
export type Settings = OproxySettings | ClientSecretSettings | CertificateSettings | ManagedIdentitySettings;
