/**
 * What an integration's overlay tells the module about its instance settings, beyond what the
 * YAML says: which parameter plays which part of the Microsoft authentication, the formats of
 * the values, and which fields each authentication mode needs. The generator turns it, with the
 * YAML metadata, into the settings JSON Schema; the module reads values and words errors with it.
 */
import type { SettingsFormat } from './formats';

/** The parts of the Microsoft authentication settings. */
export type SettingRole =
  | 'serverUrl'
  | 'id'
  | 'token'
  | 'key'
  | 'thumbprint'
  | 'privateKey'
  | 'useManagedIdentities'
  | 'managedIdentityClientId'
  | 'selfDeployed'
  | 'cloud'
  | 'adEndpoint'
  | 'defaultUser'
  | 'insecure'
  | 'proxy';

/** The authentication modes as the settings select them (self-deployed covers secret and certificate). */
export type SettingsMode = 'managedIdentity' | 'selfDeployed' | 'oproxy';

/** The rule of one field. Field names are YAML parameter names (a credentials parameter covers its legacy twin). */
export interface FieldRule {
  readonly required?: boolean;
  readonly format?: SettingsFormat;
  /** An example value for messages (URLs). */
  readonly example?: string;
  /** Required unless any of these fields is given (the Key, unless a certificate is configured). */
  readonly requiredUnlessAny?: readonly string[];
  /** Another field that must be given when this one is. */
  readonly requires?: string;
  /** Required when another field has the given value. */
  readonly requiredWhen?: { readonly field: string; readonly equals: string };
}

/** The rules of one mode. */
export interface ModeRules {
  readonly mode: SettingsMode;
  /** The checkbox that selects this mode; the last mode, the default, has none. */
  readonly when?: string;
  readonly fields: Readonly<Record<string, FieldRule>>;
}

/** The settings part of an integration overlay. */
export interface SettingsOverlay {
  /** Which parameter plays which part. */
  readonly roles: Readonly<Record<SettingRole, string>>;
  /** Short labels for messages, where the UI label carries a long hint. */
  readonly labels: Readonly<Record<string, string>>;
  /** Rules in every mode. */
  readonly common: Readonly<Record<string, FieldRule>>;
  /** The modes in the order they are tried: the first whose checkbox is ticked, else the last. */
  readonly modes: readonly ModeRules[];
}
