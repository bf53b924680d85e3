import { ContextError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import {
  busyWaitClock,
  createServerContextStore,
  createServerRuntime,
  isVersionAtLeast,
} from '../../Packs/Base/Scripts/CommonServer/serverRuntime';
import type { ServerGlobals } from '../../Packs/Base/Scripts/CommonServer/serverRuntime';

/** A fake 6.2+ server context: versioned reads, writes refused unless the version matches. */
function versionedServer(initial: Record<string, unknown> = {}, wrap = (v: number): unknown => v) {
  const state = { context: initial, version: 3, calls: [] as unknown[][] };
  const globals: ServerGlobals = {
    demistoVersion: () => ({ version: '6.10.0', buildNumber: '99' }),
    getIntegrationContext: (...args: unknown[]) => {
      state.calls.push(['get', ...args]);
      return { context: { ...state.context }, version: wrap(state.version) };
    },
    setIntegrationContext: (...args: unknown[]) => {
      state.calls.push(['set', ...args]);
      if (JSON.stringify(args[1]) !== JSON.stringify(wrap(state.version)))
        return { Error: 'Integration context version mismatch' };
      state.context = { ...(args[0] as Record<string, unknown>) };
      state.version += 1;
      return {};
    },
  };
  return { globals, state };
}

describe('server integration context (6.2+)', () => {
  it('reads with sync=true and writes with the version read, sync=true', async () => {
    const { globals, state } = versionedServer({ a: 1 });
    const store = createServerContextStore(globals, true);
    const snapshot = await store.read();
    expect(snapshot).toEqual({ data: { a: 1 }, version: 3 });
    const written = await store.write({ a: 2 }, snapshot.version);
    expect(written).toEqual({ data: { a: 2 }, version: 4 });
    expect(state.calls.slice(0, 2)).toEqual([
      ['get', true],
      ['set', { a: 2 }, 3, true],
    ]);
    expect(state.context).toEqual({ a: 2 });
  });

  it('reports a stale version as a conflict (undefined), whether the server answers Error or throws', async () => {
    const { globals, state } = versionedServer({ a: 1 });
    const store = createServerContextStore(globals, true);
    const snapshot = await store.read();
    state.version = 9;
    expect(await store.write({ a: 2 }, snapshot.version)).toBeUndefined();
    const throwing = createServerContextStore(
      {
        ...globals,
        setIntegrationContext: () => {
          throw new Error('Error: Integration context version mismatch');
        },
      },
      true,
    );
    expect(await throwing.write({}, 9)).toBeUndefined();
    expect(state.context).toEqual({ a: 1 });
  });

  it('raises a ContextError for other server failures', async () => {
    const { globals } = versionedServer();
    const store = createServerContextStore(
      { ...globals, setIntegrationContext: () => ({ Error: 'database is down' }) },
      true,
    );
    await expect(store.write({}, 3)).rejects.toThrow(
      new ContextError('Could not save the integration context: database is down'),
    );
  });

  it('hands the raw version object back to the server', async () => {
    const { globals, state } = versionedServer({}, (v) => ({ version: v, sequence: 'x' }));
    const store = createServerContextStore(globals, true);
    const snapshot = await store.read();
    expect(snapshot.version).toBe(3);
    expect(await store.write({ b: 1 }, 3)).toEqual({ data: { b: 1 }, version: 4 });
    expect(state.calls[1]).toEqual(['set', { b: 1 }, { version: 3, sequence: 'x' }, true]);
  });

  it('gives a snapshot overtaken right after its write a version no later write can use', async () => {
    const { globals, state } = versionedServer({});
    const racing: ServerGlobals = {
      ...globals,
      setIntegrationContext: (...args: unknown[]) => {
        const result = globals.setIntegrationContext?.(args[0] as Record<string, unknown>, args[1], true);
        state.context = { other: 'run' };
        state.version += 1;
        return result;
      },
    };
    const store = createServerContextStore(racing, true);
    const written = await store.write({ mine: 1 }, 3);
    expect(written?.data).toEqual({ mine: 1 });
    expect(Number.isInteger(written?.version)).toBe(false);
    const before = state.calls.length;
    expect(await store.write({ mine: 2 }, written?.version ?? 0)).toBeUndefined();
    expect(state.calls.length).toBe(before);
  });
});

describe('server integration context (before 6.2)', () => {
  it('uses the unversioned calls and counts versions locally', async () => {
    const calls: unknown[][] = [];
    let stored: Record<string, unknown> = { old: true };
    const globals: ServerGlobals = {
      demistoVersion: () => ({ version: '6.1.0' }),
      getIntegrationContext: (...args: unknown[]) => (calls.push(['get', ...args]), stored),
      setIntegrationContext: (...args: unknown[]) => {
        calls.push(['set', ...args]);
        stored = args[0] as Record<string, unknown>;
      },
    };
    const runtime = createServerRuntime(globals);
    const snapshot = await runtime.context.read();
    expect(snapshot).toEqual({ data: { old: true }, version: 0 });
    expect(await runtime.context.write({ n: 1 }, 0)).toEqual({ data: { n: 1 }, version: 1 });
    expect(await runtime.context.write({ n: 2 }, 0)).toBeUndefined();
    expect(calls).toEqual([['get'], ['set', { n: 1 }]]);
  });
});

describe('server runtime', () => {
  it('reads params, args, command and server facts from the injected globals', () => {
    const logs: string[] = [];
    const runtime = createServerRuntime(
      {
        params: { url: 'u' },
        args: { top: '5' },
        command: 'msgraph-calendar-list-events',
        demistoVersion: () => ({ version: '8.4.0', buildNumber: '1234' }),
        getLicenseID: () => 'lic-1',
        callingContext: { context: { IntegrationInstance: 'inst' } },
        logDebug: (m) => logs.push(`d ${m}`),
        logInfo: (m) => logs.push(`i ${m}`),
      },
      { brand: 'Microsoft Graph Calendar', contentVersion: '1.0.0', branch: 'master' },
    );
    expect(runtime.params).toEqual({ url: 'u' });
    expect(runtime.args).toEqual({ top: '5' });
    expect(runtime.command).toBe('msgraph-calendar-list-events');
    expect(runtime.serverInfo).toEqual({
      brand: 'Microsoft Graph Calendar',
      instanceName: 'inst',
      contentVersion: '1.0.0',
      serverVersion: '8.4.0-1234',
      licenseId: 'lic-1',
      branch: 'master',
    });
    runtime.log.debug('a');
    runtime.log.info('b');
    runtime.log.error('c');
    expect(logs).toEqual(['d a', 'i b', 'i [error] c']);
    expect(runtime.incidentContext).toBeUndefined();
  });

  it('falls back to console.log and empty inputs when the server lacks them', () => {
    const lines: string[] = [];
    const runtime = createServerRuntime({ console: { log: (m) => lines.push(m) } });
    expect(runtime.params).toEqual({});
    expect(runtime.args).toEqual({});
    runtime.log.debug('x');
    runtime.log.error('y');
    expect(lines).toEqual(['[debug] x', '[error] y']);
  });

  it('looks the incident context up with dq', () => {
    const seen: unknown[] = [];
    const invContext = { MSGraphCalendar: { Event: [{ ID: 'e1' }] } };
    const runtime = createServerRuntime({ invContext, dq: (obj, path) => (seen.push([obj, path]), 'found') });
    expect(runtime.incidentContext?.('MSGraphCalendar.Event')).toBe('found');
    expect(seen).toEqual([[invContext, 'MSGraphCalendar.Event']]);
  });

  it('busy-waits in sleep, capped at maxSleepMs', async () => {
    let now = 1000;
    const clock = busyWaitClock(50, () => (now += 1));
    await clock.sleep(20);
    expect(now).toBeGreaterThanOrEqual(1021);
    const start = now;
    await clock.sleep(10_000);
    expect(now - start).toBeGreaterThanOrEqual(50);
    expect(now - start).toBeLessThan(60);
  });

  it('compares dotted versions numerically', () => {
    expect(isVersionAtLeast('6.10.0', '6.2.0')).toBe(true);
    expect(isVersionAtLeast('6.2.0', '6.2.0')).toBe(true);
    expect(isVersionAtLeast('6.1.9', '6.2.0')).toBe(false);
    expect(isVersionAtLeast(undefined, '6.2.0')).toBe(false);
  });
});
