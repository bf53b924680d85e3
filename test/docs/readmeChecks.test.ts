import { renderCommandsSection } from '../../scripts/docs/commandSection';
import { parseIntegrationYaml } from '../../scripts/docs/integrationYaml';
import { checkReadme } from '../../scripts/docs/readmeChecks';

const YAML = `
name: Demo
display: Demo
description: A demo.
configuration: []
script:
  type: javascript
  commands:
  - name: demo-get
    description: Gets things.
    arguments:
    - name: id
      description: The id.
    outputs:
    - contextPath: Demo.Thing.ID
      type: String
      description: 'The id | with a pipe, (parentheses), <tags> & _emphasis_ markers.'
    - contextPath: Demo.Thing.Raw
      description: No type given.
  - name: demo-reset
    description: Resets.
  - name: demo-old
    description: Old.
    deprecated: true
  - name: demo-hidden
    description: Hidden.
    hidden: true
`;
const doc = parseIntegrationYaml(YAML);
const readme = renderCommandsSection(doc, new Map()).join('\n');

describe('checkReadme', () => {
  it('accepts the generated section, including escaped descriptions and untyped outputs', () => {
    expect(readme).toContain('| Demo.Thing.Raw | unknown | No type given. |');
    expect(readme).toContain(
      '\\| with a pipe, \\(parentheses\\), &lt;tags&gt; &amp; \\_emphasis\\_ markers.',
    );
    expect(checkReadme(doc, readme)).toEqual([]);
  });

  it('does not require deprecated or hidden commands', () => {
    expect(readme).not.toContain('demo-old');
    expect(readme).not.toContain('demo-hidden');
  });

  it('reports a visible command without a section as RM110', () => {
    const without = readme.replace('### demo-reset', '### something-else');
    expect(checkReadme(doc, without)).toEqual([
      { code: 'RM110', command: 'demo-reset', message: 'the command is not documented in the README' },
    ]);
  });

  it('reports a missing, an extra, a retyped and a reworded context row as RM102', () => {
    const edited = readme
      .replace(
        /\| Demo\.Thing\.Raw \| unknown \| No type given\. \|\n/,
        '| Demo.Thing.Extra | String | Extra. |\n',
      )
      .replace('| Demo.Thing.ID | String |', '| Demo.Thing.ID | Number |');
    expect(checkReadme(doc, edited).map((v) => `${v.code} ${v.command}: ${v.message}`)).toEqual([
      'RM102 demo-get: Demo.Thing.ID has type Number in the README, String in the YAML',
      'RM102 demo-get: Demo.Thing.Raw is a YAML output missing from the README context table',
      'RM102 demo-get: Demo.Thing.Extra is in the README context table but not a YAML output',
    ]);
    const reworded = readme.replace('No type given.', 'Something else.');
    expect(checkReadme(doc, reworded)).toEqual([
      {
        code: 'RM102',
        command: 'demo-get',
        message: 'Demo.Thing.Raw has a different description in the README',
      },
    ]);
  });

  it('reports a command whose Context Output subsection is gone', () => {
    const cut = readme.replace(/(### demo-reset[\s\S]*?)#### Context Output[\s\S]*$/, '$1');
    expect(checkReadme(doc, cut)).toEqual([
      { code: 'RM102', command: 'demo-reset', message: 'the section has no Context Output' },
    ]);
  });
});
