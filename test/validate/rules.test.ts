import { validateIntegration } from '../../scripts/validate';
import { codes, found, mutate, REAL_YAML } from './helpers';

describe('validateIntegration on the real integration YAML', () => {
  it('reports no violation', () => {
    expect(validateIntegration(REAL_YAML)).toEqual([]);
  });

  it('reports no violation for an xsoar-supported pack either, because every type 4 param is hidden', () => {
    expect(validateIntegration(REAL_YAML, { packSupport: 'xsoar' })).toEqual([]);
  });
});

describe('validateIntegration on broken copies of the real YAML', () => {
  const selfDeployed = '  name: self_deployed\n  type: 8\n';

  it('flags an unquoted checkbox default as IN152 and accepts the quoted string', () => {
    const bare = validateIntegration(
      mutate(REAL_YAML, selfDeployed, `${selfDeployed}  defaultvalue: true\n`),
    );
    expect(found(bare)).toEqual(['IN152 configuration[self_deployed].defaultvalue']);
    expect(bare[0].message).toContain("'true' or 'false'");
    const quoted = mutate(REAL_YAML, selfDeployed, `${selfDeployed}  defaultvalue: 'true'\n`);
    expect(validateIntegration(quoted)).toEqual([]);
  });

  it('flags a display that starts in lower case as IN135', () => {
    const v = validateIntegration(mutate(REAL_YAML, 'display: Default user', 'display: default user'));
    expect(found(v)).toEqual(['IN135 configuration[default_user].display']);
  });

  it('flags a display with an underscore as IN135', () => {
    const v = validateIntegration(mutate(REAL_YAML, 'display: Default user', 'display: Default_user'));
    expect(codes(v)).toEqual(['IN135']);
  });

  it('flags a parameter without a section as ST111', () => {
    const v = validateIntegration(mutate(REAL_YAML, '  section: Collect\n', ''));
    expect(found(v)).toEqual(['ST111 configuration[default_user]']);
  });

  it('flags a section that is not listed in sectionorder as ST111', () => {
    const v = validateIntegration(mutate(REAL_YAML, '  section: Collect\n', '  section: Result\n'));
    expect(found(v)).toEqual(['ST111 configuration[default_user].section']);
  });

  it('flags a missing, camelCase or unknown sectionorder', () => {
    const without = mutate(REAL_YAML, 'sectionorder:\n- Connect\n- Collect\n', '');
    expect(found(validateIntegration(without))).toContain('ST111 sectionorder');
    const camel = mutate(REAL_YAML, 'sectionorder:', 'sectionOrder:');
    expect(validateIntegration(camel).find((v) => v.location === 'sectionorder')?.message).toContain(
      'camelCase',
    );
    const unknown = mutate(REAL_YAML, '- Collect\n', '- Collect\n- Dashboards\n');
    expect(found(validateIntegration(unknown))).toEqual(['ST110 sectionorder[2]']);
  });

  it('flags a duplicate argument as IN113', () => {
    const header =
      '  - name: msgraph-calendar-get-event\n    description: Retrieves an event by event ID.\n    arguments:\n';
    const dup = '    - name: event_id\n      description: The event ID again.\n      required: false\n';
    const v = validateIntegration(mutate(REAL_YAML, header, header + dup));
    expect(found(v)).toEqual(['IN113 script.commands[msgraph-calendar-get-event].arguments[event_id]']);
  });

  it('flags a missing output description as DS108 and as a missing schema key', () => {
    const v = validateIntegration(mutate(REAL_YAML, '      description: The ID of the event.\n', ''));
    const at = 'script.commands[msgraph-calendar-list-events].outputs[MSGraphCalendar.Event.ID]';
    expect(found(v).sort()).toEqual([`DS108 ${at}.description`, `ST107 ${at}`]);
  });

  it('flags an output description without a final period as DS108', () => {
    const v = validateIntegration(mutate(REAL_YAML, 'lasts all day.', 'lasts all day'));
    const at = 'script.commands[msgraph-calendar-list-events].outputs[MSGraphCalendar.Event.IsAllDay]';
    expect(found(v)).toEqual([`DS108 ${at}.description`]);
  });

  it('flags an argument description and the integration description without a final period as DS108', () => {
    let text = mutate(REAL_YAML, 'description: The event ID.', 'description: The event ID');
    text = mutate(text, 'according to your requirements.', 'according to your requirements');
    expect(found(validateIntegration(text))).toEqual([
      'DS108 description',
      'DS108 script.commands[msgraph-calendar-get-event].arguments[event_id].description',
    ]);
  });

  it('flags explicit nulls as ST110, and a null arguments list also as IN151', () => {
    const nullArgs = validateIntegration(mutate(REAL_YAML, 'arguments: []', 'arguments:'));
    const at = 'script.commands[msgraph-calendar-auth-reset].arguments';
    expect(found(nullArgs).sort()).toEqual([`IN151 ${at}`, `ST110 ${at}`]);
    const nullFlag = mutate(
      REAL_YAML,
      '  name: default_user\n  type: 0\n  required: false\n',
      '  name: default_user\n  type: 0\n  required:\n',
    );
    expect(found(validateIntegration(nullFlag))).toEqual(['ST110 configuration[default_user].required']);
  });

  it('accepts a null on the allow-listed keys such as additionalinfo', () => {
    const text = mutate(
      REAL_YAML,
      '  additionalinfo: The user ID or userPrincipalName used when a command has no user argument.\n',
      '  additionalinfo:\n',
    );
    expect(validateIntegration(text)).toEqual([]);
  });

  it('flags unknown keys at every level as ST108 (closed maps)', () => {
    let text = mutate(REAL_YAML, '  name: url\n', '  name: url\n  colour: blue\n');
    text = mutate(text, 'tests:\n', 'owner: me\ntests:\n');
    text = mutate(
      text,
      '      description: The event ID.\n',
      '      description: The event ID.\n      mandatory: true\n',
    );
    expect(found(validateIntegration(text))).toEqual([
      'ST108 configuration[url].colour',
      'ST108 script.commands[msgraph-calendar-get-event].arguments[event_id].mandatory',
      'ST108 owner',
    ]);
  });

  it('flags legacy keys that only the old schema knows as ST110', () => {
    const v = validateIntegration(
      mutate(REAL_YAML, '  runonce: false\n', '  runonce: false\n  dockerimage45: x/y:1\n'),
    );
    expect(found(v)).toEqual(['ST110 script.dockerimage45']);
  });

  it('flags a wrong insecure display as IN100', () => {
    const v = validateIntegration(
      mutate(REAL_YAML, 'display: Trust any certificate (not secure)', 'display: Trust any certificate'),
    );
    expect(found(v)).toEqual(['IN100 configuration[insecure].display']);
    expect(v[0].message).toContain('Trust any certificate (not secure)');
  });

  it('flags a required checkbox as IN102 and a required proxy as IN100', () => {
    let text = mutate(REAL_YAML, `${selfDeployed}  required: false\n`, `${selfDeployed}  required: true\n`);
    text = mutate(
      text,
      '  name: proxy\n  type: 8\n  required: false\n',
      '  name: proxy\n  type: 8\n  required: true\n',
    );
    expect(found(validateIntegration(text))).toEqual([
      'IN100 configuration[proxy].required',
      'IN102 configuration[self_deployed].required',
    ]);
  });

  it('flags a wrong type as ST110 and a value outside an enum as ST112', () => {
    let text = mutate(REAL_YAML, 'version: -1', 'version: latest');
    text = mutate(text, 'type: javascript', 'type: typescript');
    expect(found(validateIntegration(text))).toEqual([
      'ST110 commonfields.version',
      'ST112 script.type',
      'BA100 commonfields.version',
    ]);
  });
});
