/**
 * The value formats of the Microsoft settings, as AJV `format` functions. The generated settings
 * validator calls them (its `code.formats` points here), and the error messages ask the `explain`
 * functions why a value failed, so every rule is written once.
 */
import { ARGUMENT_FORMATS } from '../../../../Base/Scripts/CommonServer/argumentRules';
import { base64Decode } from '../crypto/encoding';
import { normalizePrivateKey } from './pem';
import { checkHttpUrl } from './urls';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
// Colons and spaces are tolerated because the Azure portal and certificate tools add them.
const THUMBPRINT = /^[\s:]*(?:[0-9a-fA-F][\s:]*){40}$/;
const AES_KEY_BYTES = [16, 24, 32];

/** Why a Key is not a base64 AES key: not standard base64, or the decoded length. */
export function explainAesKey(value: string): 'not-base64' | number | undefined {
  let bytes: Uint8Array;
  try {
    bytes = base64Decode(value);
  } catch {
    return 'not-base64';
  }
  return AES_KEY_BYTES.indexOf(bytes.length) >= 0 ? undefined : bytes.length;
}

/** The parts of an oproxy ID `registrationId@tokenUrl` (exactly one `@`; else the whole ID). */
export function splitOproxyId(value: string): { registrationId: string; tokenUrl?: string } {
  const parts = value.split('@');
  if (parts.length !== 2) return { registrationId: value };
  return { registrationId: parts[0].trim(), tokenUrl: parts[1].trim() };
}

/** Why an oproxy ID is unusable, or undefined when it is fine. */
export function explainOproxyId(value: string): 'registration' | 'malformed' | 'insecure' | undefined {
  const { registrationId, tokenUrl } = splitOproxyId(value);
  if (registrationId === '') return 'registration';
  if (tokenUrl === undefined) return undefined;
  const check = checkHttpUrl(tokenUrl);
  return check.ok ? undefined : check.reason;
}

/** Why a URL is refused (malformed, or plain http off loopback), or undefined when it is fine. */
export function explainUrl(value: string): 'malformed' | 'insecure' | undefined {
  const check = checkHttpUrl(value);
  return check.ok ? undefined : check.reason;
}

/** The AJV formats of the settings, by name. */
export const SETTINGS_FORMATS = {
  guid: (value: string): boolean => GUID.test(value),
  tenant: (value: string): boolean => GUID.test(value) || DOMAIN.test(value),
  thumbprint: (value: string): boolean => THUMBPRINT.test(value),
  'aes-key': (value: string): boolean => explainAesKey(value) === undefined,
  'pem-private-key': (value: string): boolean => normalizePrivateKey(value).ok,
  'secure-url': (value: string): boolean => explainUrl(value) === undefined,
  'oproxy-id': (value: string): boolean => explainOproxyId(value) === undefined,
  /** A user id or principal name that becomes a URL path segment: never `.` or `..`. */
  'path-segment': ARGUMENT_FORMATS['path-segment'],
};

/** A settings format name. */
export type SettingsFormat = keyof typeof SETTINGS_FORMATS;
