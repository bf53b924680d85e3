import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCommandLine, resolveReferences } from '../../scripts/docs/examples/commandLine';
import { contextExample } from '../../scripts/docs/examples/contextExample';
import { Normalizer } from '../../scripts/docs/examples/normalize';
import { DOCS_PATHS, generateReadme, parseExamplesFile, REPO_ROOT } from '../../scripts/docs/generate';
import { ToolingError } from '../../scripts/docs/errors';

describe('parseCommandLine', () => {
  it('reads bare, double-, single- and backtick-quoted values and keeps ${...} references whole', () => {
    const line =
      '!msgraph-calendar-update-event event_id=${MSGraphCalendar.Event(val.Subject === "a b").ID} ' +
      `subject="Say \\"hi\\"" body='it''s' location=\`Room 1\` top=5`;
    expect(parseCommandLine(line)).toEqual({
      command: 'msgraph-calendar-update-event',
      args: {
        event_id: '${MSGraphCalendar.Event(val.Subject === "a b").ID}',
        subject: 'Say "hi"',
        body: 'its',
        location: 'Room 1',
        top: '5',
      },
    });
  });

  it.each([
    ['msgraph-calendar-list-events', 'it must start with !<command-name>'],
    ['!cmd subject="open', 'a quoted value is not closed'],
    ['!cmd a=1 a=2', 'the argument a is given twice'],
    ['!cmd loose', 'expected name=value at "loose"'],
    ['!cmd id=${A.B', 'a ${...} reference is not closed'],
  ])('rejects %j: %s', (line, why) => {
    expect(() => parseCommandLine(line)).toThrow(why);
  });
});

describe('resolveReferences', () => {
  const context: Record<string, unknown> = {
    'A.One': 'x1',
    'A.Listed': ['only'],
    'A.Many': ['a', 'b'],
    'A.Num': 3,
  };
  const lookup = (p: string) => context[p];

  it('replaces references with the value found, unwrapping a one-item list, inside other text too', () => {
    const parsed = { command: 'c', args: { a: '${A.One}', b: 'pre-${A.Listed}-${A.Num}', c: 'plain' } };
    expect(resolveReferences(parsed, lookup, 'line').args).toEqual({ a: 'x1', b: 'pre-only-3', c: 'plain' });
  });

  it('refuses a reference that finds nothing or several values', () => {
    expect(() =>
      resolveReferences({ command: 'c', args: { a: '${A.None}' } }, lookup, '!c a=${A.None}'),
    ).toThrow('Command example "!c a=${A.None}": ${A.None} is not in the context.');
    expect(() => resolveReferences({ command: 'c', args: { a: '${A.Many}' } }, lookup, 'l')).toThrow(
      'holds more than one value; narrow it with a DT selector',
    );
  });
});

describe('Normalizer', () => {
  it('numbers ids, change keys and uids by kind in order of first appearance, everywhere they occur', () => {
    const n = new Normalizer([['http://127.0.0.1:4567', 'https://graph.microsoft.com']]);
    const event = {
      '@odata.context': 'http://127.0.0.1:4567/v1.0/$metadata#events',
      '@odata.etag': 'W/"DwAAABYAAAxyz123"',
      id: 'AAMkADeventid+/=',
      changeKey: 'DwAAABYAAAxyz123',
      iCalUId: '040000008200E00074C5',
      createdDateTime: '2026-11-27T03:59:12.1234567Z',
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent('AAMkADeventid+/=')}`,
      organizer: { id: 'short' },
    };
    n.collect([{ id: 'AAMkADcalendar1' }, event]);
    const text = n.apply(JSON.stringify(event));
    expect(JSON.parse(text)).toEqual({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#events',
      '@odata.etag': 'W/"example-change-key-1"',
      id: 'example-id-2',
      changeKey: 'example-change-key-1',
      iCalUId: 'example-ical-uid-1',
      createdDateTime: '2026-01-01T00:00:00.0000000Z',
      webLink: 'https://outlook.office365.com/owa/?itemid=example-id-2',
      organizer: { id: 'short' },
    });
    expect(n.apply('| AAMkADcalendar1 |')).toBe('| example-id-1 |');
  });

  it('replaces a value that contains another one whole', () => {
    const n = new Normalizer([]);
    n.collect({ id: 'AAMkAD123456', seriesMasterId: 'AAMkAD123456789' });
    expect(n.apply('AAMkAD123456789 AAMkAD123456')).toBe('example-id-2 example-id-1');
  });
});

describe('contextExample', () => {
  it('nests DT keys without their selectors and shows one-item lists as the item', () => {
    expect(
      contextExample({
        'MSGraphCalendar.Calendar(val.ID === obj.ID)': [{ ID: 'c' }],
        'MSGraphCalendar.Event(val.ID === obj.ID)': [{ ID: 'e1' }, { ID: 'e2' }],
      }),
    ).toEqual({ MSGraphCalendar: { Calendar: { ID: 'c' }, Event: [{ ID: 'e1' }, { ID: 'e2' }] } });
  });

  it('keeps a key that cannot nest as a flat dotted key, never changing the written values', () => {
    const event = { ID: 'e' };
    const entryContext = {
      'MSGraphCalendar(obj.ID === e)': [event],
      'MSGraphCalendar.Event(val.ID === obj.ID)': [event],
      'MSGraphCalendar.Event(val.ID === obj.ID).NextLink': 'https://next',
    };
    expect(contextExample(entryContext)).toEqual({
      MSGraphCalendar: { ID: 'e' },
      'MSGraphCalendar.Event': { ID: 'e' },
      'MSGraphCalendar.Event.NextLink': 'https://next',
    });
    expect(event).toEqual({ ID: 'e' });
  });
});

describe('command_examples and generateReadme inputs', () => {
  it('reads the examples file like demisto-sdk: blank and # lines skipped, ! added', () => {
    expect(parseExamplesFile('# comment\n\n!a x=1\r\nb\n')).toEqual(['!a x=1', '!b']);
  });

  it('refuses an example for a command the YAML does not document, before running anything', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-gen-'));
    try {
      for (const file of [DOCS_PATHS.yaml, 'docs/integration-readme/authentication.md']) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.copyFileSync(path.join(REPO_ROOT, file), path.join(root, file));
      }
      fs.writeFileSync(
        path.join(root, DOCS_PATHS.examples),
        '!msgraph-calendar-list-calendars\n!msgraph-calendar-nope\n',
      );
      const failure = generateReadme(root);
      await expect(failure).rejects.toThrow(ToolingError);
      await expect(failure).rejects.toThrow(
        `${DOCS_PATHS.examples}: "msgraph-calendar-nope" is not a documented command of the integration YAML.`,
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
