/**
 * The one hand-written overlay: what the integration YAML cannot say. Everything else about the
 * parameters and commands (names, types, labels, defaults, options, required, isArray, outputs)
 * comes from the YAML through `npm run gen`. This is the only product file that names parameters.
 */
import type { ArgumentsOverlay } from '../../../Packs/Base/Scripts/CommonServer/argumentRules';
import type { SettingsOverlay } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/overlay';

/** The instance settings: roles in the Microsoft authentication, formats, what each mode needs. */
export const SETTINGS_OVERLAY: SettingsOverlay = {
  roles: {
    serverUrl: 'url',
    id: 'credentials_auth_id',
    token: 'credentials_tenant_id',
    key: 'credentials_enc_key',
    thumbprint: 'credentials_certificate_thumbprint',
    privateKey: 'private_key',
    useManagedIdentities: 'use_managed_identities',
    managedIdentityClientId: 'managed_identities_client_id',
    selfDeployed: 'self_deployed',
    cloud: 'azure_cloud',
    adEndpoint: 'azure_ad_endpoint',
    defaultUser: 'default_user',
    insecure: 'insecure',
    proxy: 'proxy',
  },
  // The UI labels of these carry a long "received from the admin consent" hint.
  labels: { credentials_auth_id: 'ID', credentials_tenant_id: 'Token', credentials_enc_key: 'Key' },
  common: {
    default_user: { format: 'path-segment' },
    url: { format: 'secure-url', example: 'https://graph.microsoft.com' },
    azure_ad_endpoint: {
      format: 'secure-url',
      example: 'https://login.microsoftonline.com',
      requiredWhen: { field: 'azure_cloud', equals: 'Custom' },
    },
  },
  modes: [
    {
      mode: 'managedIdentity',
      when: 'use_managed_identities',
      fields: { managed_identities_client_id: { format: 'guid' } },
    },
    {
      mode: 'selfDeployed',
      when: 'self_deployed',
      fields: {
        credentials_auth_id: { required: true, format: 'guid' },
        credentials_tenant_id: { required: true, format: 'tenant' },
        credentials_enc_key: {
          requiredUnlessAny: ['credentials_certificate_thumbprint', 'private_key'],
        },
        credentials_certificate_thumbprint: { format: 'thumbprint', requires: 'private_key' },
        private_key: { format: 'pem-private-key', requires: 'credentials_certificate_thumbprint' },
      },
    },
    {
      mode: 'oproxy',
      fields: {
        credentials_auth_id: {
          required: true,
          format: 'oproxy-id',
          example: 'https://oproxy.example.com/obtain-token',
        },
        credentials_tenant_id: { required: true },
        credentials_enc_key: { required: true, format: 'aes-key' },
      },
    },
  ],
};

/** The fields update-event can change (time_zone alone changes nothing: it qualifies start and end). */
const UPDATABLE = [
  'subject',
  'body',
  'location',
  'start',
  'end',
  'attendees',
  'original_start',
  'original_start_time_zone',
  'original_end_time_zone',
];

/** Graph's largest page size, and the most items one command collects by following next links. */
export const MAX_TOP = 1000;
export const MAX_LIMIT = 10000;

/** The command arguments: the kind of each (an argument name means the same in every command). */
export const ARGUMENTS_OVERLAY: ArgumentsOverlay = {
  kinds: {
    user: { kind: 'id' },
    calendar_id: { kind: 'id' },
    event_id: { kind: 'id' },
    top: { kind: 'integer', min: 1, max: MAX_TOP },
    limit: { kind: 'integer', min: 1, max: MAX_LIMIT },
    start: { kind: 'date-time' },
    end: { kind: 'date-time' },
    original_start: { kind: 'date-time' },
    subject: { kind: 'text' },
    body: { kind: 'text' },
    location: { kind: 'text' },
  },
  atLeastOne: {
    'msgraph-calendar-update-event': { names: UPDATABLE, reason: 'Nothing to update' },
  },
};
