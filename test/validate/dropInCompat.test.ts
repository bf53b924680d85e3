/**
 * The YAML stays a drop-in replacement for the official Python integration: the expected parameters
 * and commands (upstreamYaml.ts) are typed in from the official integration's YAML, not read from ours.
 */
import * as yaml from 'js-yaml';
import { REAL_YAML } from './helpers';
import { UPSTREAM_ADDITIONAL_INFO, UPSTREAM_COMMANDS, UPSTREAM_PARAMS } from './upstreamYaml';

interface Param {
  name: string;
  type: number;
  required?: boolean;
  hidden?: boolean;
  hiddenusername?: boolean;
  display?: string;
  displaypassword?: string;
  additionalinfo?: string;
  defaultvalue?: unknown;
  section?: string;
  advanced?: boolean;
  options?: string[];
}
interface Command {
  name: string;
  description: string;
  execution?: boolean;
  arguments?: Array<{ name: string; required?: boolean; description: string }>;
  outputs?: Array<{ contextPath: string; type?: string; description: string }>;
}
interface Doc {
  configuration: Param[];
  script: { type: string; commands: Command[] } & Record<string, unknown>;
  [key: string]: unknown;
}

const doc = yaml.load(REAL_YAML) as Doc;
const param = (name: string) => doc.configuration.find((p) => p.name === name);
const command = (name: string) => doc.script.commands.find((c) => c.name === name);

describe('drop-in compatibility of the integration YAML with the official integration', () => {
  it('keeps the identity fields XSOAR matches an instance by', () => {
    expect(doc.commonfields).toEqual({ id: 'Microsoft Graph Calendar', version: -1 });
    expect(doc.name).toBe('Microsoft Graph Calendar');
    expect(doc.display).toBe('O365 Outlook Calendar');
    expect(doc.category).toBe('IT Services');
    expect(doc.description).toBe(
      'O365 Outlook Calendar enables you to create and manage different calendars and events according to your requirements.',
    );
  });

  it('is a JavaScript integration for XSOAR 6.2+ without docker settings', () => {
    expect(doc.script.type).toBe('javascript');
    expect(doc.script.script).toBe('-');
    expect(doc.script.runonce).toBe(false);
    expect(doc.script).not.toHaveProperty('subtype');
    expect(doc.script).not.toHaveProperty('dockerimage');
    expect(doc.fromversion).toBe('6.2.0');
    expect(doc.tests).toEqual(['No tests']);
    expect(REAL_YAML).toContain("fromversion: '6.2.0'");
  });

  it.each(UPSTREAM_PARAMS)(
    'keeps parameter %s with type %i and its hidden flags and label',
    (name, type, hidden, hiddenUser, field, label) => {
      const p = param(name);
      expect(p).toBeDefined();
      expect(p?.type).toBe(type);
      expect(p?.hidden === true).toBe(hidden);
      expect(p?.hiddenusername === true).toBe(hiddenUser);
      expect(p?.[field]).toBe(label);
      expect(p?.required === true).toBe(name === 'url');
      expect(p?.additionalinfo === undefined).toBe(
        !(name in UPSTREAM_ADDITIONAL_INFO) && name !== 'url' && name !== 'default_user',
      );
      if (name in UPSTREAM_ADDITIONAL_INFO) expect(p?.additionalinfo).toBe(UPSTREAM_ADDITIONAL_INFO[name]);
    },
  );

  it('keeps the Graph URL default and adds only azure_cloud and azure_ad_endpoint as new parameters', () => {
    expect(param('url')?.defaultvalue).toBe('https://graph.microsoft.com');
    const upstreamNames = new Set(UPSTREAM_PARAMS.map(([name]) => name));
    expect(doc.configuration.map((p) => p.name).filter((n) => !upstreamNames.has(n))).toEqual([
      'azure_cloud',
      'azure_ad_endpoint',
    ]);
    expect(param('azure_cloud')).toMatchObject({
      type: 15,
      defaultvalue: 'Worldwide',
      options: ['Worldwide', 'US GCC', 'US GCC-High', 'DoD', 'Germany', 'China', 'Custom'],
      advanced: true,
    });
    expect(param('azure_ad_endpoint')).toMatchObject({
      type: 0,
      display: 'Azure AD endpoint',
      advanced: true,
    });
    expect(param('azure_ad_endpoint')?.additionalinfo).toContain('Custom');
  });

  it('puts connection settings in Connect, default_user in Collect, and insecure/proxy under advanced', () => {
    expect(doc.sectionorder).toEqual(['Connect', 'Collect']);
    for (const p of doc.configuration)
      expect([p.name, p.section]).toEqual([p.name, p.name === 'default_user' ? 'Collect' : 'Connect']);
    const advanced = doc.configuration.filter((p) => p.advanced === true).map((p) => p.name);
    expect(advanced.sort()).toEqual(['azure_ad_endpoint', 'azure_cloud', 'insecure', 'proxy']);
  });

  it('declares exactly the upstream commands, in order', () => {
    expect(doc.script.commands.map((c) => c.name)).toEqual(UPSTREAM_COMMANDS.map(([name]) => name));
  });

  it.each(UPSTREAM_COMMANDS)(
    '%s keeps the upstream arguments in order with their required flags',
    (name, upstream, added) => {
      const args = command(name)?.arguments ?? [];
      const expected = [...upstream, ...added].map((a) => [a.replace('*', ''), a.endsWith('*')]);
      expect(args.map((a) => [a.name, a.required === true])).toEqual(expected);
    },
  );

  it.each(UPSTREAM_COMMANDS)(
    '%s declares the expected context outputs and types',
    (name, _args, _added, outputs) => {
      expect((command(name)?.outputs ?? []).map((o) => [o.contextPath, o.type])).toEqual(outputs);
    },
  );

  it('describes the new limit argument and fixes the delete-event description', () => {
    for (const name of ['msgraph-calendar-list-calendars', 'msgraph-calendar-list-events']) {
      expect(command(name)?.arguments?.find((a) => a.name === 'limit')?.description).toBe(
        'The maximum number of items to return; next links are followed until this many items are collected. Maximum 10000.',
      );
    }
    expect(command('msgraph-calendar-delete-event')?.description).toBe('Deletes an existing event.');
  });

  it('keeps auth-reset as a non-execution command with an empty argument list and no outputs', () => {
    expect(command('msgraph-calendar-auth-reset')).toEqual({
      name: 'msgraph-calendar-auth-reset',
      description: 'Run this command if for some reason you need to rerun the authentication process.',
      execution: false,
      arguments: [],
    });
  });
});
