/**
 * The scenario the QuickJS suite runs against the emulator with the built server script, once per
 * library level: test-module in the five authentication modes, then list-calendars, create-event,
 * get-event, update-event, list-events and delete-event. The only difference between the two runs
 * is the engine's library: full, or reduced to ES5 (scripts/sandbox/es5Library.js).
 */
import { runBundle, SandboxIntegrationContext } from '../../scripts/sandbox/runBundle';
import type { SandboxResult } from '../../scripts/sandbox/runBundle';
import { IMDS_ORIGIN, TOKEN_KIND, type BuiltScriptFixture } from '../support/builtScript';

type Mode = keyof typeof TOKEN_KIND;
const MODES = Object.keys(TOKEN_KIND) as Mode[];
const EVENT_KEY = 'MSGraphCalendar.Event(val.ID === obj.ID)';

type EventEntry = { Type: number; EntryContext: Record<string, { ID: string; Subject: string }[]> };

/** Declares the QuickJS scenario for one library level. */
export function describeQuickJsScenario(library: 'full' | 'es5', setup: () => BuiltScriptFixture): void {
  async function run(
    mode: Mode,
    context: SandboxIntegrationContext,
    command: string,
    args: Record<string, unknown> = {},
  ): Promise<SandboxResult> {
    const { script, emulator } = setup();
    const result = await runBundle(script, {
      command,
      args,
      params: emulator.instances[mode],
      context,
      hostMap: { [IMDS_ORIGIN]: emulator.url },
      engine: 'quickjs',
      library,
    });
    expect(result.error).toBeUndefined();
    expect(result.presentGlobals).toEqual([]);
    expect(result.resultKind).not.toBe('thenable');
    if (library === 'es5') expect(result.library?.removed).toEqual(expect.arrayContaining(['Map', 'Symbol']));
    return result;
  }

  // Method and decoded path of each Graph request (the event id's encoding is not this suite's business).
  const graphCalls = () =>
    setup()
      .emulator.requests({ kind: 'graph' })
      .map((r) => `${r.method} ${decodeURIComponent(r.path)}`);
  const userPath = '/v1.0/users/alice@contoso.com';

  describe.each(MODES)(`QuickJS (${library} library): test-module with %s authentication`, (mode) => {
    it('returns ok after one token request and one Graph call', async () => {
      setup().emulator.clearRequests();
      const result = await run(mode, new SandboxIntegrationContext(), 'test-module');
      expect(result.result).toBe('ok');
      expect(setup().emulator.tokenRequestCounts()[TOKEN_KIND[mode]]).toBe(1);
      expect(graphCalls()).toEqual([expect.stringMatching(/^GET \/v1\.0\/users/)]);
    });
  });

  describe(`QuickJS (${library} library): the event commands with a cached token`, () => {
    const context = new SandboxIntegrationContext();
    const subject = `QuickJS ${library}`;
    let id = '';

    beforeAll(async () => {
      expect((await run('clientSecret', context, 'test-module')).result).toBe('ok');
    });
    beforeEach(() => setup().emulator.clearRequests());
    afterEach(() =>
      expect(setup().emulator.tokenRequestCounts()).toEqual({ identity: 0, imds: 0, oproxy: 0 }),
    );

    it('list-calendars lists the calendars', async () => {
      const entry = (await run('clientSecret', context, 'msgraph-calendar-list-calendars')).result as {
        EntryContext: Record<string, { Name: string }[]>;
      };
      expect(entry.EntryContext['MSGraphCalendar.Calendar(val.ID === obj.ID)'].map((c) => c.Name)).toContain(
        'Calendar',
      );
      expect(graphCalls()).toEqual([`GET ${userPath}/calendars`]);
    });

    it('create-event creates the event', async () => {
      const args = {
        subject,
        start: '2026-12-01T10:00:00',
        end: '2026-12-01T11:00:00',
        attendees: 'bob@contoso.com',
      };
      const entry = (await run('clientSecret', context, 'msgraph-calendar-create-event', args))
        .result as EventEntry;
      id = entry.EntryContext[EVENT_KEY][0].ID;
      expect(entry.EntryContext[EVENT_KEY][0].Subject).toBe(subject);
      expect(graphCalls()).toEqual([expect.stringMatching(/^POST .*\/events$/)]);
    });

    it('get-event reads it back', async () => {
      const entry = (await run('clientSecret', context, 'msgraph-calendar-get-event', { event_id: id }))
        .result as EventEntry & { HumanReadable: string };
      expect(entry.HumanReadable.split('\n')[0]).toBe(`### Event - ${subject}`);
      expect(graphCalls()).toEqual([expect.stringMatching(/^GET /)]);
      expect(graphCalls()[0].endsWith(`/events/${id}`)).toBe(true);
    });

    it('update-event renames it', async () => {
      const args = { event_id: id, subject: `${subject} renamed` };
      const entry = (await run('clientSecret', context, 'msgraph-calendar-update-event', args))
        .result as EventEntry;
      expect(entry.EntryContext[EVENT_KEY][0].Subject).toBe(`${subject} renamed`);
      expect(graphCalls()).toEqual([expect.stringMatching(/^PATCH /)]);
      expect(graphCalls()[0].endsWith(`/events/${id}`)).toBe(true);
    });

    it('list-events finds it with a filter', async () => {
      const args = { filter_by: `subject eq '${subject} renamed'` };
      const entry = (await run('clientSecret', context, 'msgraph-calendar-list-events', args))
        .result as EventEntry;
      expect(entry.EntryContext[EVENT_KEY].map((e) => e.ID)).toEqual([id]);
      expect(graphCalls()).toEqual([expect.stringMatching(/^GET .*\/events$/)]);
    });

    it('delete-event deletes it', async () => {
      const entry = (await run('clientSecret', context, 'msgraph-calendar-delete-event', { event_id: id }))
        .result as { EntryContext: Record<string, { ID: string; Deleted: boolean }> };
      expect(entry.EntryContext[EVENT_KEY]).toMatchObject({ ID: id, Deleted: true });
      expect(graphCalls()).toEqual([expect.stringMatching(/^DELETE /)]);
      expect(graphCalls()[0].endsWith(`/events/${id}`)).toBe(true);
    });
  });
}
