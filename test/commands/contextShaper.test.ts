/**
 * ContextShaper, the fast list conversion behind parseEvents and parseCalendars: it must give
 * exactly what toContextObject gives (same keys, same order, same values) whatever the objects.
 */
import { setFlagsFromString } from 'node:v8';
import fc from 'fast-check';
import {
  ContextShaper,
  EVENT_HEADERS,
  parseCalendars,
  parseEventTable,
  parseEvents,
  toContextObject,
  type JsonObject,
} from '../../Integrations/MicrosoftGraphCalendar/commands/transform';

const EVENT_DROPPED = ['@odata.etag', 'color'];

// Keys that collide after conversion (subject/Subject, iCalUId/ICalUId), dropped keys, integer-like
// keys (listed first by JavaScript), odd spacing and non-ASCII.
const KEY_POOL = [
  'id',
  'subject',
  'Subject',
  'iCalUId',
  'ICalUId',
  '@odata.etag',
  '@odata.context',
  'color',
  '@removed',
  'status',
  '1',
  '0',
  'createdDateTime',
  '',
  ' a b ',
  'x509cert',
  'ünïcode',
];

const graphLikeObject: fc.Arbitrary<JsonObject> = fc.dictionary(
  fc.constantFrom(...KEY_POOL),
  fc.jsonValue(),
  {
    maxKeys: KEY_POOL.length,
  },
);

/** [key, value] pairs in enumeration order: toEqual on them checks the key order too. */
const entriesOf = (value: JsonObject) => Object.entries(value);

describe('ContextShaper', () => {
  it('converts every object of a list exactly like toContextObject, keys in the same order', () => {
    fc.assert(
      fc.property(fc.array(graphLikeObject, { maxLength: 12 }), (objects) => {
        const shaper = new ContextShaper(EVENT_DROPPED);
        for (const raw of objects) {
          expect(entriesOf(shaper.convert(raw))).toEqual(entriesOf(toContextObject(raw, EVENT_DROPPED)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the first position and the last value when two Graph keys give one context key', () => {
    const shaper = new ContextShaper([]);
    const first = shaper.convert({ subject: 'a', id: '1', Subject: 'b' });
    const second = shaper.convert({ subject: 'c', id: '2', Subject: 'd' });
    expect(entriesOf(first)).toEqual([
      ['Subject', 'b'],
      ['ID', '1'],
    ]);
    expect(entriesOf(second)).toEqual([
      ['Subject', 'd'],
      ['ID', '2'],
    ]);
  });

  it('shares nested values with the Graph object instead of copying them', () => {
    const organizer = { emailAddress: { name: 'Alice' } };
    const shaper = new ContextShaper(EVENT_DROPPED);
    shaper.convert({ id: 'warm-up', organizer: {} });
    expect(shaper.convert({ id: 'e', organizer }).Organizer).toBe(organizer);
  });

  it('stays exact past the number of key sequences it caches', () => {
    const shaper = new ContextShaper(EVENT_DROPPED);
    for (let i = 0; i < 150; i += 1) {
      const raw: JsonObject = { id: `e${i}`, [`field${i}`]: i, color: 'x', subject: 's' };
      expect(entriesOf(shaper.convert(raw))).toEqual(entriesOf(toContextObject(raw, EVENT_DROPPED)));
    }
  });

  it('ignores enumerable keys inherited from a polluted Object.prototype', () => {
    const shaper = new ContextShaper(EVENT_DROPPED);
    shaper.convert({ id: 'a', subject: 's' });
    const proto = Object.prototype as Record<string, unknown>;
    proto.pollutedKey = 'inherited';
    try {
      const converted = shaper.convert({ id: 'b', subject: 't' });
      expect(entriesOf(converted)).toEqual([
        ['ID', 'b'],
        ['Subject', 't'],
      ]);
    } finally {
      delete proto.pollutedKey;
    }
  });

  it('builds objects with fast properties, where key-by-key stores of 40 keys build dictionaries', () => {
    // V8's own test of the object representation: the reason this class exists.
    setFlagsFromString('--allow-natives-syntax');
    const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
    const raw: JsonObject = {};
    for (let i = 0; i < 40; i += 1) raw[`field${i}Name`] = i;
    expect(hasFastProperties(toContextObject(raw, []))).toBe(false);
    const shaper = new ContextShaper([]);
    expect(hasFastProperties(shaper.convert(raw))).toBe(true);
    expect(hasFastProperties(shaper.convert({ ...raw }))).toBe(true);
  });
});

describe('parseEvents and parseCalendars through the shaper', () => {
  it('give the context objects of toContextObject, with Status added last on removed events', () => {
    const events = [
      { '@odata.etag': 'W/"1"', id: 'a', subject: 'One', start: { dateTime: 's' }, color: 'red' },
      { '@odata.etag': 'W/"2"', id: 'b', subject: 'Two', start: { dateTime: 't' }, color: 'red' },
      { id: 'c', '@removed': { reason: 'deleted' } },
    ];
    const { context } = parseEvents(events);
    expect(context.map(entriesOf)).toEqual([
      entriesOf(toContextObject(events[0], EVENT_DROPPED)),
      entriesOf(toContextObject(events[1], EVENT_DROPPED)),
      [
        ['ID', 'c'],
        ['@Removed', { reason: 'deleted' }],
        ['Status', 'deleted'],
      ],
    ]);
  });

  it('keep each list on its own dropped keys (events drop @odata.etag, calendars @odata.context)', () => {
    const raw = { '@odata.context': 'c', '@odata.etag': 'e', id: 'x' };
    expect(entriesOf(parseEvents([raw, raw]).context[1])).toEqual([
      ['@Odata.Context', 'c'],
      ['ID', 'x'],
    ]);
    expect(entriesOf(parseCalendars([raw, raw]).context[1])).toEqual([
      ['@Odata.Etag', 'e'],
      ['ID', 'x'],
    ]);
  });
});

describe('parseEventTable', () => {
  const person = fc.oneof(
    fc.constant(null),
    fc.record({
      emailAddress: fc.oneof(
        fc.constant(null),
        fc.record({ name: fc.oneof(fc.string(), fc.constant(null)) }),
      ),
    }),
  );
  const when = fc.oneof(fc.constant(undefined), fc.constant(null), fc.record({ dateTime: fc.string() }));
  const event = fc.record(
    {
      id: fc.string(),
      subject: fc.oneof(fc.string(), fc.constant(null)),
      organizer: person,
      attendees: fc.oneof(fc.constant(null), fc.array(person, { maxLength: 3 })),
      start: when,
      end: when,
      '@removed': fc.constant({ reason: 'deleted' }),
    },
    { requiredKeys: ['id'] },
  );

  /** Python `d.get(k)` chained: None once a step is missing or not a dict. */
  const get = (value: unknown, ...keys: string[]): unknown =>
    keys.reduce<unknown>(
      (v, k) =>
        v !== null && typeof v === 'object' && !Array.isArray(v) ? ((v as JsonObject)[k] ?? null) : null,
      value,
    );
  /** Upstream's event row builder, on one context object. */
  const upstreamRow = (ctx: JsonObject): unknown[] => [
    ctx.Subject ?? null,
    get(ctx.Organizer, 'emailAddress', 'name'),
    (Array.isArray(ctx.Attendees) ? ctx.Attendees : []).map((a) => get(a, 'emailAddress', 'name')),
    get(ctx.Start, 'dateTime'),
    get(ctx.End, 'dateTime'),
    ctx.ID ?? null,
  ];

  it("holds upstream's event rows column by column (EVENT_HEADERS order), rows equal to parseEvents'", () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 8 }), (events) => {
        const table = parseEventTable(events);
        const parsed = parseEvents(events);
        expect(table.columns.map((c) => c.header)).toEqual(EVENT_HEADERS);
        const rows = table.context.map(upstreamRow);
        table.columns.forEach((column, c) => expect(column.values).toEqual(rows.map((row) => row[c])));
        expect(parsed.readable).toEqual(
          rows.map((row) => Object.fromEntries(EVENT_HEADERS.map((h, c) => [h, row[c]]))),
        );
        expect(table.context.map(entriesOf)).toEqual(parsed.context.map(entriesOf));
        const expectedContext = events.map((e) => {
          const ctx = toContextObject(e, EVENT_DROPPED);
          if ('@removed' in e) ctx.Status = 'deleted';
          return entriesOf(ctx);
        });
        expect(table.context.map(entriesOf)).toEqual(expectedContext);
      }),
      { numRuns: 200 },
    );
  });

  it('lists attendee names, and an empty list for an event without attendees', () => {
    const { columns } = parseEventTable([
      { id: 'a', attendees: [{ emailAddress: { name: 'Bob' } }, { emailAddress: {} }] },
      { id: 'b', attendees: [] },
      { id: 'c' },
    ]);
    expect(columns[EVENT_HEADERS.indexOf('Attendees')].values).toEqual([['Bob', null], [], []]);
  });
});
