/**
 * The authentication part of the settings: picks the mode from the checkboxes and runs the
 * cross-field and decoding checks AJV cannot express.
 */
import { DEFAULT_OPROXY_URL } from '../clouds';
import { decodeBase64 } from './base64';
import { checkUrlParam } from './commonSettings';
import { MESSAGES, PARAM_LABELS, RANK, type ProblemList } from './messages';
import { normalizePrivateKey } from './pem';
import type { RawValues } from './readParams';
import type { ParamName } from './schema';
import type { CommonSettings, Settings } from './types';

type WithoutCommon<T> = T extends unknown ? Omit<T, keyof CommonSettings> : never;
/** The mode-specific part of Settings. */
export type AuthSettings = WithoutCommon<Settings>;

const AES_KEY_BYTES = [16, 24, 32];

// Reads a required value; AJV normally reports a missing one, this is the safety net.
function need(param: ParamName, value: string | undefined, problems: ProblemList): string | undefined {
  if (problems.has(param)) return undefined;
  if (value === undefined) problems.add(param, MESSAGES.provided(PARAM_LABELS[param]), RANK.missing);
  return value;
}

function oproxyKey(raw: RawValues, problems: ProblemList): string | undefined {
  if (problems.has('credentials_enc_key')) return undefined;
  if (raw.key === undefined) {
    problems.add('credentials_enc_key', MESSAGES.oproxyKeyMissing, RANK.missing);
    return undefined;
  }
  const bytes = decodeBase64(raw.key);
  if (bytes === undefined) problems.add('credentials_enc_key', MESSAGES.keyNotBase64);
  else if (!AES_KEY_BYTES.includes(bytes.length))
    problems.add('credentials_enc_key', MESSAGES.keyLength(bytes.length));
  else return raw.key;
  return undefined;
}

// "registrationId@tokenUrl" with exactly one "@"; any other count keeps the whole ID (upstream).
function oproxyId(
  raw: RawValues,
  problems: ProblemList,
): { registrationId: string; tokenUrl: string } | undefined {
  const id = need('credentials_auth_id', raw.id, problems);
  if (id === undefined) return undefined;
  const parts = id.split('@');
  if (parts.length !== 2) return { registrationId: id, tokenUrl: DEFAULT_OPROXY_URL };
  const [registrationId, tokenUrl] = parts.map((part) => part.trim());
  if (registrationId === '') problems.add('credentials_auth_id', MESSAGES.oproxyRegistrationId);
  const example = 'https://oproxy.example.com/obtain-token';
  const url = checkUrlParam(
    'credentials_auth_id',
    tokenUrl,
    example,
    problems,
    'The token URL in ID (after the @)',
  );
  if (url === undefined || registrationId === '') return undefined;
  return { registrationId, tokenUrl: `${url.origin}${url.path}` };
}

function parseOproxy(raw: RawValues, problems: ProblemList): AuthSettings | undefined {
  const id = oproxyId(raw, problems);
  const token = need('credentials_tenant_id', raw.token, problems);
  const encryptionKey = oproxyKey(raw, problems);
  if (id === undefined || token === undefined || encryptionKey === undefined) return undefined;
  return { mode: 'oproxy', ...id, token, encryptionKey };
}

function certificate(
  raw: RawValues,
  problems: ProblemList,
): { thumbprint: string; privateKeyPem: string } | undefined {
  if (raw.thumbprint === undefined || raw.privateKey === undefined) {
    if (raw.thumbprint !== undefined)
      problems.add('private_key', MESSAGES.thumbprintWithoutKey, RANK.missing);
    if (raw.privateKey !== undefined)
      problems.add('credentials_certificate_thumbprint', MESSAGES.keyWithoutThumbprint, RANK.missing);
    return undefined;
  }
  const pem = normalizePrivateKey(raw.privateKey);
  if (!pem.ok) problems.add('private_key', pem.reason === 'markers' ? MESSAGES.pemMarkers : MESSAGES.pemBody);
  if (!pem.ok || problems.has('credentials_certificate_thumbprint')) return undefined;
  return { thumbprint: raw.thumbprint.replace(/[\s:]/g, '').toUpperCase(), privateKeyPem: pem.pem };
}

function parseSelfDeployed(raw: RawValues, problems: ProblemList): AuthSettings | undefined {
  const clientId = need('credentials_auth_id', raw.id, problems)?.toLowerCase();
  const tenantId = need('credentials_tenant_id', raw.token, problems);
  const hasCertificatePart = raw.thumbprint !== undefined || raw.privateKey !== undefined;
  if (raw.key === undefined && !hasCertificatePart) {
    problems.add('credentials_enc_key', MESSAGES.keyOrCertificate, RANK.missing);
    return undefined;
  }
  const cert = hasCertificatePart ? certificate(raw, problems) : undefined;
  if (clientId === undefined || tenantId === undefined) return undefined;
  if (cert !== undefined) return { mode: 'certificate', clientId, tenantId, ...cert };
  if (hasCertificatePart || raw.key === undefined) return undefined;
  return { mode: 'clientSecret', clientId, tenantId, clientSecret: raw.key };
}

function parseManagedIdentity(raw: RawValues, problems: ProblemList): AuthSettings | undefined {
  if (problems.has('managed_identities_client_id')) return undefined;
  const clientId = raw.managedIdentityClientId?.toLowerCase();
  return clientId === undefined ? { mode: 'managedIdentity' } : { mode: 'managedIdentity', clientId };
}

/** The mode-specific settings, or undefined when a problem was recorded. */
export function parseAuth(raw: RawValues, problems: ProblemList): AuthSettings | undefined {
  if (raw.useManagedIdentities) return parseManagedIdentity(raw, problems);
  return raw.selfDeployed ? parseSelfDeployed(raw, problems) : parseOproxy(raw, problems);
}
