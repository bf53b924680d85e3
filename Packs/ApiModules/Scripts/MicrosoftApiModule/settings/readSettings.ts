/**
 * Validated values → normalized Settings: the one function that reads the settings after the
 * generated validators accepted them. It picks the authentication mode, normalizes what users
 * paste in different forms (GUID case, thumbprint separators, PEM line breaks, Graph URL with a
 * trailing slash or `/v1.0`) and resolves the cloud's endpoints.
 */
import type { ParamValues } from '../../../../Base/Scripts/CommonServer/params';
import { CLOUD_NAMES, CLOUDS, DEFAULT_OPROXY_URL, type CloudName } from '../core/clouds';
import { selectMode } from './definition';
import { splitOproxyId } from './formats';
import type { SettingRole, SettingsOverlay } from './overlay';
import { normalizePrivateKey } from './pem';
import type {
  CertificateSettings,
  ClientSecretSettings,
  CommonSettings,
  ManagedIdentitySettings,
  OproxySettings,
  Settings,
} from './types';
import { parseUrl } from './urls';

const WORLDWIDE_GRAPH = CLOUDS.Worldwide.graph;

// `scheme://host[:port]` + path without trailing slashes.
function urlText(value: string): string {
  const url = parseUrl(value);
  return url ? `${url.origin}${url.path.replace(/\/+$/, '')}` : value;
}

function common(get: (role: SettingRole) => string | boolean | undefined): CommonSettings {
  // Absent for instances created by the Python integration, which had no cloud parameter.
  const cloud =
    (CLOUD_NAMES as readonly string[]).indexOf(String(get('cloud'))) >= 0
      ? (get('cloud') as CloudName)
      : 'Worldwide';
  const named = cloud === 'Custom' ? undefined : CLOUDS[cloud];
  // Users paste the Graph root with a trailing slash or with the API version; both would break paths.
  const root = urlText(String(get('serverUrl')))
    .replace(/\/v1\.0$/i, '')
    .replace(/\/+$/, '');
  // Users switching to a national cloud tend to forget the Server URL: follow the cloud then.
  const graphUrl = named && root === WORLDWIDE_GRAPH ? named.graph : root;
  const parsed = parseUrl(root);
  const settings: Mutable<CommonSettings> = {
    graphUrl,
    graphResource: named ? named.graph : parsed ? parsed.origin : root,
    loginUrl: named ? named.login : urlText(String(get('adEndpoint'))),
    cloud,
    insecure: get('insecure') === true,
    proxy: get('proxy') === true,
  };
  const user = get('defaultUser');
  if (typeof user === 'string') settings.defaultUser = user;
  return settings;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The common settings completed with the mode's fields. Why not spreads: copying the object
 * again per mode cost most of a settings parse (settings are read for every command).
 */
function complete<T extends Settings>(base: CommonSettings, fields: Omit<T, keyof CommonSettings>): T {
  const out = base as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields)) out[key] = (fields as Record<string, unknown>)[key];
  return out as unknown as T;
}

/** The normalized settings of values the validators accepted. */
export function readSettings(values: ParamValues, overlay: SettingsOverlay): Settings {
  const get = (role: SettingRole) => values[overlay.roles[role]];
  const text = (role: SettingRole) => String(get(role) ?? '');
  const base = common(get);
  const mode = selectMode(values, overlay).mode;
  if (mode === 'managedIdentity') {
    const clientId = get('managedIdentityClientId');
    return typeof clientId === 'string'
      ? complete<ManagedIdentitySettings>(base, { mode: 'managedIdentity', clientId: clientId.toLowerCase() })
      : complete<ManagedIdentitySettings>(base, { mode: 'managedIdentity' });
  }
  if (mode === 'selfDeployed') {
    const clientId = text('id').toLowerCase();
    const tenantId = text('token');
    if (get('thumbprint') === undefined)
      return complete<ClientSecretSettings>(base, {
        mode: 'clientSecret',
        clientId,
        tenantId,
        clientSecret: text('key'),
      });
    const pem = normalizePrivateKey(text('privateKey'));
    const thumbprint = text('thumbprint').replace(/[\s:]/g, '').toUpperCase();
    const privateKeyPem = pem.ok ? pem.pem : '';
    return complete<CertificateSettings>(base, {
      mode: 'certificate',
      clientId,
      tenantId,
      thumbprint,
      privateKeyPem,
    });
  }
  const { registrationId, tokenUrl } = splitOproxyId(text('id'));
  return complete<OproxySettings>(base, {
    mode: 'oproxy',
    registrationId,
    tokenUrl: tokenUrl === undefined ? DEFAULT_OPROXY_URL : urlText(tokenUrl),
    token: text('token'),
    encryptionKey: text('key'),
  });
}
