/**
 * Instance parameters as an integration reads them, following the YAML metadata: the password of
 * a credentials parameter (else its hidden legacy twin), checkboxes through the one checkbox
 * reader, text trimmed. Blank values are absent. Shapes are checked before this (by the generated
 * validator); a value of an unexpected shape reads as absent.
 */
import { isTicked } from './args';
import { ParamType, type ParamMetadata } from './metadata';

/** The effective value of each visible parameter, keyed by YAML name; absent when blank. */
export type ParamValues = Readonly<Record<string, string | boolean | undefined>>;

type Raw = Readonly<Record<string, unknown>>;

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function password(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? text((value as Raw).password) : undefined;
}

// The last list asked about: every command of an integration asks about the same metadata.
let lastVisible: { params: readonly ParamMetadata[]; visible: ParamMetadata[] } | undefined;

/** The parameters a user sets: every parameter but the legacy twins (read through their successor). */
export function visibleParams(params: readonly ParamMetadata[]): ParamMetadata[] {
  if (lastVisible !== undefined && lastVisible.params === params) return lastVisible.visible;
  const twins = params.map((p) => p.legacyTwin).filter((twin) => twin !== undefined);
  const visible = params.filter((p) => twins.indexOf(p.name) < 0);
  lastVisible = { params, visible };
  return visible;
}

/** The value of one parameter (a credentials parameter falls back to its legacy twin). */
export function paramValue(raw: Raw, param: ParamMetadata): string | boolean | undefined {
  const value = raw[param.name];
  if (param.type === ParamType.checkbox) return isTicked(value);
  if (param.type !== ParamType.credentials) return text(value);
  const fromPassword = password(value);
  if (fromPassword !== undefined || param.legacyTwin === undefined) return fromPassword;
  return text(raw[param.legacyTwin]);
}

/** Resolves every visible parameter of `raw` (an object of params as XSOAR delivers them). */
export function resolveParams(raw: unknown, params: readonly ParamMetadata[]): ParamValues {
  const source: Raw = typeof raw === 'object' && raw !== null ? (raw as Raw) : {};
  const values: Record<string, string | boolean | undefined> = {};
  for (const param of visibleParams(params)) {
    const value = paramValue(source, param);
    if (value !== undefined) values[param.name] = value;
  }
  return values;
}
