/**
 * Ready-made instance settings, exactly as XSOAR stores them (type-9 credentials as
 * `{identifier, password}` objects, checkboxes as booleans), for the five authentication modes and
 * for two restricted apps (403 tests), and the builders `registerApp` / `registerManagedIdentity`
 * use. All point at the emulator with `azure_cloud: "Custom"`.
 */
import type { AppRegistration, Credentials } from './credentials';

/** Instance params as XSOAR stores them. */
export type InstanceParams = Record<string, unknown>;

/** The five authentication modes. */
export interface EmulatorInstances {
  readonly oproxy: InstanceParams;
  readonly clientSecret: InstanceParams;
  readonly certificate: InstanceParams;
  readonly managedIdentitySystem: InstanceParams;
  readonly managedIdentityUser: InstanceParams;
}

/** Instances whose app lacks permissions: `readOnly` (GETs only) and `noCalendars` (403 on calendars). */
export interface RestrictedInstances {
  readonly readOnly: InstanceParams;
  readonly noCalendars: InstanceParams;
}

function secret(password: string): { identifier: string; password: string } {
  return { identifier: '', password };
}

function common(url: string): InstanceParams {
  return {
    url,
    azure_cloud: 'Custom',
    azure_ad_endpoint: url,
    default_user: 'alice@contoso.com',
    insecure: false,
    proxy: false,
    self_deployed: false,
    use_managed_identities: false,
  };
}

/** The client-secret instance of an app registration. */
export function secretInstance(url: string, tenantId: string, app: AppRegistration): InstanceParams {
  return {
    ...common(url),
    self_deployed: true,
    credentials_auth_id: secret(app.clientId),
    credentials_tenant_id: secret(tenantId),
    credentials_enc_key: secret(app.secret ?? ''),
  };
}

/** The certificate instance of an app registration (its first certificate). */
export function certificateInstance(url: string, tenantId: string, app: AppRegistration): InstanceParams {
  const cert = app.certificates[0];
  return {
    ...common(url),
    self_deployed: true,
    credentials_auth_id: secret(app.clientId),
    credentials_tenant_id: secret(tenantId),
    credentials_certificate_thumbprint: secret(cert.thumbprint),
    private_key: cert.privateKeyPem,
  };
}

/** The managed identity instance for a user-assigned identity's client id. */
export function userIdentityInstance(url: string, clientId: string): InstanceParams {
  return {
    ...common(url),
    use_managed_identities: true,
    managed_identities_client_id: secret(clientId),
  };
}

/** Builds the instances for an emulator listening on `url`. */
export function buildInstances(url: string, c: Credentials): EmulatorInstances {
  return {
    oproxy: {
      ...common(url),
      credentials_auth_id: secret(`${c.oproxy.registrationId}@${url}/obtain-token`),
      credentials_tenant_id: secret(c.oproxy.token),
      credentials_enc_key: secret(c.oproxy.key),
    },
    clientSecret: secretInstance(url, c.tenantId, c.clientSecretApp),
    certificate: certificateInstance(url, c.tenantId, c.certificateApp),
    managedIdentitySystem: { ...common(url), use_managed_identities: true },
    managedIdentityUser: userIdentityInstance(url, c.userIdentities[0].clientId),
  };
}

/** Builds the restricted instances (client-secret apps with reduced permissions). */
export function buildRestrictedInstances(url: string, c: Credentials): RestrictedInstances {
  return {
    readOnly: secretInstance(url, c.tenantId, c.readOnlyApp),
    noCalendars: secretInstance(url, c.tenantId, c.noCalendarsApp),
  };
}
