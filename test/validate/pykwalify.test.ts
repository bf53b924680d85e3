import * as yaml from 'js-yaml';
import { checkSchema, compileSchema } from '../../scripts/validate/pykwalify';
import { found } from './helpers';

const SCHEMA = compileSchema(
  yaml.load(`
type: map
mapping:
  title: {type: str, required: true}
  count: {type: int}
  ratio: {type: number}
  flag: {type: bool}
  kind: {type: str, enum: [a, b]}
  free: {type: any}
  labels:
    type: map
    allowempty: true
    mapping:
      known: {type: int}
  extras:
    type: map
    mapping:
      "regex;(^x-)": {type: str}
  items:
    type: seq
    sequence:
    - include: item_schema
schema;item_schema:
  type: map
  mapping:
    name: {type: str, required: true}
    child: {include: child_schema}
schema;child_schema:
  type: map
  mapping:
    code: {type: str, pattern: '^[A-Z]+$'}
`),
);

function check(text: string): string[] {
  return found(checkSchema(yaml.load(text), SCHEMA));
}

describe('the pykwalify interpreter', () => {
  it('accepts a document that follows the schema, including nulls on optional keys', () => {
    expect(check('title: t\ncount: 3\nratio: 0.5\nflag: false\nkind: a\nfree: [1]\n')).toEqual([]);
    expect(check('title: t\ncount: ~\nitems:\n- name: n\n  child: {code: AB}\n')).toEqual([]);
  });

  it('reports a missing required key at the root as ST109 and inside an include as ST107', () => {
    expect(check('count: 1\n')).toEqual(['ST109 <root>']);
    expect(check('title: t\nitems:\n- child: {}\n')).toEqual(['ST107 items[0]']);
  });

  it('treats a required key with a null value as missing', () => {
    expect(check('title:\n')).toEqual(['ST109 <root>']);
  });

  it('rejects unknown keys in closed maps, also inside included partials', () => {
    expect(check('title: t\nitems:\n- name: n\n  extra: 1\n  child: {code: A, other: 2}\n')).toEqual([
      'ST108 items[n].extra',
      'ST108 items[n].child.other',
    ]);
  });

  it('allows any key under allowempty and matches regex keys', () => {
    expect(check('title: t\nlabels: {known: 1, anything: x}\nextras: {x-a: s}\n')).toEqual([]);
    expect(check('title: t\nlabels: {known: one}\nextras: {y: s}\n')).toEqual([
      'ST110 labels.known',
      'ST108 extras.y',
    ]);
  });

  it('reports type mismatches as ST110: a quoted number, a float for int, a string for bool, a map for a list', () => {
    expect(check("title: 5\ncount: 1.5\nflag: 'yes'\nitems: {a: 1}\n")).toEqual([
      'ST110 title',
      'ST110 count',
      'ST110 flag',
      'ST110 items',
    ]);
  });

  it('reports a value outside the enum as ST112 and a pattern mismatch as ST110', () => {
    expect(check('title: t\nkind: c\nitems:\n- name: n\n  child: {code: ab}\n')).toEqual([
      'ST112 kind',
      'ST110 items[n].child.code',
    ]);
  });

  it('fails loudly on a schema that includes an unknown partial or uses an unsupported type', () => {
    const missing = compileSchema(yaml.load('type: seq\nsequence:\n- include: nowhere\n'));
    expect(() => checkSchema([1], missing)).toThrow('Schema partial "nowhere" not found.');
    const odd = compileSchema(yaml.load('type: date\n'));
    expect(() => checkSchema('2020', odd)).toThrow('Unsupported pykwalify type "date"');
  });
});
