import { errorEntry, noteEntry, textEntry, type Entry } from '../../Packs/Base/Scripts/CommonServer/entries';
import {
  entriesToJson,
  entryText,
  exitStatusFor,
  renderEntries,
  renderJson,
} from '../../scripts/host/render';

describe('rendering entries', () => {
  const table = noteEntry({ value: [] }, '### Calendar:\n|Name|\n|---|\n| Calendar |', {
    'A(val.ID === obj.ID)': [],
  });

  it('shows the HumanReadable of a note, else its text Contents, else its JSON Contents', () => {
    expect(entryText(table)).toBe('### Calendar:\n|Name|\n|---|\n| Calendar |');
    expect(entryText(textEntry('ok'))).toBe('ok');
    const raw: Entry = { Type: 1, Contents: { a: [1] }, ContentsFormat: 'json' };
    expect(entryText(raw)).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(entryText({ Type: 1, Contents: null, ContentsFormat: 'json', HumanReadable: '' })).toBe('');
  });

  it('prints notes to stdout separated by blank lines, and each error entry to stderr as one line', () => {
    const multiLine = errorEntry(
      'Error in Microsoft authorization. Status: 401, body: invalid_client. \nInvalid secret.\n',
    );
    expect(renderEntries([textEntry('ok'), errorEntry('Graph said no.'), table, multiLine])).toEqual({
      stdout: 'ok\n\n### Calendar:\n|Name|\n|---|\n| Calendar |\n',
      stderr:
        'Graph said no.\nError in Microsoft authorization. Status: 401, body: invalid_client. Invalid secret.\n',
    });
    expect(renderEntries([])).toEqual({ stdout: '', stderr: '' });
  });

  it('prints the War Room fields as JSON, dropping ReadableContentsFormat', () => {
    expect(JSON.parse(entriesToJson([table, errorEntry('bad')]))).toEqual([
      {
        Type: 1,
        Contents: { value: [] },
        ContentsFormat: 'json',
        HumanReadable: table.HumanReadable,
        EntryContext: { 'A(val.ID === obj.ID)': [] },
      },
      { Type: 4, Contents: 'bad', ContentsFormat: 'text' },
    ]);
  });

  it('exits 1 when any entry is an error entry, else 0', () => {
    expect(exitStatusFor([textEntry('ok')])).toBe(0);
    expect(exitStatusFor([textEntry('ok'), errorEntry('x')])).toBe(1);
  });

  /** A value nested `depth` levels deep, alternating objects and lists, as a hostile Graph body could be. */
  function nested(depth: number): unknown {
    let value: unknown = 'leaf';
    for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
    return value;
  }
  const depthOf = (value: unknown): number => {
    let depth = 0;
    for (let v = value; typeof v === 'object' && v !== null; depth++)
      v = Array.isArray(v) ? v[0] : (v as { a: unknown }).a;
    return depth;
  };

  it.each([5_000, 100_000])(
    'prints JSON nested %i levels deep cut at a fixed depth, and says so',
    (depth) => {
      const deep: Entry = {
        Type: 1,
        Contents: nested(depth),
        ContentsFormat: 'json',
        EntryContext: { X: nested(depth) },
      };
      const [printed] = JSON.parse(entriesToJson([deep])) as { Contents: unknown; EntryContext: unknown }[];
      expect(depthOf(printed.Contents)).toBeLessThan(200);
      expect(JSON.stringify(printed.Contents)).toContain('nested too deep');
      const rendered = renderJson([deep]);
      expect(rendered.stderr).toMatch(/^Note: .*nested deeper than \d+ levels.*\n$/);
      const text = renderEntries([deep]);
      expect(text.stdout).toContain('nested too deep');
      expect(text.stderr).toMatch(/^Note: /);
    },
  );

  it('prints shallow values in full, without a note', () => {
    const entry: Entry = { Type: 1, Contents: nested(60), ContentsFormat: 'json' };
    const rendered = renderJson([entry]);
    expect(rendered.stderr).toBe('');
    expect(JSON.parse(rendered.stdout)[0].Contents).toEqual(nested(60));
    expect(renderEntries([entry])).toEqual({
      stdout: `${JSON.stringify(nested(60), null, 2)}\n`,
      stderr: '',
    });
  });
});
