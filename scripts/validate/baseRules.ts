/** Top-level identity rules: BA100, BA101, BA105, BA106, BA110, BA111, BA113, BA118, IN104, DS108. */
import { ds108Problem } from './descriptions';
import { asMap, show, violation, type Violation, type YamlMap } from './types';

/** The approved integration categories (demisto/content Config/approved_categories.json). */
export const APPROVED_CATEGORIES: readonly string[] = [
  'Analytics & SIEM',
  'Case Management',
  'Cloud Services',
  'Cloud Security',
  'Data Enrichment & Threat Intelligence',
  'Database',
  'Deception & Breach Simulation',
  'Endpoint',
  'Forensics & Malware Analysis',
  'IT Services',
  'Identity and Access Management',
  'Messaging and Conferencing',
  'Network Security',
  'Utilities',
  'Vulnerability Management',
  'Authentication & Identity Management',
  'Email',
  'Cloud Service Provider',
  'Code Repositories',
  'CI/CD',
];

const MIN_FROM_VERSION = '5.0.0';

/** The numeric parts of an `x.y.z` version, or undefined when it is not one. */
export function parseVersion(text: unknown): number[] | undefined {
  if (typeof text !== 'string' || !/^\d+\.\d+\.\d+$/.test(text)) return undefined;
  return text.split('.').map(Number);
}

/** Compares two parsed versions: negative, zero or positive. */
export function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function identity(doc: YamlMap): Violation[] {
  const out: Violation[] = [];
  const common = asMap(doc.commonfields) ?? {};
  if (common.version !== -1) out.push(violation('BA100', 'commonfields.version', 'version must be -1.'));
  if (common.id !== doc.name) out.push(violation('BA101', 'commonfields.id', 'id must equal name.'));
  if (typeof common.id === 'string' && common.id.includes('/')) {
    out.push(violation('BA105', 'commonfields.id', 'id must not contain "/".'));
  }
  return out;
}

function names(doc: YamlMap): Violation[] {
  const out: Violation[] = [];
  for (const key of ['name', 'display'] as const) {
    const value = doc[key];
    if (typeof value !== 'string') continue;
    if (/integration/i.test(value))
      out.push(violation('BA110', key, `${key} must not contain the word "integration".`));
    if (key === 'display' && /partner|community/i.test(value)) {
      out.push(violation('BA111', key, 'display must not contain "partner" or "community".'));
    }
    if (value !== value.trimEnd()) out.push(violation('BA113', key, `${key} must not end with spaces.`));
  }
  return out;
}

function versions(doc: YamlMap): Violation[] {
  const out: Violation[] = [];
  const from = parseVersion(doc.fromversion);
  if (!from || compareVersions(from, parseVersion(MIN_FROM_VERSION) ?? []) < 0) {
    const got = doc.fromversion === undefined ? 'missing' : show(doc.fromversion);
    out.push(
      violation('BA106', 'fromversion', `must be a quoted version >= ${MIN_FROM_VERSION}, got ${got}.`),
    );
  }
  const to = parseVersion(doc.toversion);
  if (doc.toversion !== undefined && (!to || (from && compareVersions(to, from) < 0))) {
    out.push(violation('BA118', 'toversion', 'toversion must be a version not lower than fromversion.'));
  }
  return out;
}

/** All top-level rules. */
export function checkBase(doc: YamlMap): Violation[] {
  const out = [...identity(doc), ...names(doc), ...versions(doc)];
  if (typeof doc.category === 'string' && !APPROVED_CATEGORIES.includes(doc.category)) {
    out.push(violation('IN104', 'category', `${show(doc.category)} is not an approved category.`));
  }
  const problem = ds108Problem(doc.description);
  if (problem) out.push(violation('DS108', 'description', problem));
  return out;
}
