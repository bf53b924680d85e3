import { validateIntegration } from '../../scripts/validate';
import { found, mutate, REAL_YAML } from './helpers';

describe('top-level rules on broken copies of the real YAML', () => {
  it('flags an id that differs from name (BA101) and contains a slash (BA105)', () => {
    const v = validateIntegration(
      mutate(REAL_YAML, '  id: Microsoft Graph Calendar', '  id: Microsoft/Calendar'),
    );
    expect(found(v)).toEqual(['BA101 commonfields.id', 'BA105 commonfields.id']);
  });

  it('flags an unquoted numeric fromversion as a type error and BA106', () => {
    const v = validateIntegration(mutate(REAL_YAML, "fromversion: '6.2.0'", 'fromversion: 6.2'));
    expect(found(v)).toEqual(['ST110 fromversion', 'BA106 fromversion']);
  });

  it('flags a fromversion below 5.0.0 and a toversion below fromversion', () => {
    const v = validateIntegration(
      mutate(REAL_YAML, "fromversion: '6.2.0'", "fromversion: '4.5.0'\ntoversion: '4.0.0'"),
    );
    expect(found(v)).toEqual(['BA106 fromversion', 'BA118 toversion']);
  });

  it('flags "integration", "community" and trailing spaces in the display (BA110, BA111, BA113)', () => {
    const v = validateIntegration(
      mutate(REAL_YAML, 'display: O365 Outlook Calendar', "display: 'O365 Community Integration '"),
    );
    expect(found(v)).toEqual(['BA110 display', 'BA111 display', 'BA113 display']);
  });

  it('flags a category that is not approved (IN104)', () => {
    const v = validateIntegration(mutate(REAL_YAML, 'category: IT Services', 'category: Calendars'));
    expect(found(v)).toEqual(['IN104 category']);
  });

  it('flags a supportlevelheader other than xsoar', () => {
    const v = validateIntegration(mutate(REAL_YAML, 'tests:\n', 'supportlevelheader: community\ntests:\n'));
    expect(found(v)).toEqual(['ST110 supportlevelheader']);
  });

  it('reports YAML that does not parse, such as a duplicated key, without throwing', () => {
    const v = validateIntegration(
      mutate(REAL_YAML, 'category: IT Services\n', 'category: IT Services\ncategory: Email\n'),
    );
    expect(found(v)).toEqual(['ST110 <root>']);
    expect(v[0].message).toContain('duplicated mapping key');
  });

  it('reports a document that is not a mapping', () => {
    expect(found(validateIntegration('- just\n- a list\n'))).toEqual(['ST109 <root>']);
  });

  it('reports the missing required root keys of an almost empty document', () => {
    const v = validateIntegration('name: X\n');
    expect(found(v)).toEqual(
      expect.arrayContaining(['ST109 <root>', 'BA100 commonfields.version', 'BA101 commonfields.id']),
    );
    expect(v.filter((x) => x.code === 'ST109').map((x) => x.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"configuration"'),
        expect.stringContaining('"script"'),
      ]),
    );
  });
});

describe('parameter rules on broken copies of the real YAML', () => {
  it('flags a duplicate parameter name (IN114)', () => {
    const v = validateIntegration(mutate(REAL_YAML, '  name: default_user\n', '  name: url\n'));
    expect(found(v)).toEqual(['IN114 configuration[url]']);
  });

  it('flags a visible parameter without a label (IN118) but not a hidden one', () => {
    const visible = mutate(
      REAL_YAML,
      '- display: Default user\n  name: default_user\n',
      '- name: default_user\n',
    );
    expect(found(validateIntegration(visible))).toEqual(['IN118 configuration[default_user]']);
    const hidden = mutate(visible, '- name: default_user\n', '- name: default_user\n  hidden: true\n');
    expect(validateIntegration(hidden)).toEqual([]);
  });

  it('flags a plain-http default value (IN153)', () => {
    const v = validateIntegration(
      mutate(
        REAL_YAML,
        'defaultvalue: https://graph.microsoft.com',
        'defaultvalue: http://graph.microsoft.com',
      ),
    );
    expect(found(v)).toEqual(['IN153 configuration[url].defaultvalue']);
  });

  it('flags a visible type 4 parameter only when the pack is xsoar-supported (IN145)', () => {
    const text = mutate(
      REAL_YAML,
      '  name: auth_id\n  type: 4\n  required: false\n  hidden: true\n',
      '  name: auth_id\n  type: 4\n  required: false\n',
    );
    expect(validateIntegration(text, { packSupport: 'community' })).toEqual([]);
    expect(found(validateIntegration(text, { packSupport: 'xsoar' }))).toEqual([
      'IN145 configuration[auth_id].type',
    ]);
  });
});

describe('command rules on broken copies of the real YAML', () => {
  const getEvent = '  - name: msgraph-calendar-get-event\n';

  it('flags an output without contextPath (IN115)', () => {
    const v = validateIntegration(
      mutate(
        REAL_YAML,
        '    - contextPath: MSGraphCalendar.Calendar.Name\n',
        '    - contentPath: MSGraphCalendar.Calendar.Name\n',
      ),
    );
    expect(found(v)).toEqual(['IN115 script.commands[msgraph-calendar-list-calendars].outputs[0]']);
  });

  it('flags two default arguments in one command (IN134)', () => {
    let text = mutate(
      REAL_YAML,
      '      description: The event ID.\n',
      '      description: The event ID.\n      default: true\n',
    );
    text = mutate(
      text,
      '      description: The user ID or the userPrincipalName.\n      required: false\n    - name: event_id',
      '      description: The user ID or the userPrincipalName.\n      default: true\n      required: false\n    - name: event_id',
    );
    expect(found(validateIntegration(text))).toEqual([
      'IN134 script.commands[msgraph-calendar-get-event].arguments',
    ]);
  });

  it('flags a command name that starts with a digit (BA128)', () => {
    const v = validateIntegration(mutate(REAL_YAML, getEvent, '  - name: 1msgraph-calendar-get-event\n'));
    expect(found(v)).toEqual(['BA128 script.commands[1msgraph-calendar-get-event].name']);
  });

  it('flags an integration without commands (IN130)', () => {
    const start = REAL_YAML.indexOf('  commands:\n');
    const end = REAL_YAML.indexOf("fromversion: '6.2.0'");
    const text = REAL_YAML.slice(0, start) + REAL_YAML.slice(end);
    expect(found(validateIntegration(text))).toEqual(['IN130 script.commands']);
  });
});
