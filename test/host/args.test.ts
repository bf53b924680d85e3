import { parseCliArgs, UsageError } from '../../scripts/host/args';

const usage = (argv: string[]) => {
  try {
    parseCliArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as UsageError).message;
  }
  throw new Error('expected a usage error');
};

describe('parseCliArgs', () => {
  it('reads the command, the file flags in both spellings, switches and name=value arguments', () => {
    expect(
      parseCliArgs([
        'msgraph-calendar-list-events',
        '--params',
        'p.json',
        '--context=c.json',
        '--incident-context',
        'i.json',
        '--json',
        '--debug',
        "filter_by=startswith(subject,'a=b')",
        'top=5',
        'body=',
      ]),
    ).toEqual({
      command: 'msgraph-calendar-list-events',
      paramsFile: 'p.json',
      contextFile: 'c.json',
      incidentContextFile: 'i.json',
      json: true,
      debug: true,
      help: false,
      args: { filter_by: "startswith(subject,'a=b')", top: '5', body: '' },
    });
  });

  it('accepts flags before the command', () => {
    expect(parseCliArgs(['--json', 'test-module'])).toMatchObject({
      command: 'test-module',
      json: true,
      args: {},
    });
  });

  it('accepts --help and -h without a command', () => {
    expect(parseCliArgs(['--help']).help).toBe(true);
    expect(parseCliArgs(['-h']).help).toBe(true);
  });

  it.each([
    [['test-module', '--verbose'], 'Unknown option --verbose.'],
    [['test-module', '--params'], '--params needs a file path.'],
    [['test-module', '--params', '--json'], '--params needs a file path.'],
    [['test-module', '--context='], '--context needs a file path.'],
    [['test-module', '--params', 'a', '--params', 'b'], '--params was given twice.'],
    [['test-module', '--json=yes'], '--json takes no value.'],
    [['test-module', 'user'], 'Malformed argument "user": expected name=value.'],
    [['test-module', '=value'], 'Malformed argument "=value": expected name=value.'],
    [['test-module', 'a b=1'], 'Malformed argument name "a b" in name=value.'],
    [['test-module', 'top=1', 'top=2'], 'Argument top was given twice.'],
    [['top=1'], 'Missing command before "top=1".'],
    [[], 'Missing command, e.g. test-module.'],
  ])('rejects %j with a usage error naming the problem', (argv, message) => {
    expect(usage(argv)).toBe(message);
  });

  it('shows only the start of a long malformed token', () => {
    const message = usage(['test-module', 'x'.repeat(30) + 'TAIL']);
    expect(message).not.toContain('TAIL');
  });
});
