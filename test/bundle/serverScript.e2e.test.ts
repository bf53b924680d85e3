/**
 * The built server script (dist-style YAML, read back) run in the sandbox against the emulator,
 * for every authentication mode: test-module, list-calendars, create-event, list-events and
 * auth-reset, with the integration context kept between runs like the server keeps it.
 */
import type { RunningEmulator } from '../../scripts/emulator/index';
import { runBundle, SandboxIntegrationContext } from '../../scripts/sandbox/runBundle';
import type { SandboxOptions, SandboxResult } from '../../scripts/sandbox/runBundle';
import { IMDS_ORIGIN, TOKEN_KIND, useBuiltScript } from '../support/builtScript';

type Mode = keyof typeof TOKEN_KIND;

const built = useBuiltScript('server-script-');
let emulator: RunningEmulator;
let script: string;
beforeAll(() => {
  ({ script, emulator } = built());
});

/** The secrets in the instance params by param name: Key or client secret, private key, oproxy Token. */
function secretsOf(mode: Mode, params: Record<string, unknown>): [string, string][] {
  // A self-deployed app's Token field is the tenant id, which is not secret (it is in the token URL).
  const names = mode === 'oproxy' ? /enc_key|private_key|tenant_id/ : /enc_key|private_key/;
  const out: [string, string][] = [];
  for (const [name, value] of Object.entries(params)) {
    const text =
      typeof value === 'object' && value !== null ? (value as { password?: unknown }).password : value;
    if (typeof text === 'string' && text.length >= 8 && names.test(name)) out.push([name, text]);
  }
  return out;
}

/** The names of the params whose secret value appears in `text` (never the values: test output). */
function leakedParams(mode: Mode, params: Record<string, unknown>, text: string): string[] {
  return secretsOf(mode, params)
    .filter(([, secret]) => text.includes(secret))
    .map(([name]) => name);
}

describe('the server script on a server older than 6.2 (no versioned context)', () => {
  it('still caches the token between runs through the bare context calls', async () => {
    const context = new SandboxIntegrationContext();
    const options: SandboxOptions = {
      command: 'test-module',
      params: emulator.instances.clientSecret,
      context,
      serverVersion: '6.1.0',
    };
    emulator.clearRequests();
    expect((await runBundle(script, options)).result).toBe('ok');
    const listed = await runBundle(script, { ...options, command: 'msgraph-calendar-list-calendars' });
    expect(listed.result).toMatchObject({ Type: 1 });
    expect(emulator.tokenRequestCounts().identity).toBe(1);
    expect(context.version).toBeGreaterThan(0);
  });
});

describe('the oproxy token call from the server script', () => {
  it('carries the X-Content info headers from the build and the server globals', async () => {
    const run = await runBundle(script, {
      command: 'test-module',
      params: emulator.instances.oproxy,
      serverVersion: '6.12.0',
      buildNumber: '987',
    });
    const call = run.httpCalls.find((c) => c.url.endsWith('/obtain-token'));
    expect(call?.headers).toMatchObject({
      'X-Content-Version': ['1.0.0'],
      'X-Content-Name': ['Microsoft Graph Calendar'],
      'X-Content-Branch': ['master'],
      'X-Content-Server-Version': ['6.12.0-987'],
    });
  });
});

describe.each(Object.keys(TOKEN_KIND) as Mode[])('the server script with %s authentication', (mode) => {
  const context = new SandboxIntegrationContext();
  const subject = `Bundle e2e ${mode}`;

  async function run(command: string, args: Record<string, unknown> = {}): Promise<SandboxResult> {
    const params = emulator.instances[mode];
    const options: SandboxOptions = {
      command,
      args,
      params,
      context,
      hostMap: { [IMDS_ORIGIN]: emulator.url },
      hideNativePromise: true,
    };
    const result = await runBundle(script, options);
    expect(result.error).toBeUndefined();
    expect(result.presentGlobals).toEqual([]);
    expect(result.resultKind).not.toBe('thenable');
    expect(leakedParams(mode, params, JSON.stringify([result.result, result.logs]))).toEqual([]);
    return result;
  }

  const tokenRequests = () => emulator.tokenRequestCounts()[TOKEN_KIND[mode]];
  const graphRequests = () => emulator.requests({ kind: 'graph' });

  beforeAll(() => emulator.clearRequests());

  it('test-module returns ok after one token request and one Graph call', async () => {
    expect(secretsOf(mode, emulator.instances[mode]).length > 0).toBe(!mode.startsWith('managedIdentity'));
    const result = await run('test-module');
    expect(result.result).toBe('ok');
    expect(tokenRequests()).toBe(1);
    const graph = graphRequests();
    expect(graph).toHaveLength(1);
    expect(graph[0]).toMatchObject({ method: 'GET', path: expect.stringMatching(/^\/v1\.0\/users/) });
    expect(graph[0].headers.authorization).toBeDefined();
    expect(result.httpCalls.every((c) => !c.insecure && !c.proxy)).toBe(true);
    expect(Object.keys(context.value)).toEqual(expect.arrayContaining(['access_token', 'valid_until']));
  });

  it('list-calendars reuses the cached token from the context (no new token request)', async () => {
    emulator.clearRequests();
    const result = await run('msgraph-calendar-list-calendars');
    expect(emulator.tokenRequestCounts()).toEqual({ identity: 0, imds: 0, oproxy: 0 });
    expect(graphRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1.0/users/alice%40contoso.com/calendars',
    ]);
    const entry = result.result as {
      Type: number;
      EntryContext: Record<string, { Name: string }[]>;
      HumanReadable: string;
    };
    expect(entry.Type).toBe(1);
    expect(entry.EntryContext['MSGraphCalendar.Calendar(val.ID === obj.ID)'].map((c) => c.Name)).toContain(
      'Calendar',
    );
    expect(entry.HumanReadable).toMatch(/^### Calendar/);
  });

  it('create-event posts the event and returns it in context', async () => {
    emulator.clearRequests();
    const result = await run('msgraph-calendar-create-event', {
      subject,
      start: '2026-12-01T10:00:00',
      end: '2026-12-01T11:00:00',
      attendees: 'bob@contoso.com',
    });
    const posts = graphRequests();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      method: 'POST',
      path: '/v1.0/users/alice%40contoso.com/calendar/events',
    });
    expect(posts[0].body).toMatchObject({ Subject: subject, Start: { dateTime: '2026-12-01T10:00:00' } });
    const entry = result.result as { EntryContext: Record<string, { Subject: string; ID: string }[]> };
    const events = entry.EntryContext['MSGraphCalendar.Event(val.ID === obj.ID)'];
    expect(events).toHaveLength(1);
    expect(events[0].Subject).toBe(subject);
    expect(tokenRequests()).toBe(0);
  });

  it('list-events finds the created event with a filter', async () => {
    emulator.clearRequests();
    const result = await run('msgraph-calendar-list-events', { filter_by: `subject eq '${subject}'` });
    expect(graphRequests()).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/v1.0/users/alice%40contoso.com/events',
        query: expect.objectContaining({ $filter: `subject eq '${subject}'` }),
      }),
    ]);
    const entry = result.result as { EntryContext: Record<string, { Subject: string }[]> };
    expect(entry.EntryContext['MSGraphCalendar.Event(val.ID === obj.ID)'].map((e) => e.Subject)).toEqual([
      subject,
    ]);
  });

  it('auth-reset clears the cached token without any request, and the next command fetches a new one', async () => {
    emulator.clearRequests();
    const reset = await run('msgraph-calendar-auth-reset');
    expect(reset.httpCalls).toEqual([]);
    expect(reset.result).toMatchObject({
      Contents: expect.stringContaining('Authorization was reset successfully.'),
    });
    // Key names only: the values are tokens, which must not reach test output.
    expect(
      Object.keys(context.value).filter((key) => /access_token|valid_until|refresh_token/.test(key)),
    ).toEqual([]);
    const again = await run('test-module');
    expect(again.result).toBe('ok');
    expect(tokenRequests()).toBe(1);
  });
});
