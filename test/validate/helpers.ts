/** Shared helpers of the validator tests: the real YAML text and exact, checked text mutations. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Violation } from '../../scripts/validate';

export const ROOT = path.resolve(__dirname, '..', '..');
export const YML_PATH = path.join(
  ROOT,
  'Integrations',
  'MicrosoftGraphCalendar',
  'MicrosoftGraphCalendar.yml',
);
export const REAL_YAML = fs.readFileSync(YML_PATH, 'utf8');

/** Replaces the first occurrence of `from`; throws when it is absent so a stale fixture cannot pass silently. */
export function mutate(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`fixture text not found: ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** `CODE location` strings, for readable assertions. */
export function found(violations: readonly Violation[]): string[] {
  return violations.map((v) => `${v.code} ${v.location}`);
}

/** The distinct codes, sorted. */
export function codes(violations: readonly Violation[]): string[] {
  return [...new Set(violations.map((v) => v.code))].sort();
}
