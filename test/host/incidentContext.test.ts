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
