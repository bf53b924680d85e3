import { run, toServerResult } from '../../Integrations/MicrosoftGraphCalendar/bundleEntry';
import { errorEntry, noteEntry, textEntry } from '../../Packs/Base/Scripts/CommonServer/entries';

describe('bundle entry result shaping', () => {
  it("returns 'ok' for a successful test-module, the way the Test button expects it", () => {
    expect(toServerResult('test-module', [textEntry('ok')])).toBe('ok');
  });

  it('returns a failed test-module, and any other single entry, as the entry itself', () => {
    const failed = errorEntry('Connection refused');
    expect(toServerResult('test-module', [failed])).toBe(failed);
    const note = noteEntry({ a: 1 }, '### A');
    expect(toServerResult('msgraph-calendar-get-event', [note])).toBe(note);
    expect(toServerResult('msgraph-calendar-list-events', [textEntry('ok')])).toEqual(textEntry('ok'));
  });

  it('returns several entries (or none) as an array', () => {
    const entries = [textEntry('a'), textEntry('b')];
    expect(toServerResult('x', entries)).toBe(entries);
    expect(toServerResult('x', [])).toEqual([]);
  });
});

describe('bundle entry outside the bundle', () => {
  it('reports, instead of returning a Promise, that main did not settle synchronously (native promises)', () => {
    const result = run({ command: 'msgraph-calendar-auth-reset', params: {}, args: {} });
    expect(result).toEqual(
      errorEntry(
        'The command did not finish: it waited for something asynchronous, which the XSOAR server cannot run.',
      ),
    );
  });
});
