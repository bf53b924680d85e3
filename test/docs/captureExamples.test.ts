/**
 * Running command examples through main() against the emulator: the requests actually sent, the
 * `${...}` references resolved from earlier lines, normalization, and failures.
 */
import { captureExamples, instanceSecrets } from '../../scripts/docs/examples/runExamples';
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ now: () => Date.UTC(2026, 0, 1) });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const graphCalls = () =>
  emu
    .requests({ kind: 'graph' })
    .map((r) => ({ method: r.method, path: decodeURIComponent(r.path), query: { ...r.query } }));

describe('captureExamples', () => {
  it('runs the lines in order, feeding ${...} references from the context of earlier lines', async () => {
    const examples = await captureExamples(
      [
        '!msgraph-calendar-create-event subject="Docs test" start=2026-03-02T10:00:00 end=2026-03-02T10:30:00 time_zone=UTC',
        '!msgraph-calendar-get-event event_id=${MSGraphCalendar.Event.ID}',
      ],
      { emulator: emu },
    );
    const calls = graphCalls();
    expect(calls.map((c) => `${c.method} ${c.path.replace(/events\/[^/]+$/, 'events/<id>')}`)).toEqual([
      'POST /v1.0/users/alice@contoso.com/calendar/events',
      'GET /v1.0/users/alice@contoso.com/calendar/events/<id>',
    ]);
    const created = emu.requests({ kind: 'graph', method: 'POST' })[0].body as Record<string, unknown>;
    expect(created).toMatchObject({
      Subject: 'Docs test',
      Start: { dateTime: '2026-03-02T10:00:00', timeZone: 'UTC' },
    });
    // The GET went to the id the POST created, which the examples show as a placeholder.
    const get = examples.get('msgraph-calendar-get-event')?.[0];
    expect(get?.line).toBe('!msgraph-calendar-get-event event_id=${MSGraphCalendar.Event.ID}');
    expect(get?.context).toMatchObject({
      MSGraphCalendar: { Event: { ID: 'example-id-1', Subject: 'Docs test' } },
    });
    expect(get?.humanReadable).toContain('### Event - Docs test');
    expect(get?.humanReadable).toContain('| example-id-1 |');
    expect(JSON.stringify([...examples.values()])).not.toMatch(/127\.0\.0\.1|AAMkAD/);
  });

  it('passes the other arguments as typed, quotes removed', async () => {
    await captureExamples(['!msgraph-calendar-list-events filter_by="startswith(subject,\'test\')" top=2'], {
      emulator: emu,
    });
    expect(graphCalls()).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/v1.0/users/alice@contoso.com/events',
        query: expect.objectContaining({ $filter: "startswith(subject,'test')", $top: '2' }),
      }),
    ]);
  });

  it('fails with the line and the integration error when a command fails', async () => {
    await expect(
      captureExamples(['!msgraph-calendar-get-event event_id=does-not-exist'], { emulator: emu }),
    ).rejects.toThrow(/^Command example "!msgraph-calendar-get-event event_id=does-not-exist" failed: .*404/);
    expect(graphCalls()).toHaveLength(1);
  });

  it('fails before any request when a reference finds nothing in the context', async () => {
    await expect(
      captureExamples(['!msgraph-calendar-get-event event_id=${MSGraphCalendar.Event.ID}'], {
        emulator: emu,
      }),
    ).rejects.toThrow('${MSGraphCalendar.Event.ID} is not in the context');
    expect(graphCalls()).toEqual([]);
  });
});

describe('instanceSecrets', () => {
  it('lists every credential password and the private key body of an instance', () => {
    const secrets = instanceSecrets({
      credentials_enc_key: { identifier: '', password: 'client-secret-value' },
      credentials_auth_id: { identifier: '', password: 'short' },
      private_key: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
      url: 'https://graph.microsoft.com',
    });
    expect(secrets).toEqual(['client-secret-value', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC']);
  });
});
