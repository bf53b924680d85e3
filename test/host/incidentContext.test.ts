import { compileDt, DtSyntaxError } from '../../scripts/host/dt';
import { IncidentContext, lookupDt, splitDtPath } from '../../scripts/host/incidentContext';

describe('DT selectors', () => {
  it('compares val and obj members, literals, and combines with && || ! and parentheses', () => {
    const dt = compileDt('val.ID === obj.ID && (val.N == "2" || !val.Flag) && val["Odd Key"] !== null');
    expect(dt({ ID: 'a', N: 2, Flag: true, 'Odd Key': 1 }, { ID: 'a' })).toBe(true);
    expect(dt({ ID: 'a', N: 3, Flag: true, 'Odd Key': 1 }, { ID: 'a' })).toBe(false);
    expect(dt({ ID: 'a', N: 3, Flag: false, 'Odd Key': 1 }, { ID: 'a' })).toBe(true);
    expect(compileDt("val.S === 'it\\'s'")({ S: "it's" }, undefined)).toBe(true);
  });

  it('refuses anything that would need eval, such as calls, bare identifiers or assignments', () => {
    for (const source of ['obj.ID === E', 'process.exit(1)', 'val.ID = 1', 'val.f()', 'val.ID === "x']) {
      expect(() => compileDt(source)).toThrow(DtSyntaxError);
    }
  });
});

describe('incident context', () => {
  it('splits paths on dots outside selectors and quotes', () => {
    expect(splitDtPath('A.B(val.x === "a.b(c)").C')).toEqual([
      { key: 'A', selector: undefined },
      { key: 'B', selector: 'val.x === "a.b(c)"' },
      { key: 'C', selector: undefined },
    ]);
  });

  it('looks up plain paths, maps over lists and unwraps a single selector match', () => {
    const root = {
      M: {
        Event: [
          { ID: 'a', S: 'x' },
          { ID: 'b', S: 'y' },
        ],
      },
    };
    expect(lookupDt(root, 'M.Event.ID')).toEqual(['a', 'b']);
    expect(lookupDt(root, 'M.Event(val.ID === "b")')).toEqual({ ID: 'b', S: 'y' });
    expect(lookupDt(root, 'M.Event(val.ID === "zzz")')).toBeUndefined();
    expect(lookupDt(root, 'M.Missing.Path')).toBeUndefined();
  });

  it('merges EntryContext like the server: a selector replaces the matching item, others are appended', () => {
    const ctx = new IncidentContext();
    ctx.merge({ 'M.Event(val.ID === obj.ID)': [{ ID: 'a', S: 'old' }] });
    ctx.merge({
      'M.Event(val.ID === obj.ID)': [
        { ID: 'a', S: 'new' },
        { ID: 'b', S: 'other' },
      ],
    });
    expect(ctx.get('M.Event')).toEqual([
      { ID: 'a', S: 'new' },
      { ID: 'b', S: 'other' },
    ]);
    expect(ctx.get('M.Event(val.ID === "a").S')).toBe('new');
  });

  it("merges upstream's update-event key with an unquoted id into the root object so MSGraphCalendar.ID resolves", () => {
    const ctx = new IncidentContext();
    ctx.merge({ 'MSGraphCalendar.Event(val.ID === obj.ID)': [{ ID: 'AAMk=', Subject: 's' }] });
    ctx.merge({ 'MSGraphCalendar(obj.ID === AAMk=)': [{ ID: 'AAMk=', Subject: 'updated' }] });
    expect(ctx.get('MSGraphCalendar.ID')).toBe('AAMk=');
    expect(ctx.get('MSGraphCalendar.Event(val.ID === "AAMk=").Subject')).toBe('s');
  });

  it('keeps a key that continues past a list under its literal name', () => {
    const ctx = new IncidentContext();
    ctx.merge({ 'M.Event(val.ID === obj.ID)': [{ ID: 'a' }] });
    ctx.merge({ 'M.Event(val.ID === obj.ID).NextLink': 'https://next' });
    expect(ctx.data['M.Event(val.ID === obj.ID).NextLink']).toBe('https://next');
    expect(ctx.get('M.Event')).toEqual([{ ID: 'a' }]);
  });
});

describe('incident context keys that name prototype members', () => {
  const prototypes = [Object.prototype, Array.prototype, Function.prototype];
  const before = prototypes.map((p) => Object.getOwnPropertyNames(p));
  afterEach(() => {
    // Undo any pollution so one failure cannot leak into the other tests of this process.
    prototypes.forEach((p, i) => {
      for (const name of Object.getOwnPropertyNames(p))
        if (!before[i].includes(name)) delete (p as Record<string, unknown>)[name];
    });
  });
  const unchanged = () => expect(prototypes.map((p) => Object.getOwnPropertyNames(p))).toEqual(before);

  it('keeps an update-event id that closes the selector and names __proto__ under its literal key', () => {
    const ctx = new IncidentContext();
    const key = 'MSGraphCalendar(obj.ID === 1).__proto__.encoding(x)';
    ctx.merge({ [key]: [{ ID: '1).__proto__.encoding(x' }] });
    unchanged();
    expect(({} as Record<string, unknown>).encoding).toBeUndefined();
    expect(ctx.data[key]).toEqual([{ ID: '1).__proto__.encoding(x' }]);
  });

  it.each([
    '__proto__',
    'A.__proto__',
    'A.constructor.prototype',
    'A(val.x === 1).prototype.y',
    'constructor',
  ])('never walks or creates a prototype member for the key %s', (key) => {
    const ctx = new IncidentContext({ A: { B: 1 } });
    ctx.merge({ [key]: { polluted: true } });
    unchanged();
    expect(Object.getPrototypeOf(ctx.data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(ctx.data.A)).toBe(Object.prototype);
    expect(ctx.data.A).toEqual({ B: 1 });
    expect(Object.getOwnPropertyDescriptor(ctx.data, key)?.value).toEqual({ polluted: true });
  });

  it('reads only own members: inherited names look up as nothing, in paths and selectors', () => {
    const ctx = new IncidentContext({ A: { B: [{ ID: 'x' }] } });
    for (const path of ['A.constructor', 'A.__proto__', 'A.toString', 'A.hasOwnProperty'])
      expect(ctx.get(path)).toBeUndefined();
    expect(ctx.get('A.B(val.constructor === undefined && val.__proto__ === undefined).ID')).toBe('x');
    expect(compileDt('val.toString == null')({}, undefined)).toBe(true);
    ctx.merge({ 'A.toString': 'plain' });
    expect(ctx.data.A).toEqual({ B: [{ ID: 'x' }], toString: 'plain' });
  });
});
