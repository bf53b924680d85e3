/**
 * 32 commands of one instance at once, in-process, from an empty integration context: all
 * succeed, exactly one token request reaches the emulator, every create makes exactly one event,
 * and the context ends consistent. Two ways to share the context: one MemoryContextStore object
 * (single flight inside the process), and one store seen through separate wrapper objects, which
 * behaves like separate processes (only the lease in the context can coordinate them).
 */
import type { Entry } from '../../Packs/Base/Scripts/CommonServer/entries';
import { MemoryContextStore } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import type { IntegrationContextStore } from '../../Packs/Base/Scripts/CommonServer/runtime';
import { expectedHeading, mixedJobs, readableOf, type Job } from '../support/concurrentMix';
import { expectNote, instanceOf, MODES, useEmulator, type Mode } from '../support/emulatorHarness';
import { anyEventId, eventsWithSubject } from '../support/graphProbe';

const fixture = useEmulator();
const PARALLEL = 32;
const ALICE = 'alice@contoso.com';

/** A view of a shared store through its own object, as another process would have. */
class SeparateView implements IntegrationContextStore {
  constructor(private readonly shared: IntegrationContextStore) {}
  async read() {
    // Yield to the event loop like a file read would, so the commands really interleave.
    await new Promise((resolve) => setImmediate(resolve));
    return this.shared.read();
  }
  async write(data: Record<string, unknown>, expectedVersion: number) {
    await new Promise((resolve) => setImmediate(resolve));
    return this.shared.write(data, expectedVersion);
  }
}

let eventId: string;

beforeAll(async () => {
  eventId = await anyEventId(fixture.emu, ALICE);
});

function tokenRequests(): number {
  const counts = fixture.emu.tokenRequestCounts();
  return counts.identity + counts.imds + counts.oproxy;
}

async function runAll(mode: Mode, jobs: Job[], contextFor: (i: number) => IntegrationContextStore) {
  fixture.emu.clearRequests();
  return Promise.all(
    jobs.map(async (job, i): Promise<Entry> => {
      const instance = instanceOf(fixture.emu, mode, { context: contextFor(i) });
      const entry = await instance.exec(job.command, job.args);
      instance.expectClean();
      return entry;
    }),
  );
}

async function expectConsistent(jobs: Job[], entries: Entry[], shared: MemoryContextStore): Promise<void> {
  entries.forEach((entry, i) => expect(expectNote(entry)).toContain(expectedHeading(jobs[i])));
  expect(tokenRequests()).toBe(1);
  const data = shared.data;
  expect(typeof data.access_token).toBe('string');
  expect(typeof data.valid_until).toBe('number');
  expect(typeof data.auth_fingerprint).toBe('string');
  // The lease is released once the token is stored.
  expect(data.token_lease).toBeUndefined();
  expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  for (const job of jobs.filter((j) => j.subject)) {
    expect(await eventsWithSubject(fixture.emu, ALICE, job.subject as string)).toHaveLength(1);
  }
}

describe.each(MODES)('%s: 32 parallel commands', (mode) => {
  it('sharing one MemoryContextStore make one token request; all succeed; creates exist once', async () => {
    const shared = new MemoryContextStore();
    const jobs = mixedJobs(PARALLEL, eventId, `${mode} shared`);

    const entries = await runAll(mode, jobs, () => shared);

    await expectConsistent(jobs, entries, shared);
    expect(readableOf(entries[0])).toContain('Calendar');
  });

  it('through separate views of one context (like processes) still make one token request', async () => {
    const shared = new MemoryContextStore();
    const jobs = mixedJobs(PARALLEL, eventId, `${mode} views`);

    const entries = await runAll(mode, jobs, () => new SeparateView(shared));

    await expectConsistent(jobs, entries, shared);
  });
});
