/**
 * pack_metadata.json checks. demisto-sdk's pack codes are not part of our reference, so these use
 * project codes: PM100 unreadable JSON, PM101 missing/empty field, PM102 bad version, PM103 bad value.
 */
import { asList, asMap, show, violation, type Violation, type YamlMap } from './types';

/** The support levels a pack may declare. */
export const SUPPORT_LEVELS: readonly string[] = ['xsoar', 'partner', 'community', 'developer'];
/** The marketplaces a pack may target. */
export const MARKETPLACES: readonly string[] = [
  'xsoar',
  'marketplacev2',
  'xpanse',
  'xsoar_saas',
  'xsoar_on_prem',
  'platform',
];

const REQUIRED_STRINGS = ['name', 'description', 'support', 'currentVersion', 'author'] as const;
const REQUIRED_LISTS = ['categories', 'marketplaces'] as const;

function at(loc: string, key: string): string {
  return loc ? `${loc}.${key}` : key;
}

/** Parses the metadata; undefined when it is not a JSON object. */
export function parsePackMetadata(text: string): YamlMap | undefined {
  try {
    return asMap(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function values(meta: YamlMap, loc: string): Violation[] {
  const out: Violation[] = [];
  if (typeof meta.support === 'string' && meta.support && !SUPPORT_LEVELS.includes(meta.support)) {
    out.push(
      violation(
        'PM103',
        at(loc, 'support'),
        `${show(meta.support)} is not one of ${SUPPORT_LEVELS.join(', ')}.`,
      ),
    );
  }
  if (
    typeof meta.currentVersion === 'string' &&
    meta.currentVersion &&
    !/^\d+\.\d+\.\d+$/.test(meta.currentVersion)
  ) {
    out.push(
      violation('PM102', at(loc, 'currentVersion'), 'currentVersion must be a semantic version x.y.z.'),
    );
  }
  asList(meta.marketplaces).forEach((m, i) => {
    if (typeof m !== 'string' || !MARKETPLACES.includes(m)) {
      out.push(violation('PM103', at(loc, `marketplaces[${i}]`), `${show(m)} is not a known marketplace.`));
    }
  });
  asList(meta.categories).forEach((c, i) => {
    if (typeof c !== 'string' || c.trim() === '') {
      out.push(violation('PM103', at(loc, `categories[${i}]`), 'a category must be a non-empty string.'));
    }
  });
  return out;
}

/** Checks pack_metadata.json text; `loc` prefixes the field locations (empty: bare field names). */
export function validatePackMetadata(text: string, loc = 'pack_metadata.json'): Violation[] {
  const meta = parsePackMetadata(text);
  if (!meta) return [violation('PM100', loc, 'not a JSON object.')];
  const out: Violation[] = [];
  for (const key of REQUIRED_STRINGS) {
    if (typeof meta[key] !== 'string' || (meta[key] as string).trim() === '') {
      out.push(violation('PM101', at(loc, key), `required field "${key}" is missing or empty.`));
    }
  }
  for (const key of REQUIRED_LISTS) {
    if (!Array.isArray(meta[key]) || asList(meta[key]).length === 0) {
      out.push(violation('PM101', at(loc, key), `required field "${key}" must be a non-empty list.`));
    }
  }
  return [...out, ...values(meta, loc)];
}
