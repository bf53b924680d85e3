/**
 * What an integration YAML says about its instance parameters and commands, as the generator
 * (`npm run gen`) extracts it into `generated/metadata.ts`. The YAML is the single source of truth
 * for names, types, labels and defaults; code reads these records instead of spelling names.
 */

/** XSOAR parameter types the integrations of this repository use (the YAML `type` number). */
export const ParamType = {
  /** Short text. */
  text: 0,
  /** Encrypted text (the legacy way to store a secret). */
  encrypted: 4,
  /** Checkbox. */
  checkbox: 8,
  /** Credentials: `{identifier, password}`, possibly from the credentials vault. */
  credentials: 9,
  /** Long text. */
  textArea: 12,
  /** Encrypted long text. */
  encryptedTextArea: 14,
  /** Single select among `options`. */
  singleSelect: 15,
} as const;

/** One instance parameter. */
export interface ParamMetadata {
  readonly name: string;
  readonly type: number;
  /** The label the UI shows (`display`, or `displaypassword` for a credentials parameter). */
  readonly label: string;
  readonly hidden: boolean;
  readonly required: boolean;
  readonly defaultValue?: string;
  /** The allowed values of a single select. */
  readonly options?: readonly string[];
  /**
   * For a credentials parameter `credentials_<name>`: the hidden legacy parameter `<name>` that
   * instances created before the credentials type still hold (read when the password is empty).
   */
  readonly legacyTwin?: string;
}

/** One command argument. */
export interface ArgumentMetadata {
  readonly name: string;
  readonly required: boolean;
  readonly defaultValue?: string;
  /** The values the UI offers (`predefined`); empty when any value is allowed. */
  readonly predefined: readonly string[];
  /** A list argument (`isArray`): comma-separated text or a JSON array. */
  readonly isArray: boolean;
}

/** One command. */
export interface CommandMetadata {
  readonly name: string;
  readonly arguments: readonly ArgumentMetadata[];
  /** The context paths the command declares, in YAML order. */
  readonly outputs: readonly string[];
}

/** An integration's metadata. */
export interface IntegrationMetadata {
  readonly params: readonly ParamMetadata[];
  readonly commands: readonly CommandMetadata[];
}
