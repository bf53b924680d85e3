import * as yaml from 'js-yaml';
import { createSchemaChecker } from '../../scripts/validate';
import { found } from './helpers';

/** A small schema in the conventions of integration.schema.json, to test the error mapping alone. */
const check = createSchemaChecker({
  type: 'object',
  required: ['title', 'kind'],
  properties: {
    title: { type: 'string' },
    count: { type: ['integer', 'null'] },
    flag: { type: ['boolean', 'null'] },
    kind: { type: 'string', enum: ['a', 'b'] },
    free: {},
    items: { type: ['array', 'null'], items: { $ref: '#/definitions/item' } },
  },
  patternProperties: { '^title:(x|y)$': { type: ['string', 'null'] } },
  additionalProperties: false,
  definitions: {
    item: {
      type: ['object', 'null'],
      required: ['name', 'size'],
      properties: { name: { type: 'string' }, size: { type: 'integer' }, tag: { type: ['string', 'null'] } },
      additionalProperties: false,
    },
  },
});

function run(text: string): string[] {
  return found(check(yaml.load(text)));
}

describe('the JSON Schema checker', () => {
  it('accepts a conforming document, nulls on optional keys and marketplace-suffixed keys', () => {
    expect(run('title: t\nkind: a\ncount: 3\nflag: false\nfree: [1, {x: 2}]\n')).toEqual([]);
    expect(
      run('title: t\nkind: b\ncount:\ntitle:x: other\nitems:\n- {name: n, size: 1, tag: ~}\n- ~\n'),
    ).toEqual([]);
  });

  it('reports missing required keys as ST109 at the root and ST107 below it, in schema key order', () => {
    expect(run('count: 1\n')).toEqual(['ST109 <root>', 'ST109 <root>']);
    const v = check(yaml.load('title: t\nkind: a\nitems:\n- {tag: x}\n'));
    expect(found(v)).toEqual(['ST107 items[0]', 'ST107 items[0]']);
    expect(v.map((x) => x.message)).toEqual([
      'required key "name" is missing or has no value.',
      'required key "size" is missing or has no value.',
    ]);
  });

  it('treats a required key written with no value as missing, not as a type error', () => {
    expect(run('title:\nkind: a\n')).toEqual(['ST109 <root>']);
    const v = check(yaml.load('title: t\nkind: a\nitems:\n- {name: n, size: ~}\n'));
    expect(found(v)).toEqual(['ST107 items[n]']);
    expect(v[0].message).toBe('required key "size" is missing or has no value.');
  });

  it('reports keys the schema does not define as ST108, also inside referenced definitions', () => {
    const v = check(yaml.load('title: t\nkind: a\nitems:\n- {name: n, size: 1, colour: red}\ntitle:z: s\n'));
    expect(found(v)).toEqual(['ST108 items[n].colour', 'ST108 title:z']);
    expect(v[0].message).toBe('key "colour" is not defined in the schema.');
  });

  it('reports a wrong type as ST110, naming the value and the expected type in YAML words', () => {
    const v = check(yaml.load("title: 5\nkind: a\ncount: 1.5\nflag: 'yes'\nitems: {a: 1}\n"));
    expect(found(v)).toEqual(['ST110 title', 'ST110 count', 'ST110 flag', 'ST110 items']);
    expect(v.map((x) => x.message)).toEqual([
      'value 5 is not of type "string".',
      'value 1.5 is not of type "integer".',
      'value "yes" is not of type "boolean".',
      'value {"a":1} is not of type "list".',
    ]);
  });

  it('reports a value outside the allowed set as ST112, and a wrong type there only as ST110', () => {
    const v = check(yaml.load('title: t\nkind: c\n'));
    expect(found(v)).toEqual(['ST112 kind']);
    expect(v[0].message).toBe('value "c" is not one of the allowed values: "a", "b".');
    expect(run('title: t\nkind: 7\n')).toEqual(['ST110 kind']);
  });

  it('rejects an unquoted YAML timestamp where a string or a mapping is expected', () => {
    const v = check(yaml.load('title: 2020-01-02\nkind: a\nitems:\n- 2020-01-03\n'));
    expect(found(v)).toEqual(['ST110 title', 'ST110 items[0]']);
    expect(v[0].message).toBe('value 2020-01-02T00:00:00.000Z is not of type "string".');
    expect(v[1].message).toBe('value 2020-01-03T00:00:00.000Z is not of type "mapping".');
  });

  it('lists findings in document order, each mapping missing keys before its children', () => {
    const text = 'items:\n- {name: b, size: x}\n- {size: 2, extra: 1}\nkind: z\nflag: 1\n';
    expect(run(text)).toEqual([
      'ST109 <root>',
      'ST110 items[b].size',
      'ST107 items[1]',
      'ST108 items[1].extra',
      'ST112 kind',
      'ST110 flag',
    ]);
  });

  it('keeps a YAML key named __proto__ as a plain key, reported as undefined', () => {
    expect(run('title: t\nkind: a\n__proto__: {kind: b}\n')).toEqual(['ST108 __proto__']);
  });

  it('refuses to compile a schema with an unknown keyword', () => {
    expect(() => createSchemaChecker({ type: 'object', propertees: {} })).toThrow(/unknown keyword/);
  });
});
