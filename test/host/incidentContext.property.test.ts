/**
 * Property: whatever EntryContext keys a command writes (keys embed argument values such as event
 * ids) and whatever DT paths it looks up, the incident context never changes a built-in prototype,
 * never throws and never hands back a prototype member (a function: JSON data holds none).
 */
import fc from 'fast-check';
import { IncidentContext } from '../../scripts/host/incidentContext';

const RUNS = Number(process.env.BADINPUT_RUNS ?? 300);
const prototypes = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const ownNames = () => prototypes.map((p) => Object.getOwnPropertyNames(p).sort());
const before = ownNames();

afterEach(() => {
  // Undo any pollution so one failure cannot leak into other tests of this process.
  prototypes.forEach((p, i) => {
    for (const name of Object.getOwnPropertyNames(p))
      if (!before[i].includes(name)) delete (p as unknown as Record<string, unknown>)[name];
  });
});

const name = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'length'),
  fc.constantFrom('MSGraphCalendar', 'Event', 'ID', 'A'),
  fc.string({ maxLength: 6 }),
);
/** An id as a command would embed it, unquoted as upstream writes it: it may close the selector. */
const id = fc.oneof(
  fc.tuple(fc.string({ maxLength: 4 }), name, name).map(([a, b, c]) => `${a}).${b}.${c}(${a}`),
  fc.string({ maxLength: 12 }),
);
const selector = fc.oneof(
  fc.constant(''),
  id.map((v) => `(obj.ID === ${v})`),
  fc.tuple(name, id).map(([n, v]) => `(val.${n} === "${v}")`),
  fc.constant('(val.ID === obj.ID)'),
);
const segment = fc.tuple(name, selector).map(([n, s]) => n + s);
const path = fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('.'));

it('never touches a prototype nor returns one of its members, for any keys and paths', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(path, fc.jsonValue({ maxDepth: 3 })), { maxLength: 6 }),
      fc.array(path, { maxLength: 6 }),
      (writes, reads) => {
        const ctx = new IncidentContext({ MSGraphCalendar: { Event: [{ ID: 'x' }] } });
        for (const [key, value] of writes) ctx.merge({ [key]: value });
        for (const read of [...reads, ...writes.map(([key]) => key)]) {
          const found = ctx.get(read);
          expect(typeof found).not.toBe('function');
          if (Array.isArray(found)) for (const item of found) expect(typeof item).not.toBe('function');
        }
        expect(ownNames()).toEqual(before);
        expect(Object.getPrototypeOf(ctx.data)).toBe(Object.prototype);
        expect(() => JSON.stringify(ctx.data)).not.toThrow();
      },
    ),
    { numRuns: RUNS },
  );
});
