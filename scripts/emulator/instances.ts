/**
 * Ready-made instance settings, exactly as XSOAR stores them (type-9 credentials as
 * `{identifier, password}` objects, checkboxes as booleans), for the five authentication modes and
 * for two restricted apps (403 tests). All point at the emulator with `azure_cloud: "Custom"`.
 */
import type { Credentials } from './credentials';

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

function secretApp(url: string, tenantId: string, clientId: string, value: string): InstanceParams {
  return {
    ...common(url),
    self_deployed: true,
    credentials_auth_id: secret(clientId),
    credentials_tenant_id: secret(tenantId),
    credentials_enc_key: secret(value),
  };
}

/** Builds the instances for an emulator listening on `url`. */
export function buildInstances(url: string, c: Credentials): EmulatorInstances {
  const cert = c.certificateApp.certificates[0];
  return {
    oproxy: {
      ...common(url),
      credentials_auth_id: secret(`${c.oproxy.registrationId}@${url}/obtain-token`),
      credentials_tenant_id: secret(c.oproxy.token),
      credentials_enc_key: secret(c.oproxy.key),
    },
    clientSecret: secretApp(url, c.tenantId, c.clientSecretApp.clientId, c.clientSecretApp.secret ?? ''),
    certificate: {
      ...common(url),
      self_deployed: true,
      credentials_auth_id: secret(c.certificateApp.clientId),
      credentials_tenant_id: secret(c.tenantId),
      credentials_certificate_thumbprint: secret(cert.thumbprint),
      private_key: cert.privateKeyPem,
    },
    managedIdentitySystem: { ...common(url), use_managed_identities: true },
    managedIdentityUser: {
      ...common(url),
      use_managed_identities: true,
      managed_identities_client_id: secret(c.userIdentities[0].clientId),
    },
  };
}

/** Builds the restricted instances (client-secret apps with reduced permissions). */
export function buildRestrictedInstances(url: string, c: Credentials): RestrictedInstances {
  return {
    readOnly: secretApp(url, c.tenantId, c.readOnlyApp.clientId, c.readOnlyApp.secret ?? ''),
    noCalendars: secretApp(url, c.tenantId, c.noCalendarsApp.clientId, c.noCalendarsApp.secret ?? ''),
  };
}
