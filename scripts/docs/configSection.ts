/** The "Configure <display> in Cortex" section: one table row per visible instance parameter. */
import type { IntegrationDoc, YamlParam } from './integrationYaml';
import { escapeMd, table } from './markdown';

/** XSOAR parameter type of credentials (a username and a password field). */
const CREDENTIALS = 9;

/**
 * demisto-sdk's default_additional_information.json, keyed by parameter name (case-insensitive):
 * the description shown for well-known parameters that have no `additionalinfo`.
 */
const DEFAULT_INFO: Readonly<Record<string, string>> = {
  'api key': 'The API Key to use for connection.',
  'fetch incidents': 'If set to true this integration instance will pull incidents.',
  'incident type': 'The incident default type to create.',
  'source reliability': 'Reliability of the source providing the intelligence data.',
  proxy: 'Use system proxy settings.',
  insecure: 'Trust any certificate (not secure).',
};

interface Row {
  readonly parameter: string;
  readonly description: string;
  readonly required: boolean;
}

function describe(param: YamlParam): string {
  return escapeMd(param.additionalinfo || DEFAULT_INFO[param.name.toLowerCase()] || '');
}

/** A credentials parameter shows a username row (unless hidden) and a password row. */
function credentialRows(param: YamlParam): Row[] {
  const rows: Row[] = [];
  const username = param.hiddenusername ? undefined : param.display;
  if (username) rows.push({ parameter: username, description: describe(param), required: param.required });
  rows.push({
    parameter: param.displaypassword ?? 'Password',
    // The description goes on the first row shown.
    description: username ? '' : describe(param),
    required: param.required,
  });
  return rows;
}

function rowsOf(param: YamlParam): Row[] {
  if (param.type === CREDENTIALS) return credentialRows(param);
  return [{ parameter: param.display ?? param.name, description: describe(param), required: param.required }];
}

/** Renders the configuration section (heading, table, trailing blank line). */
export function renderConfigureSection(doc: IntegrationDoc): string[] {
  const rows = doc.configuration.filter((p) => !p.hidden).flatMap(rowsOf);
  // demisto-sdk drops the Description column when no parameter has one.
  const withDescription = rows.some((r) => r.description !== '');
  const headers = withDescription ? ['Parameter', 'Description', 'Required'] : ['Parameter', 'Required'];
  const cells = rows.map((r) => {
    const required = r.required ? 'True' : 'False';
    return withDescription ? [r.parameter, r.description, required] : [r.parameter, required];
  });
  return [`## Configure ${doc.display} in Cortex`, '', ...table(headers, cells), ''];
}
