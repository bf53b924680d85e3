/**
 * A CLI process killed while it holds the token lease (its token request still in flight): the
 * lease stays in the context file, recording the killed run (`<pid>@<host>`). A next CLI command on
 * the same host sees that this run is gone and takes over at once. A host that cannot tell (no run
 * identity) waits for the lease to lapse, then takes over; that command runs in-process on the same
 * file with a ManualClock, so the 60 s lease lapses without waiting (within the command's 60 s
 * budget: the lease was taken before that command began).
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import { bundledCliPath } from '../../scripts/host/buildCli';
import { FileContextStore } from '../../scripts/host/fileContextStore';
import { spawnCli, writeParams } from '../cli/spawnCli';
import { expectNote, instanceOf, useEmulator } from '../support/emulatorHarness';
import { pollUntil } from '../support/poll';

const fixture = useEmulator();

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'calendar-crash-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function contextData(path: string): Promise<Record<string, unknown>> {
  return (await new FileContextStore(path).read()).data;
}

/** Starts list-calendars as a CLI process and kills it while its token request is in flight. */
async function killMidTokenRequest(): Promise<{ contextFile: string; paramsFile: string; pid: number }> {
  const params = fixture.emu.instances.clientSecret;
  const contextFile = join(dir, 'context.json');
  const paramsFile = await writeParams(dir, 'instance', params);
  // The token answer takes long enough for the process to be killed while waiting for it.
  fixture.emu.addFault({ method: 'POST', path: '/*/oauth2/v2.0/token', delayMs: 20_000 });
  const child = spawn(
    process.execPath,
    [bundledCliPath, 'msgraph-calendar-list-calendars', '--params', paramsFile, '--context', contextFile],
    { env: { PATH: process.env.PATH ?? '' }, stdio: 'ignore' },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  try {
    const seen = await pollUntil(
      async () => fixture.emu.tokenRequestCounts().identity,
      (count) => count > 0,
    );
    expect(seen).toBe(1);
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  return { contextFile, paramsFile, pid: child.pid as number };
}

it('a command after a process killed mid token request waits for the lease when it cannot tell the run is gone', async () => {
  const { contextFile, pid } = await killMidTokenRequest();
  const orphaned = await contextData(contextFile);
  expect(orphaned.token_lease).toEqual({
    owner: expect.any(String),
    until: expect.any(Number),
    run: `${pid}@${hostname()}`,
  });
  expect(orphaned.access_token).toBeUndefined();

  const clock = new ManualClock(Date.now());
  const started = clock.now();
  fixture.useClock(clock);
  const next = instanceOf(fixture.emu, 'clientSecret', { clock, context: new FileContextStore(contextFile) });
  expect(expectNote(await next.exec('msgraph-calendar-list-calendars'))).toContain('| Calendar |');

  // It waited (in manual time) until the orphaned lease lapsed, then made exactly one request of its own.
  const until = (orphaned.token_lease as { until: number }).until;
  expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(until - started);
  expect(fixture.emu.tokenRequestCounts().identity).toBe(2);
  const after = await contextData(contextFile);
  expect(typeof after.access_token).toBe('string');
  expect(after.token_lease).toBeUndefined();
  next.expectClean();
});

it('a CLI command after a CLI process killed mid token request takes over the lease at once', async () => {
  const { contextFile, paramsFile } = await killMidTokenRequest();
  const r = await spawnCli(
    ['msgraph-calendar-list-calendars', '--params', paramsFile, '--context', contextFile, '--debug'],
    fixture.emu.env,
  );
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('| Calendar |');
  // The killed run's lease was not waited for: it made exactly one token request of its own.
  expect(r.stderr).not.toContain('waiting for it');
  expect(fixture.emu.tokenRequestCounts().identity).toBe(2);
  const after = await contextData(contextFile);
  expect(typeof after.access_token).toBe('string');
  expect(after.token_lease).toBeUndefined();
});
