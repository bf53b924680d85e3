import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { checkIntegrationSchema } from '../../scripts/validate';
import { found, REAL_YAML, ROOT } from './helpers';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SCHEMA_PATH = path.join(ROOT, 'scripts', 'validate', 'integration.schema.json');
const GET_EVENT = 'script.commands[msgraph-calendar-get-event]';

/** The findings of the schema alone on a changed copy of the real integration YAML. */
function after(change: (doc: Doc) => void): string[] {
  const doc = yaml.load(REAL_YAML) as Doc;
  change(doc);
  return found(checkIntegrationSchema(doc));
}

const getEvent = (doc: Doc): Doc => doc.script.commands[3];
const param = (doc: Doc, name: string): Doc => doc.configuration.find((p: Doc) => p.name === name);

describe('integration.schema.json on the real integration YAML', () => {
  it('finds nothing to report', () => {
    expect(after(() => {})).toEqual([]);
  });

  it('reports a wrong type as ST110 at every level', () => {
    expect(
      after((doc) => {
        doc.commonfields.version = '-1';
        param(doc, 'proxy').type = '8';
        doc.script.runonce = 'no';
        getEvent(doc).arguments[0].required = 'false';
        doc.tests = 'No tests';
      }),
    ).toEqual([
      'ST110 commonfields.version',
      'ST110 configuration[proxy].type',
      'ST110 script.runonce',
      `ST110 ${GET_EVENT}.arguments[user].required`,
      'ST110 tests',
    ]);
  });

  it('reports a missing required key as ST109 at the root and ST107 below it', () => {
    expect(
      after((doc) => {
        delete doc.category;
        delete doc.script.type;
        delete param(doc, 'url').type;
        delete getEvent(doc).description;
        delete getEvent(doc).outputs[0].description;
      }),
    ).toEqual([
      'ST109 <root>',
      'ST107 configuration[url]',
      'ST107 script',
      `ST107 ${GET_EVENT}`,
      `ST107 ${GET_EVENT}.outputs[MSGraphCalendar.Event.OriginalStartTimeZone]`,
    ]);
  });

  it('reports a value outside the allowed set as ST112', () => {
    expect(
      after((doc) => {
        doc.script.type = 'typescript';
        doc.marketplaces = ['xsoar', 'moon'];
        doc.supportlevelheader = 'gold';
        getEvent(doc).arguments[0].auto = 'FREE';
      }),
    ).toEqual([
      'ST112 script.type',
      `ST112 ${GET_EVENT}.arguments[user].auto`,
      'ST112 marketplaces[1]',
      'ST112 supportlevelheader',
    ]);
  });

  it('reports keys the format does not define as ST108, in every closed mapping', () => {
    expect(
      after((doc) => {
        doc.commonfields.owner = 'me';
        param(doc, 'url').colour = 'blue';
        getEvent(doc).arguments[1].mandatory = true;
        getEvent(doc).outputs[0].unit = 'ms';
        doc.script.language = 'js';
        doc.owner = 'me';
      }),
    ).toEqual([
      'ST108 commonfields.owner',
      'ST108 configuration[url].colour',
      `ST108 ${GET_EVENT}.arguments[event_id].mandatory`,
      `ST108 ${GET_EVENT}.outputs[MSGraphCalendar.Event.OriginalStartTimeZone].unit`,
      'ST108 script.language',
      'ST108 owner',
    ]);
  });

  it('accepts marketplace-suffixed keys only for the known marketplaces and overridable keys', () => {
    expect(
      after((doc) => {
        doc['name:xsoar'] = 'Calendar';
        doc.commonfields['id:marketplacev2'] = 'Calendar';
        param(doc, 'url')['defaultvalue:xsoar_saas'] = 'https://graph.microsoft.us';
        getEvent(doc)['deprecated:xpanse'] = true;
      }),
    ).toEqual([]);
    expect(
      after((doc) => {
        doc['name:moon'] = 'Calendar';
        doc['category:xsoar'] = 'Email';
      }),
    ).toEqual(['ST108 name:moon', 'ST108 category:xsoar']);
  });

  it('accepts optional keys written with no value (the strict null rule reports them separately)', () => {
    expect(
      after((doc) => {
        param(doc, 'url').additionalinfo = null;
        getEvent(doc).arguments = null;
        doc.tests = [null];
      }),
    ).toEqual([]);
    expect(after((doc) => (doc.script.script = null))).toEqual(['ST107 script']);
  });

  it('checks triggers, important outputs and display names of predefined values', () => {
    expect(
      after((doc) => {
        doc.triggers = [
          {
            conditions: [{ name: 'self_deployed', operator: 'equals' }],
            effects: [{ action: { hidden: 1 } }],
          },
        ];
        getEvent(doc).important = [{ description: 'The event.' }];
        getEvent(doc).arguments[0].prettypredefined = { me: 'Myself', other: 2 };
      }),
    ).toEqual([
      `ST110 ${GET_EVENT}.arguments[user].prettypredefined.other`,
      `ST107 ${GET_EVENT}.important[0]`,
      'ST112 triggers[0].conditions[self_deployed].operator',
      'ST107 triggers[0].effects[0]',
      'ST110 triggers[0].effects[0].action.hidden',
    ]);
  });
});

describe('integration.schema.json itself', () => {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as Doc;

  function objectSchemas(node: unknown, at: string, out: Array<[string, Doc]>): Array<[string, Doc]> {
    if (typeof node !== 'object' || node === null) return out;
    const map = node as Doc;
    if (map.properties) out.push([at, map]);
    for (const [key, value] of Object.entries(map)) objectSchemas(value, `${at}/${key}`, out);
    return out;
  }

  it('closes every mapping, as the format rejects unknown keys', () => {
    const open = objectSchemas(schema, '#', []).filter(([, s]) => s.additionalProperties !== false);
    expect(open.map(([at]) => at)).toEqual([]);
  });

  it('gives every required key an inline type that refuses null, so that no value reads as missing', () => {
    for (const [at, s] of objectSchemas(schema, '#', [])) {
      for (const key of s.required ?? []) {
        expect([at, key, s.properties[key]?.type]).toEqual([at, key, expect.any(String)]);
      }
    }
  });

  it('refers only to its own definitions', () => {
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.filter((r) => !r.startsWith('"$ref":"#/definitions/'))).toEqual([]);
  });
});
