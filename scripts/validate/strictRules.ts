/**
 * Rules of demisto-sdk's default ("strict", pydantic) flow that integration.schema.json does not
 * express: no explicit nulls outside an allow-list, no legacy `*_x2`/`dockerimage45` keys, the
 * `sectionorder` enum and size, and a listed `section` on every parameter (ST110/ST111).
 */
import { asList, asMap, itemLabel, params, show, violation, type Violation, type YamlMap } from './types';

/**
 * Keys the strict models allow to be present with a null value; any other key written with no value
 * (`arguments:` with nothing after it) is rejected.
 */
export const NULL_ALLOWED_KEYS: ReadonlySet<string> = new Set([
  'defaultvalue',
  'defaultValue',
  'default',
  'additionalinfo',
  'display',
  'description',
  'detaileddescription',
  'image',
  'defaultclassifier',
  'outputs',
  'predefined',
  'sortvalues',
]);

/** The values `sectionorder` may hold. */
export const SECTION_NAMES: readonly string[] = [
  'Connect',
  'Collect',
  'Optimize',
  'Mirroring',
  'Result',
  'Agentic Assistant',
];

/** Explicit nulls and keys the strict models reject, anywhere in the document. */
export function checkStrictKeys(doc: YamlMap): Violation[] {
  const out: Violation[] = [];
  walk(doc, '', out);
  return out;
}

function walk(node: unknown, path: string, out: Violation[]): void {
  const map = asMap(node);
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, `${path}[${itemLabel(asMap(item), index)}]`, out));
  }
  if (!map) return;
  for (const [key, value] of Object.entries(map)) {
    const childPath = path ? `${path}.${key}` : key;
    // The strict models know marketplace overrides (`name:xsoar`) under the base key's rules.
    const baseKey = key.split(':')[0];
    if (value === null && !NULL_ALLOWED_KEYS.has(baseKey)) {
      out.push(
        violation('ST110', childPath, 'explicit null is not allowed; remove the key or give it a value.'),
      );
    }
    if (baseKey.endsWith('_x2') || baseKey === 'dockerimage45') {
      out.push(violation('ST110', childPath, `legacy key "${key}" is rejected by the strict schema.`));
    }
    walk(value, childPath, out);
  }
}

/** `sectionorder` exists in lower case with 1-6 known values, and every param has a listed `section`. */
export function checkSections(doc: YamlMap): Violation[] {
  const out: Violation[] = [];
  if (doc.sectionorder === undefined) {
    const hint = doc.sectionOrder !== undefined ? ' (camelCase "sectionOrder" is not accepted)' : '';
    out.push(violation('ST111', 'sectionorder', `top-level "sectionorder" is missing${hint}.`));
  }
  const order = asList(doc.sectionorder);
  if (doc.sectionorder !== undefined && (order.length < 1 || order.length > SECTION_NAMES.length)) {
    out.push(violation('ST110', 'sectionorder', `must list 1 to ${SECTION_NAMES.length} sections.`));
  }
  order.forEach((name, index) => {
    if (typeof name !== 'string' || !SECTION_NAMES.includes(name)) {
      const allowed = SECTION_NAMES.join(', ');
      out.push(violation('ST110', `sectionorder[${index}]`, `${show(name)} is not one of: ${allowed}.`));
    }
  });
  for (const { item, loc } of params(doc)) {
    if (item.section === undefined || item.section === null || item.section === '') {
      out.push(violation('ST111', loc, 'parameter has no "section".'));
    } else if (!order.includes(item.section)) {
      out.push(
        violation('ST111', `${loc}.section`, `section ${show(item.section)} is not listed in sectionorder.`),
      );
    }
  }
  return out;
}

/** `supportlevelheader`, if present, must be `xsoar`: the only value both schemas accept. */
export function checkSupportLevelHeader(doc: YamlMap): Violation[] {
  const value = doc.supportlevelheader;
  if (value === undefined || value === 'xsoar') return [];
  return [
    violation('ST110', 'supportlevelheader', `${show(value)} is not accepted by both flows; use "xsoar".`),
  ];
}
