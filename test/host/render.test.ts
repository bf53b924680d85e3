import { errorEntry, noteEntry, textEntry, type Entry } from '../../Packs/Base/Scripts/CommonServer/entries';
import { entriesToJson, entryText, exitStatusFor, renderEntries } from '../../scripts/host/render';

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
});
