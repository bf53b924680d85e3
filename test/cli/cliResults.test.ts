/**
 * The CLI host keeps a command's result when something around it fails: the incident-context file
 * cannot be saved, the integration context lock is unusable, the JSON is too deep to print, or an
 * EntryContext key names a prototype member.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorEntry, noteEntry, type Entry } from '../../Packs/Base/Scripts/CommonServer/entries';
import { runInProcess } from './runInProcess';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'cli-results-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const created = noteEntry({ id: 'e1' }, '### Event was created', {
  'MSGraphCalendar.Event(val.ID === obj.ID)': [{ ID: 'e1' }],
});

/** A value nested `depth` levels deep, as a hostile Graph body could be. */
function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('CLI --incident-context that cannot be saved', () => {
  it('prints the entries first, then reports the file on stderr with exit status 3', async () => {
    const file = join(dir, 'incident.json');
    await fs.writeFile(file, '{}');
    // Something replaces the file by a non-empty folder while the command runs: the save must fail.
    const r = await runInProcess(['msgraph-calendar-create-event', '--incident-context', file], async () => {
      await fs.rm(file);
      await fs.mkdir(file);
      await fs.writeFile(join(file, 'keep'), '');
      return [created];
    });
    expect(r.stdout).toBe('### Event was created\n');
    expect(r.stderr).toMatch(
      new RegExp(
        `^Error: --incident-context ${file}: the incident context could not be saved \\(E[A-Z]+\\)\\.`,
      ),
    );
    expect(r.status).toBe(3);
  });

  it('prints the entries and exits 3 when the incident context is too deep to save', async () => {
    const file = join(dir, 'incident.json');
    const deep = noteEntry({}, 'done', { Deep: nested(100_000) });
    const r = await runInProcess(['x', '--incident-context', file, '--json'], () => [deep]);
    expect(JSON.parse(r.stdout)[0].HumanReadable).toBe('done');
    expect(r.stderr).toContain(`Error: --incident-context ${file}: the incident context could not be saved`);
    expect(r.status).toBe(3);
  });

  it('keeps exit status 1 when the command itself reported an error', async () => {
    const file = join(dir, 'incident.json');
    const r = await runInProcess(['x', '--incident-context', file], () => [
      noteEntry({}, 'partial', { Deep: nested(100_000) }),
      errorEntry('Graph said no.'),
    ]);
    expect(r.stdout).toBe('partial\n');
    expect(r.stderr).toContain('Graph said no.');
    expect(r.stderr).toContain('the incident context could not be saved');
    expect(r.status).toBe(1);
  });

  it('updates the target of a symlinked --incident-context file and keeps the link', async () => {
    const target = join(dir, 'target.json');
    await fs.writeFile(target, '{}');
    const link = join(dir, 'link.json');
    await fs.symlink(target, link);
    const r = await runInProcess(['x', '--incident-context', link], () => [created]);
    expect(r.status).toBe(0);
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await fs.readFile(target, 'utf8'))).toEqual({
      MSGraphCalendar: { Event: [{ ID: 'e1' }] },
    });
  });

  it('saves an EntryContext key that names __proto__ under its literal key, leaving prototypes alone', async () => {
    const file = join(dir, 'incident.json');
    const key = 'MSGraphCalendar(obj.ID === 1).__proto__.encoding(x)';
    const r = await runInProcess(['x', '--incident-context', file], () => [
      noteEntry({}, 'ok', { [key]: 'x' }),
    ]);
    try {
      expect(r.status).toBe(0);
      expect(({} as Record<string, unknown>).encoding).toBeUndefined();
      expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({ [key]: 'x' });
    } finally {
      delete (Object.prototype as Record<string, unknown>).encoding;
    }
  });
});

describe('CLI integration context lock failures', () => {
  it('reports an unusable lock file as an error (exit 1) naming it, never as a usage error', async () => {
    const ctx = join(dir, 'ctx.json');
    await fs.mkdir(`${ctx}.lock`);
    const r = await runInProcess(['test-module', '--context', ctx]);
    expect(r.stderr).toMatch(new RegExp(`^Error: .*${ctx}\\.lock is a directory`));
    expect(r.stderr).not.toMatch(/Usage/);
    expect(r.status).toBe(1);
    expect(r.calls).toBe(0);
  });
});

describe('CLI --json of deeply nested values', () => {
  it('prints the JSON cut at a fixed depth, notes it on stderr and exits 0', async () => {
    const deep: Entry = { Type: 1, Contents: nested(50_000), ContentsFormat: 'json', HumanReadable: 'x' };
    const r = await runInProcess(['x', '--json'], () => [deep]);
    expect(JSON.stringify(JSON.parse(r.stdout)[0].Contents)).toContain('nested too deep');
    expect(r.stderr).toMatch(/^Note: .*nested deeper than \d+ levels/);
    expect(r.status).toBe(0);
  });
});
