/** The CLI host in-process, with a stand-in integration `main` that records what it was given. */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorEntry, noteEntry, textEntry, type Entry } from '../../Packs/Base/Scripts/CommonServer/entries';
import { systemClock, type XsoarRuntime } from '../../Packs/Base/Scripts/CommonServer/runtime';
import type { IntegrationDeps } from '../../Integrations/MicrosoftGraphCalendar/deps';
import { runCli } from '../../scripts/cli';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'cli-host-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

interface Run {
  status: number;
  stdout: string;
  stderr: string;
  calls: { runtime: XsoarRuntime; deps: IntegrationDeps }[];
}

async function run(
  argv: string[],
  produce: (rt: XsoarRuntime) => Promise<Entry[]> | Entry[] = () => [textEntry('ok')],
  cwd?: string,
): Promise<Run> {
  const result: Run = { status: -1, stdout: '', stderr: '', calls: [] };
  const env = { AZURE_POD_IDENTITY_AUTHORITY_HOST: 'http://127.0.0.1:1' };
  result.status = await runCli(
    argv,
    { stdout: (t) => (result.stdout += t), stderr: (t) => (result.stderr += t), env, cwd },
    async (runtime, deps) => {
      result.calls.push({ runtime, deps });
      return produce(runtime);
    },
  );
  return result;
}

const SECRET = 'TOP-SECRET-KEY-VALUE';

async function paramsFile(
  name = 'myInstance.json',
  params: unknown = { url: 'https://graph', credentials_enc_key: { password: SECRET } },
) {
  const path = join(dir, name);
  await fs.writeFile(path, typeof params === 'string' ? params : JSON.stringify(params));
  return path;
}

describe('CLI usage errors', () => {
  it.each([[['test-module', '--nope']], [['test-module', 'not-a-pair']], [['--json']]])(
    'exits 2 for %j without running the command',
    async (argv) => {
      const r = await run(argv);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^Usage error: .+\nUsage: cli <command>/);
      expect(r.stdout).toBe('');
      expect(r.calls).toHaveLength(0);
    },
  );

  it('exits 2 for a missing params file, naming the flag and the path', async () => {
    const missing = join(dir, 'missing.json');
    const r = await run(['test-module', '--params', missing]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--params ${missing}: cannot read the file (no such file).`);
    expect(r.calls).toHaveLength(0);
  });

  it('exits 2 for unreadable JSON without echoing the file, which holds secrets', async () => {
    const path = await paramsFile('broken.json', `{"credentials_enc_key": {"password": "${SECRET}"`);
    const r = await run(['test-module', '--params', path]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--params ${path}: the file is not valid JSON.`);
    expect(r.stderr).not.toContain(SECRET);
  });

  it('exits 2 when the params file is not a JSON object', async () => {
    const r = await run(['test-module', '--params', await paramsFile('list.json', '[1]')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the file must hold a JSON object.');
  });

  it('exits 2 when the context file exists but is not a context file', async () => {
    const ctx = join(dir, 'ctx.json');
    await fs.writeFile(ctx, JSON.stringify({ access_token: SECRET }));
    const r = await run(['test-module', '--context', ctx]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--context: The integration context file ${ctx} is not a context file`);
    expect(r.stderr).not.toContain(SECRET);
  });

  it('prints the usage and exits 0 for --help', async () => {
    const r = await run(['--help']);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toMatch(/^Usage: cli <command>/);
  });
});

describe('CLI runtime', () => {
  it('hands the integration the params file, the arguments, the command, the environment and Node deps', async () => {
    const path = await paramsFile();
    const r = await run(['msgraph-calendar-list-events', '--params', path, 'top=5', 'user=a@b.c']);
    expect(r.status).toBe(0);
    const { runtime, deps } = r.calls[0];
    expect(runtime.params).toEqual({ url: 'https://graph', credentials_enc_key: { password: SECRET } });
    expect(runtime.args).toEqual({ top: '5', user: 'a@b.c' });
    expect(runtime.command).toBe('msgraph-calendar-list-events');
    expect(runtime.serverInfo).toEqual({ brand: 'Microsoft Graph Calendar', instanceName: 'myInstance' });
    expect(runtime.clock).toBe(systemClock);
    expect(runtime.incidentContext).toBeUndefined();
    expect(deps.env.AZURE_POD_IDENTITY_AUTHORITY_HOST).toBe('http://127.0.0.1:1');
    expect(typeof deps.httpFactory).toBe('function');
    expect(deps.crypto.randomBytes(4)).toHaveLength(4);
  });

  it('resolves relative file paths against the directory the user started in', async () => {
    await paramsFile('relative.json');
    const r = await run(
      ['test-module', '--params', 'relative.json', '--context', 'ctx.json'],
      undefined,
      dir,
    );
    expect(r.status).toBe(0);
    expect(r.calls[0].runtime.serverInfo.instanceName).toBe('relative');
    expect(JSON.parse(await fs.readFile(join(dir, 'ctx.json'), 'utf8'))).toEqual({ version: 0, data: {} });
  });

  it('uses an in-memory context without --context', async () => {
    const r = await run(['test-module'], async (rt) => {
      await rt.context.write({ a: 1 }, 0);
      return [textEntry(JSON.stringify(await rt.context.read()))];
    });
    expect(r.stdout).toBe('{"data":{"a":1},"version":1}\n');
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('creates a missing --context file and keeps what the command writes in it across runs', async () => {
    const ctx = join(dir, 'ctx.json');
    const bump = async (rt: XsoarRuntime) => {
      const { data, version } = await rt.context.read();
      await rt.context.write({ runs: Number(data.runs ?? 0) + 1 }, version);
      return [textEntry('ok')];
    };
    expect((await run(['test-module', '--context', ctx], bump)).status).toBe(0);
    expect((await run(['test-module', '--context', ctx], bump)).status).toBe(0);
    expect(JSON.parse(await fs.readFile(ctx, 'utf8'))).toEqual({ version: 2, data: { runs: 2 } });
  });

  it('prints notes to stdout and exits 1 with error entries on stderr', async () => {
    const r = await run(['test-module'], () => [
      textEntry('partial'),
      errorEntry('Error in API call [404] - Not Found'),
    ]);
    expect(r).toMatchObject({
      status: 1,
      stdout: 'partial\n',
      stderr: 'Error in API call [404] - Not Found\n',
    });
  });

  it('prints the entries as JSON with --json', async () => {
    const entry = noteEntry({ id: 'x' }, '### Event:', {
      'MSGraphCalendar.Event(val.ID === obj.ID)': [{ ID: 'x' }],
    });
    const r = await run(['test-module', '--json'], () => [entry]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        Type: 1,
        Contents: { id: 'x' },
        ContentsFormat: 'json',
        HumanReadable: '### Event:',
        EntryContext: { 'MSGraphCalendar.Event(val.ID === obj.ID)': [{ ID: 'x' }] },
      },
    ]);
  });

  it('writes the module log to stderr only with --debug', async () => {
    const logging = (rt: XsoarRuntime) => {
      rt.log.debug('token from cache');
      rt.log.error('retrying');
      return [textEntry('ok')];
    };
    expect((await run(['test-module'], logging)).stderr).toBe('');
    const r = await run(['test-module', '--debug'], logging);
    expect(r.stderr).toBe('[debug] token from cache\n[error] retrying\n');
    expect(r.stdout).toBe('ok\n');
  });

  it('turns a throwing integration into one error line, with the stack only under --debug', async () => {
    const boom = () => {
      throw new Error('boom\nsecond line');
    };
    const r = await run(['test-module'], boom);
    expect(r).toMatchObject({ status: 1, stdout: '', stderr: 'The integration failed unexpectedly: boom\n' });
    const debug = await run(['test-module', '--debug'], boom);
    expect(debug.stderr).toMatch(/^\[debug\] Error: boom\nsecond line\n\s+at /);
  });

  it('reads --incident-context, lets commands look up DT paths and saves their EntryContext', async () => {
    const file = join(dir, 'incident.json');
    await fs.writeFile(file, JSON.stringify({ MSGraphCalendar: { Event: [{ ID: 'e1', Subject: 's' }] } }));
    const r = await run(
      ['msgraph-calendar-delete-event', '--incident-context', file, 'event_id=e1'],
      (rt) => {
        const cached = rt.incidentContext?.('MSGraphCalendar.Event(val.ID === "e1")') as Record<
          string,
          unknown
        >;
        return [
          noteEntry({}, 'Event was deleted successfully.', {
            'MSGraphCalendar.Event(val.ID === obj.ID)': { ...cached, Deleted: true },
          }),
        ];
      },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({
      MSGraphCalendar: { Event: [{ ID: 'e1', Subject: 's', Deleted: true }] },
    });
  });

  it('starts from an empty incident context when the file is missing', async () => {
    const file = join(dir, 'new-incident.json');
    const r = await run(['x', '--incident-context', file], (rt) => [
      textEntry(String(rt.incidentContext?.('A.B'))),
    ]);
    expect(r.stdout).toBe('undefined\n');
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toEqual({});
  });
});
