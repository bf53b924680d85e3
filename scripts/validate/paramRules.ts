/** Instance-parameter rules of demisto-sdk's IN family (IN1xx codes) that apply to a JavaScript integration. */
import { params, show, violation, type Violation, type YamlMap } from './types';

/** Options the parameter rules depend on. */
export interface ParamRuleOptions {
  /** The pack's support level; IN145 applies to `xsoar` packs only. */
  readonly packSupport?: string;
}

const STANDARD_DISPLAY: Readonly<Record<string, string>> = {
  insecure: 'Trust any certificate (not secure)',
  unsecure: 'Trust any certificate (not secure)',
  proxy: 'Use system proxy settings',
};

const CHECKBOX = 8;
const ENCRYPTED = 4;
const REQUIRED_CHECKBOX_ALLOWED = new Set(['insecure', 'unsecure', 'proxy', 'isFetch']);
const NO_DISPLAY_TYPES = new Set([17, 23]);
const NO_DISPLAY_NAMES = new Set(['feedExpirationPolicy', 'feedExpirationInterval']);

/** Whether a `hidden` value hides the param everywhere (a marketplace list hides it only in some). */
function isHidden(hidden: unknown): boolean {
  return hidden === true || hidden === 'true';
}

/** IN100: insecure/unsecure/proxy have the standard display, type 8, no `required`, default false. */
function in100(p: YamlMap, loc: string): Violation[] {
  const expected = typeof p.name === 'string' ? STANDARD_DISPLAY[p.name] : undefined;
  if (expected === undefined) return [];
  const out: Violation[] = [];
  if (p.display !== expected)
    out.push(violation('IN100', `${loc}.display`, `display must be "${expected}".`));
  if (p.type !== CHECKBOX) out.push(violation('IN100', `${loc}.type`, 'type must be 8 (checkbox).'));
  if (p.required === true) out.push(violation('IN100', `${loc}.required`, 'must not be required.'));
  const dv = p.defaultvalue;
  if (dv !== undefined && dv !== null && dv !== false && dv !== 'false' && dv !== '') {
    out.push(violation('IN100', `${loc}.defaultvalue`, 'default must be absent or false.'));
  }
  return out;
}

/** IN102, IN152: checkboxes are not required and default to the quoted strings 'true'/'false'. */
function checkbox(p: YamlMap, loc: string): Violation[] {
  if (p.type !== CHECKBOX) return [];
  const out: Violation[] = [];
  if (p.required === true && !REQUIRED_CHECKBOX_ALLOWED.has(String(p.name))) {
    out.push(violation('IN102', `${loc}.required`, 'a checkbox (type 8) parameter must not be required.'));
  }
  if (p.defaultvalue !== undefined && p.defaultvalue !== 'true' && p.defaultvalue !== 'false') {
    const got = show(p.defaultvalue);
    out.push(
      violation(
        'IN152',
        `${loc}.defaultvalue`,
        `checkbox default must be the string 'true' or 'false', got ${got}.`,
      ),
    );
  }
  return out;
}

/** IN118, IN135: visible params have a label; a display starts upper-case and has no underscore. */
function labels(p: YamlMap, loc: string): Violation[] {
  const out: Violation[] = [];
  const exempt = NO_DISPLAY_TYPES.has(p.type as number) || NO_DISPLAY_NAMES.has(String(p.name));
  if (!isHidden(p.hidden) && !exempt && !p.display && !p.displaypassword) {
    out.push(violation('IN118', loc, 'a visible parameter needs "display" or "displaypassword".'));
  }
  if (typeof p.display === 'string' && (/^[a-z]/.test(p.display) || p.display.includes('_'))) {
    const msg = `display ${show(p.display)} must not start with a lower-case letter or contain "_".`;
    out.push(violation('IN135', `${loc}.display`, msg));
  }
  return out;
}

/** IN153: a string default must not be a plain-http URL. */
function in153(p: YamlMap, loc: string): Violation[] {
  if (typeof p.defaultvalue === 'string' && p.defaultvalue.toLowerCase().startsWith('http:')) {
    return [
      violation('IN153', `${loc}.defaultvalue`, 'default value must not start with "http:"; use https.'),
    ];
  }
  return [];
}

/** IN145: packs supported by XSOAR expose secrets as type 9, never as visible type 4. */
function in145(p: YamlMap, loc: string, options: ParamRuleOptions): Violation[] {
  if (options.packSupport !== 'xsoar' || p.type !== ENCRYPTED || isHidden(p.hidden)) return [];
  return [
    violation(
      'IN145',
      `${loc}.type`,
      'a visible type 4 parameter is not allowed in an xsoar-supported pack; use type 9.',
    ),
  ];
}

/** All parameter rules, including IN114 (unique names). */
export function checkParams(doc: YamlMap, options: ParamRuleOptions = {}): Violation[] {
  const out: Violation[] = [];
  const seen = new Set<unknown>();
  for (const { item, loc } of params(doc)) {
    if (seen.has(item.name))
      out.push(violation('IN114', loc, `duplicate parameter name ${show(item.name)}.`));
    seen.add(item.name);
    out.push(...in100(item, loc), ...checkbox(item, loc), ...labels(item, loc), ...in153(item, loc));
    out.push(...in145(item, loc, options));
  }
  return out;
}
