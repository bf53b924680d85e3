/**
 * Ready-made instance settings, exactly as XSOAR stores them (type-9 credentials as
 * `{identifier, password}` objects, checkboxes as booleans), for the five authentication modes and
 * for two restricted apps (403 tests), and the builders `registerApp` / `registerManagedIdentity`
 * use. All point at the emulator with the Custom cloud. Parameter names come from the
 * integration's overlay (which parameter plays which part), not spelled here.
 */
import type { SettingRole } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/overlay';
import { SETTINGS_OVERLAY } from '../../Integrations/MicrosoftGraphCalendar/definition/overlay';
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

/** Params keyed by the names the overlay gives the roles. */
function params(values: Partial<Record<SettingRole, unknown>>): InstanceParams {
  const out: InstanceParams = {};
  for (const role of Object.keys(values) as SettingRole[]) out[SETTINGS_OVERLAY.roles[role]] = values[role];
  return out;
}

function common(url: string): InstanceParams {
  return params({
    serverUrl: url,
    cloud: 'Custom',
    adEndpoint: url,
    defaultUser: 'alice@contoso.com',
    insecure: false,
    proxy: false,
    selfDeployed: false,
    useManagedIdentities: false,
  });
}

/** The client-secret instance of an app registration. */
export function secretInstance(url: string, tenantId: string, app: AppRegistration): InstanceParams {
  return {
    ...common(url),
    ...params({
      selfDeployed: true,
      id: secret(app.clientId),
      token: secret(tenantId),
      key: secret(app.secret ?? ''),
    }),
  };
}

/** The certificate instance of an app registration (its first certificate). */
export function certificateInstance(url: string, tenantId: string, app: AppRegistration): InstanceParams {
  const cert = app.certificates[0];
  return {
    ...common(url),
    ...params({
      selfDeployed: true,
      id: secret(app.clientId),
      token: secret(tenantId),
      thumbprint: secret(cert.thumbprint),
      privateKey: cert.privateKeyPem,
    }),
  };
}

/** The managed identity instance for a user-assigned identity's client id. */
export function userIdentityInstance(url: string, clientId: string): InstanceParams {
  return {
    ...common(url),
    ...params({ useManagedIdentities: true, managedIdentityClientId: secret(clientId) }),
  };
}

/** Builds the instances for an emulator listening on `url`. */
export function buildInstances(url: string, c: Credentials): EmulatorInstances {
  return {
    oproxy: {
      ...common(url),
      ...params({
        id: secret(`${c.oproxy.registrationId}@${url}/obtain-token`),
        token: secret(c.oproxy.token),
        key: secret(c.oproxy.key),
      }),
    },
    clientSecret: secretInstance(url, c.tenantId, c.clientSecretApp),
    certificate: certificateInstance(url, c.tenantId, c.certificateApp),
    managedIdentitySystem: { ...common(url), ...params({ useManagedIdentities: true }) },
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
