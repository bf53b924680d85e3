/**
 * 32 CLI processes at once (the bundled CLI), mixing reads and writes against one instance and
 * one context file that does not exist yet: every process exits 0, the context file is valid JSON
 * with a consistent version, exactly one token request reached the emulator, and every create
 * produced exactly one event.
 */
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli, writeParams, type CliResult } from '../cli/spawnCli';
import { expectedHeading, mixedJobs, type Job } from '../support/concurrentMix';
import { useEmulator, type Mode } from '../support/emulatorHarness';
import { anyEventId, eventsWithSubject } from '../support/graphProbe';
import { expectNoInternals, leakedSecrets, secretsOf } from '../support/userFacing';

const fixture = useEmulator();
const PARALLEL = 32;
const ALICE = 'alice@contoso.com';

let dir: string;
let eventId: string;

beforeAll(async () => {
  eventId = await anyEventId(fixture.emu, ALICE);
});
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'calendar-concurrency-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function argv(job: Job, paramsFile: string, contextFile: string): string[] {
  const pairs = Object.entries(job.args).map(([name, value]) => `${name}=${value}`);
  return [job.command, '--params', paramsFile, '--context', contextFile, ...pairs];
}

async function readContextFile(path: string): Promise<{ version: number; data: Record<string, unknown> }> {
  // JSON.parse throws (failing the test) on a torn or corrupted file.
  return JSON.parse(await fs.readFile(path, 'utf8')) as { version: number; data: Record<string, unknown> };
}

function tokenRequests(): number {
  const counts = fixture.emu.tokenRequestCounts();
  return counts.identity + counts.imds + counts.oproxy;
}

function expectSucceeded(results: CliResult[], jobs: Job[], secrets: string[]): void {
  results.forEach((result, i) => {
    expect({ job: jobs[i].command, status: result.status, stderr: result.stderr }).toEqual({
      job: jobs[i].command,
      status: 0,
      stderr: '',
    });
    expect(result.stdout).toContain(expectedHeading(jobs[i]));
    expect(leakedSecrets(result.stdout + result.stderr, secrets)).toEqual([]);
    expectNoInternals(result.stdout + result.stderr);
  });
}

// Generous: 32 Node processes on 2 cores, possibly next to other suites.
jest.setTimeout(120_000);

describe.each<Mode>(['clientSecret', 'oproxy'])('%s: 32 CLI processes on one context file', (mode) => {
  it('all exit 0; one token request; the file stays valid; every create exists exactly once', async () => {
    const params = fixture.emu.instances[mode];
    const paramsFile = await writeParams(dir, 'instance', params);
    const contextFile = join(dir, 'context.json');
    const jobs = mixedJobs(PARALLEL, eventId, `${mode} cli`);
    fixture.emu.clearRequests();

    const results = await Promise.all(
      jobs.map((job) => spawnCli(argv(job, paramsFile, contextFile), { ...fixture.emu.env })),
    );

    expectSucceeded(results, jobs, secretsOf(params));
    expect(tokenRequests()).toBe(1);
    const context = await readContextFile(contextFile);
    expect(Number.isSafeInteger(context.version) && context.version >= 2).toBe(true);
    expect(typeof context.data.access_token).toBe('string');
    expect(context.data.token_lease).toBeUndefined();
    expect(existsSync(`${contextFile}.lock`)).toBe(false);
    expect((await fs.readdir(dir)).sort()).toEqual(['context.json', 'instance.json']);
    for (const job of jobs.filter((j) => j.subject)) {
      expect(await eventsWithSubject(fixture.emu, ALICE, job.subject as string)).toHaveLength(1);
    }

    // The file is usable afterwards: a further command reuses the token and writes nothing.
    const again = await spawnCli(argv(jobs[0], paramsFile, contextFile), { ...fixture.emu.env });
    expect(again.status).toBe(0);
    expect(tokenRequests()).toBe(1);
    expect((await readContextFile(contextFile)).version).toBe(context.version);
  });
});
