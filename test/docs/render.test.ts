import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderCommand, type CommandExample } from '../../scripts/docs/commandSection';
import { renderConfigureSection } from '../../scripts/docs/configSection';
import { loadHandWritten, renderHandWritten, HAND_WRITTEN_SECTIONS } from '../../scripts/docs/handWritten';
import { parseIntegrationYaml } from '../../scripts/docs/integrationYaml';
import { disableAutolinks, escapeMd } from '../../scripts/docs/markdown';
import { renderReadme } from '../../scripts/docs/renderReadme';

const YAML = `
name: Demo
display: Demo Display
description: The demo integration.
configuration:
- {display: Server URL, name: url, type: 0, required: true}
- {display: Old ID, name: auth_id, type: 4, hidden: true}
- {displaypassword: API Key, name: credentials_key, type: 9, hiddenusername: true, additionalinfo: The key.}
- {display: Username, displaypassword: Password, name: credentials, type: 9, additionalinfo: Login.}
- {display: Trust any certificate (not secure), name: insecure, type: 8}
- {display: Only on v2, name: mp, type: 0, hidden: [xsoar]}
script:
  commands:
  - name: demo-list
    description: Lists.
    arguments:
    - {name: sort, description: The order, predefined: [asc, desc], defaultValue: asc}
    - {name: secret_arg, description: Hidden., hidden: true}
    - {name: q, description: 'A query | with a pipe.', required: true}
  - name: demo-empty
    description: No arguments key.
  - name: demo-empty-list
    description: Empty arguments list.
    arguments: []
`;
const doc = parseIntegrationYaml(YAML);

describe('configure section', () => {
  const lines = renderConfigureSection(doc);

  it('skips hidden parameters and shows credentials by their visible labels', () => {
    expect(lines).toEqual([
      '## Configure Demo Display in Cortex',
      '',
      '| **Parameter** | **Description** | **Required** |',
      '| --- | --- | --- |',
      '| Server URL |  | True |',
      '| API Key | The key. | False |',
      '| Username | Login. | False |',
      '| Password |  | False |',
      '| Trust any certificate (not secure) | Trust any certificate \\(not secure\\). | False |',
      '',
    ]);
  });

  it('drops the Description column when no parameter has a description', () => {
    const bare = parseIntegrationYaml(
      YAML.replace(/additionalinfo: [^,}]+/g, 'x: y').replace('name: insecure', 'name: flag'),
    );
    expect(renderConfigureSection(bare).slice(2, 5)).toEqual([
      '| **Parameter** | **Required** |',
      '| --- | --- |',
      '| Server URL | True |',
    ]);
  });
});

describe('command section', () => {
  const [list, empty, emptyList] = doc.commands;

  it('lists visible arguments with a final period, possible values, default and escaped pipes', () => {
    expect(renderCommand(list).slice(0, 16)).toEqual([
      '### demo-list',
      '',
      '***',
      'Lists.',
      '',
      '#### Base Command',
      '',
      '`demo-list`',
      '',
      '#### Input',
      '',
      '| **Argument Name** | **Description** | **Required** |',
      '| --- | --- | --- |',
      '| sort | The order. Possible values are: asc, desc. Default is asc. | Optional |',
      '| q | A query \\| with a pipe. | Required |',
      '',
    ]);
  });

  it('says there are no arguments or outputs when the command has none', () => {
    for (const command of [empty, emptyList]) {
      const text = renderCommand(command).join('\n');
      expect(text).toContain('#### Input\n\nThere are no input arguments for this command.\n');
      expect(text).toContain('#### Context Output\n\nThere is no context output for this command.\n');
    }
  });

  it('renders an example: command line, context JSON (4 spaces) and the War Room text quoted', () => {
    const example: CommandExample = {
      line: '!demo-list q=x',
      context: { Demo: { ID: 'a' } },
      humanReadable: '### Title\n|A|\n|---|\n| see https://example.com/x |\n',
    };
    const text = renderCommand(list, [example]).join('\n');
    expect(text).toContain(
      [
        '#### Command example',
        '```!demo-list q=x```',
        '#### Context Example',
        '```json',
        '{\n    "Demo": {\n        "ID": "a"\n    }\n}',
        '```',
        '',
        '#### Human Readable Output',
        '',
        '>### Title',
        '>|A|',
        '>|---|',
        '>| see https:<span>//</span>example.com/x |',
        '',
      ].join('\n'),
    );
  });

  it('leaves out the Context Example when the run wrote no context', () => {
    const text = renderCommand(empty, [{ line: '!demo-empty', context: {}, humanReadable: 'Done.' }]).join(
      '\n',
    );
    expect(text).not.toContain('#### Context Example');
    expect(text).toContain('#### Human Readable Output\n\n>Done.\n');
  });
});

describe('markdown escaping', () => {
  it('escapes markdown specials, HTML, line breaks, a leading dash and _emphasis_', () => {
    expect(escapeMd('- a <b> & *c* (d) _e_ #1\nnext')).toBe(
      '\\- a &lt;b&gt; &amp; \\*c\\* \\(d\\) \\_e\\_ \\#1<br/>next',
    );
    expect(escapeMd('a | (b) <c>', { minimal: true })).toBe('a \\| (b) &lt;c&gt;');
  });

  it('keeps explicit markdown links live but stops bare URLs from auto-linking', () => {
    expect(disableAutolinks('[x](https://a.com) and https://b.com/p')).toBe(
      '[x](https://a.com) and https:<span>//</span>b.com/p',
    );
  });
});

describe('hand-written sections and the whole README', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-test-'));
    fs.mkdirSync(path.join(root, 'docs', 'integration-readme'), { recursive: true });
    for (const section of HAND_WRITTEN_SECTIONS)
      fs.writeFileSync(path.join(root, section.source), `Text of ${section.id}.\n\n\n`);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('places the description, Authentication, Configure, Commands, Differences and Troubleshooting in order', async () => {
    const handWritten = await loadHandWritten(root);
    expect(renderHandWritten('differences', handWritten)).toEqual([
      '## Differences from the Python integration',
      '',
      'Text of differences.',
      '',
    ]);
    const text = renderReadme({ doc, examples: new Map(), handWritten });
    const headings = text.split('\n').filter((l) => /^## /.test(l));
    expect(text.startsWith('The demo integration.\n\n## Authentication\n\nText of authentication.\n\n')).toBe(
      true,
    );
    expect(headings).toEqual([
      '## Authentication',
      '## Configure Demo Display in Cortex',
      '## Commands',
      '## Differences from the Python integration',
      '## Troubleshooting',
    ]);
    expect(text.endsWith('Text of troubleshooting.\n')).toBe(true);
  });

  it('names a missing or empty section source', async () => {
    fs.writeFileSync(path.join(root, 'docs/integration-readme/differences.md'), '  \n');
    await expect(loadHandWritten(root)).rejects.toThrow('docs/integration-readme/differences.md is empty.');
    fs.rmSync(path.join(root, 'docs/integration-readme/troubleshooting.md'));
    await expect(loadHandWritten(root)).rejects.toThrow(
      'docs/integration-readme/troubleshooting.md is missing.',
    );
  });
});
