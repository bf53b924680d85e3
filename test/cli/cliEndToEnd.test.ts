/** The bundled CLI as a separate process against the in-process emulator, for every auth mode. */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { contextSecrets, secretsOf, spawnCli, writeParams, type CliResult } from './spawnCli';

const MODES = [
  'oproxy',
  'clientSecret',
  'certificate',
  'managedIdentitySystem',
  'managedIdentityUser',
] as const;

let emulator: RunningEmulator;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  emulator = await startEmulator();
  env = { ...emulator.env };
  dir = await fs.mkdtemp(join(tmpdir(), 'cli-e2e-'));
});
afterAll(async () => {
  await emulator?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

function expectNoSecrets(results: CliResult[], secrets: string[]): void {
  expect(secrets.length).toBeGreaterThan(0);
  for (const r of results)
    for (const s of secrets) {
      expect(r.stdout).not.toContain(s);
      expect(r.stderr).not.toContain(s);
    }
}

/** The one EntryContext value under a key whose path (before any DT) is `path`. */
function contextAt(result: CliResult, path: string): unknown {
  const [entry] = JSON.parse(result.stdout) as { EntryContext: Record<string, unknown> }[];
  const key = Object.keys(entry.EntryContext).find((k) => k.split('(')[0] === path);
  expect(key).toBeDefined();
  return entry.EntryContext[key as string];
}

describe.each(MODES)('CLI in %s mode', (mode) => {
  it('runs test-module, list-calendars, create-event and delete-event with a shared context file', async () => {
    const params = emulator.instances[mode];
    const paramsFile = await writeParams(dir, mode, params);
    const ctx = join(dir, `${mode}-context.json`);
    const base = ['--params', paramsFile, '--context', ctx, '--debug'];
    emulator.clearRequests();

    const test = await spawnCli(['test-module', ...base], env);
    expect(test).toMatchObject({ status: 0, stdout: 'ok\n' });

    const list = await spawnCli(['msgraph-calendar-list-calendars', ...base, '--json'], env);
    expect(list.status).toBe(0);
    const calendars = contextAt(list, 'MSGraphCalendar.Calendar') as { Name: string }[];
    expect(calendars[0].Name).toBe('Calendar');

    const subject = `cli e2e ${mode}`;
    const create = await spawnCli(
      [
        'msgraph-calendar-create-event',
        ...base,
        '--json',
        `calendar_id=${calendars[0].Name}`,
        `subject=${subject}`,
        'start=2026-03-01T10:00:00',
        'end=2026-03-01T10:30:00',
        'time_zone=UTC',
      ],
      env,
    );
    expect(create.status).toBe(0);
    const [created] = contextAt(create, 'MSGraphCalendar.Event') as { ID: string; Subject: string }[];
    expect(created.Subject).toBe(subject);

    const del = await spawnCli(['msgraph-calendar-delete-event', ...base, `event_id=${created.ID}`], env);
    expect(del.status).toBe(0);
    expect(del.stdout).toBe('Event was deleted successfully.\n');

    const graph = emulator
      .requests({ kind: 'graph' })
      .map((r) => `${r.method} ${decodeURIComponent(r.path)}`);
    expect(graph).toEqual(
      expect.arrayContaining([
        'GET /v1.0/users/alice@contoso.com/calendars',
        'POST /v1.0/users/alice@contoso.com/calendars/Calendar/events',
        `DELETE /v1.0/users/alice@contoso.com/calendar/events/${created.ID}`,
      ]),
    );
    const post = emulator.requests({ kind: 'graph', method: 'POST' })[0];
    expect(post.body).toMatchObject({
      Subject: subject,
      Start: { dateTime: '2026-03-01T10:00:00', timeZone: 'UTC' },
    });
    // One token for the whole session: later processes reuse the token cached in the context file.
    const tokens = emulator.tokenRequestCounts();
    expect(tokens.identity + tokens.imds + tokens.oproxy).toBe(1);

    const secrets = [...secretsOf(params, mode), ...(await contextSecrets(ctx))];
    expectNoSecrets([test, list, create, del], secrets);
  });
});

describe('CLI failures', () => {
  it('exits 1 with one readable line and no secret when the client secret is wrong', async () => {
    const wrong = 'Wrong-Secret~Value-0123456789';
    const params = {
      ...emulator.instances.clientSecret,
      credentials_enc_key: { identifier: '', password: wrong },
    };
    const paramsFile = await writeParams(dir, 'wrongSecret', params);
    const r = await spawnCli(['test-module', '--params', paramsFile], env);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/invalid_client|AADSTS7000215/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expectNoSecrets([r], [wrong]);
  });

  it('exits 1 and prints no secret with --debug either', async () => {
    const wrong = 'Another-Wrong-Secret-9876543210';
    const params = {
      ...emulator.instances.clientSecret,
      credentials_enc_key: { identifier: '', password: wrong },
    };
    const r = await spawnCli(
      ['test-module', '--debug', '--params', await writeParams(dir, 'wrongDebug', params)],
      env,
    );
    expect(r.status).toBe(1);
    expectNoSecrets([r], [wrong, ...secretsOf(emulator.instances.clientSecret, 'clientSecret')]);
  });

  it('reports an unknown event as an error entry with exit status 1', async () => {
    const paramsFile = await writeParams(dir, 'unknownEvent', emulator.instances.clientSecret);
    const r = await spawnCli(
      ['msgraph-calendar-get-event', '--params', paramsFile, 'event_id=does-not-exist'],
      env,
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/ErrorItemNotFound/);
  });

  it('exits 2 on a usage error without contacting anyone', async () => {
    emulator.clearRequests();
    const r = await spawnCli(['test-module', '--params', join(dir, 'nope.json')], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Usage error: --params .*nope\.json: cannot read the file \(no such file\)\./);
    expect(emulator.requests()).toEqual([]);
  });

  it('keeps the context file valid when several CLI processes share it at once', async () => {
    const paramsFile = await writeParams(dir, 'parallel', emulator.instances.clientSecret);
    const ctx = join(dir, 'parallel-context.json');
    const runs = await Promise.all(
      Array.from({ length: 4 }, () =>
        spawnCli(['test-module', '--params', paramsFile, '--context', ctx], env),
      ),
    );
    expect(runs.map((r) => [r.status, r.stdout])).toEqual(Array(4).fill([0, 'ok\n']));
    const file = JSON.parse(await fs.readFile(ctx, 'utf8')) as {
      version: number;
      data: Record<string, unknown>;
    };
    expect(file.version).toBeGreaterThan(0);
    expect(typeof file.data.access_token).toBe('string');
  });
});
