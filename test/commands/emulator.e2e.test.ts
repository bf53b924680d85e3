/**
 * `main` end to end against the embedded Microsoft emulator (loopback only), with the Node HTTP
 * factory and crypto: the upstream test playbook per authentication mode, plus the fixes that
 * only a real transport can prove (retried create without duplicate, foreign or relative next_link
 * never contacted, paging with limit, a real 404). Values pass between steps through the host's
 * incident context, as under `npm start`.
 */
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import {
  createMemoryRuntime,
  ManualClock,
  MemoryContextStore,
  MemoryLogger,
} from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import type { Clock } from '../../Packs/Base/Scripts/CommonServer/runtime';
import type { Entry } from '../../Packs/Base/Scripts/CommonServer/entries';
import type { MicrosoftDeps } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/deps';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { nodeHttpFactory } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/nodeHttp';
import { MicrosoftClient } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/MicrosoftClient';
import { SETTINGS } from '../../Integrations/MicrosoftGraphCalendar/definition';
import { main } from '../../Integrations/MicrosoftGraphCalendar/MicrosoftGraphCalendar';
import { IncidentContext } from '../../scripts/host/incidentContext';

let emu: RunningEmulator;
let deps: MicrosoftDeps;

beforeAll(async () => {
  emu = await startEmulator({ largeCalendarEvents: 250 });
  deps = { httpFactory: nodeHttpFactory, crypto: nodeCrypto, env: { ...emu.env } };
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => emu.reset());

type Mode = 'oproxy' | 'clientSecret' | 'certificate' | 'managedIdentitySystem' | 'managedIdentityUser';

/** The secret strings of an instance's params, as the module itself masks them. */
function secretsOf(params: Record<string, unknown>): string[] {
  return MicrosoftClient.secretsOf(params, SETTINGS).filter((s) => s.length > 3);
}

/** One instance: a shared integration context and a shared (simulated) incident context. */
function instance(mode: Mode, overrides: Record<string, unknown> = {}, clock?: Clock) {
  const params = { ...emu.instances[mode], ...overrides };
  const context = new MemoryContextStore();
  const log = new MemoryLogger();
  const incident = new IncidentContext();
  const entries: Entry[] = [];
  const exec = async (command: string, args: Record<string, unknown> = {}): Promise<Entry> => {
    const runtime = createMemoryRuntime({ command, args, params, context, log, clock });
    const result = await main({ ...runtime, incidentContext: (path) => incident.get(path) }, deps);
    expect(result).toHaveLength(1);
    entries.push(result[0]);
    incident.merge(result[0].EntryContext);
    return result[0];
  };
  /** Asserts that no secret of the instance appears in any entry or log line so far. */
  const expectNoSecretLeaked = (): void => {
    const everything = JSON.stringify(entries) + log.text();
    for (const secret of secretsOf(params)) expect(everything).not.toContain(secret);
  };
  return { exec, incident, log, expectNoSecretLeaked };
}

function expectOk(entry: Entry): void {
  expect({ type: entry.Type, contents: entry.Type === 4 ? entry.Contents : '' }).toEqual({
    type: 1,
    contents: '',
  });
}

function graphCalls(): { method: string; path: string; query: Record<string, string>; body?: unknown }[] {
  return emu
    .requests({ kind: 'graph' })
    .map((r) => ({ method: r.method, path: r.path, query: { ...r.query }, body: r.body }));
}

describe.each<Mode>([
  'oproxy',
  'clientSecret',
  'certificate',
  'managedIdentitySystem',
  'managedIdentityUser',
])('upstream test playbook against the emulator (%s)', (mode) => {
  it('passes test-module and every step, deleting the event read from ${MSGraphCalendar.ID}', async () => {
    const { exec, incident, expectNoSecretLeaked } = instance(mode);
    expect(await exec('test-module')).toEqual({ Type: 1, Contents: 'ok', ContentsFormat: 'text' });
    expectOk(await exec('msgraph-calendar-list-calendars'));
    const names = incident.get('MSGraphCalendar.Calendar.Name') as string[];
    expectOk(
      await exec('msgraph-calendar-create-event', {
        calendar_id: names[0],
        subject: 'test - delete',
        attendees: 'someemail@domain.com',
        body: 'created by the e2e test',
        location: 'Tel Aviv',
        start: '2022-12-11T17:00:00',
        end: '2022-12-11T17:30:00',
        time_zone: 'Asia/Jerusalem',
      }),
    );
    const [createdId] = incident.get('MSGraphCalendar.Event.ID') as string[];
    const got = await exec('msgraph-calendar-get-event', { event_id: createdId });
    expect(got.HumanReadable?.split('\n')[0]).toBe('### Event - test - delete');
    expectOk(await exec('msgraph-calendar-update-event', { event_id: createdId, subject: 'updated' }));
    const listed = await exec('msgraph-calendar-list-events', { filter_by: "startswith(subject,'updated')" });
    expect(listed.HumanReadable).toContain('| updated |');
    expect(incident.get('MSGraphCalendar.ID')).toEqual([createdId]);
    const deleted = await exec('msgraph-calendar-delete-event', {
      event_id: incident.get('MSGraphCalendar.ID'),
    });
    // update-event's root key made the root the list of updated events: the deleted event is
    // reported by its ID alone (as `npm start`'s playbook expects).
    expect(deleted.EntryContext?.['MSGraphCalendar.Event(val.ID === obj.ID)']).toEqual({
      ID: createdId,
      Deleted: true,
    });

    const afterDelete = await exec('msgraph-calendar-get-event', { event_id: createdId });
    expect(afterDelete.Type).toBe(4);
    expect(String(afterDelete.Contents)).toContain('ErrorItemNotFound');
    expectNoSecretLeaked();
  });
});

describe('fixes proven against the emulator', () => {
  it('update-event leaves body, location and attendees untouched', async () => {
    const { exec } = instance('clientSecret');
    const created = await exec('msgraph-calendar-create-event', {
      subject: 'keep me',
      body: 'the body',
      location: 'Room 7',
      attendees: 'bob@contoso.com',
    });
    const id = (created.Contents as { id: string }).id;
    const updated = (await exec('msgraph-calendar-update-event', { event_id: id, subject: 'renamed' }))
      .Contents as Record<string, unknown>;
    expect(updated.subject).toBe('renamed');
    expect(updated.body).toMatchObject({ content: 'the body' });
    expect(updated.location).toMatchObject({ displayName: 'Room 7' });
    expect(updated.attendees).toEqual([
      expect.objectContaining({ emailAddress: expect.objectContaining({ address: 'bob@contoso.com' }) }),
    ]);
  });

  it('a create whose response is lost is retried with the same transactionId and creates one event', async () => {
    // A manual clock: the transport's retry back-off passes without waiting.
    const clock = new ManualClock(Date.now());
    const { exec } = instance('clientSecret', {}, clock);
    expectOk(await exec('test-module'));
    emu.addFault({ method: 'POST', path: '/v1.0/users/*/calendar/events', dropResponse: true });
    emu.clearRequests();
    const entry = await exec('msgraph-calendar-create-event', { subject: 'exactly once' });
    expectOk(entry);
    const posts = graphCalls().filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(clock.sleeps.length).toBeGreaterThan(0);
    expect((posts[0].body as Record<string, unknown>).TransactionId).toBe(
      (posts[1].body as Record<string, unknown>).TransactionId,
    );
    const found = await exec('msgraph-calendar-list-events', { filter_by: "subject eq 'exactly once'" });
    expect((found.Contents as { value: unknown[] }).value).toHaveLength(1);
  });

  it('a foreign next_link yields an error entry naming next_link and nothing reaches any host', async () => {
    const { exec } = instance('clientSecret');
    emu.clearRequests();
    const entry = await exec('msgraph-calendar-list-events', {
      next_link: `${emu.url.replace('127.0.0.1', 'localhost')}/v1.0/users`,
    });
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toContain('next_link');
    expect(emu.requests()).toEqual([]);
  });

  it.each(['../../admin', 'events?$skip=1', '%2e%2e/%2e%2e/'])(
    'a relative next_link %j is refused naming next_link, and nothing reaches any host',
    async (link) => {
      const { exec } = instance('clientSecret');
      expectOk(await exec('msgraph-calendar-get-calendar'));
      emu.clearRequests();
      const entry = await exec('msgraph-calendar-list-events', { next_link: link });
      expect(entry.Type).toBe(4);
      expect(String(entry.Contents)).toContain('next_link');
      expect(emu.requests()).toEqual([]);
    },
  );

  it('list-events with limit follows the emulator next links and surfaces the remaining one', async () => {
    const { exec } = instance('clientSecret');
    const entry = await exec('msgraph-calendar-list-events', {
      user: 'bulk@contoso.com',
      top: '100',
      limit: '150',
    });
    expectOk(entry);
    expect((entry.EntryContext?.['MSGraphCalendar.Event(val.ID === obj.ID)'] as unknown[]).length).toBe(150);
    const nextLink = entry.EntryContext?.['MSGraphCalendar.Event(val.ID === obj.ID).NextLink'] as string;
    expect(nextLink.startsWith(`${emu.url}/v1.0/`)).toBe(true);
    const rest = await exec('msgraph-calendar-list-events', { next_link: nextLink, limit: '1000' });
    expect((rest.EntryContext?.['MSGraphCalendar.Event(val.ID === obj.ID)'] as unknown[]).length).toBe(50);
    expect(rest.EntryContext).not.toHaveProperty(['MSGraphCalendar.Event(val.ID === obj.ID).NextLink']);
    expect(graphCalls().filter((r) => r.method === 'GET' && r.path.includes('bulk'))).toHaveLength(3);
  });

  it('get-calendar without calendar_id returns the default calendar', async () => {
    const { exec } = instance('clientSecret');
    const entry = await exec('msgraph-calendar-get-calendar');
    expectOk(entry);
    expect(entry.HumanReadable).toContain('| Calendar |');
    expect(graphCalls().map((r) => r.path)).toEqual(['/v1.0/users/alice%40contoso.com/calendar']);
  });

  it('an unknown event id is one error entry with the Graph code', async () => {
    const { exec } = instance('clientSecret');
    const entry = await exec('msgraph-calendar-get-event', { event_id: 'does-not-exist' });
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toContain('ErrorItemNotFound');
  });

  it('never writes a secret of the instance into entries or logs when authentication fails', async () => {
    const wrong = { credentials_enc_key: { identifier: '', password: 'wrong-secret-value-123' } };
    const { exec, expectNoSecretLeaked } = instance('clientSecret', wrong);
    const entry = await exec('msgraph-calendar-list-calendars');
    expect(entry.Type).toBe(4);
    expect(String(entry.Contents)).toContain('invalid_client');
    expectNoSecretLeaked();
  });
});
