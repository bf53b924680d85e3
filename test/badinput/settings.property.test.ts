/**
 * Property: whatever instance settings the server delivers, `main` resolves to one entry; no
 * entry shows a stack trace, a source path or a secret, and neither does any log line; invalid
 * settings produce no request at all and an error entry whose every line names a field as the
 * UI shows it. Nothing can leave the machine: the HTTP factory refuses every host locally.
 */
import fc from 'fast-check';
import type { Entry } from '../../Packs/Base/Scripts/CommonServer/entries';
import {
  createMemoryRuntime,
  ManualClock,
  MemoryContextStore,
  MemoryLogger,
} from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { parseCalendarSettings as parseSettings } from '../support/settings';
import { main } from '../../Integrations/MicrosoftGraphCalendar/MicrosoftGraphCalendar';
import { recordingHttp } from '../support/recordingHttp';
import { namesArgument, namesFieldOnEveryLine } from '../support/uiNames';
import { expectNoInternals, leakedSecrets, shownText, STACK_FRAME_RE } from '../support/userFacing';
import { ALWAYS_SECRET, oddParams, TOKEN_SECRET, withSecretsMasked } from './arbitraries';

/** Runs per property; raise it (e.g. BADINPUT_RUNS=5000) for a soak run. */
const RUNS = Number(process.env.BADINPUT_RUNS ?? 300);
const COMMANDS = ['test-module', 'msgraph-calendar-list-calendars', 'msgraph-calendar-get-event'] as const;

/** Self-deployed as the settings read it (a checkbox: true, or "true"/"yes" in any case). */
function selfDeployed(params: Record<string, unknown>): boolean {
  const value = params.self_deployed;
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' && ['true', 'yes'].includes(value.trim().toLowerCase());
}

function settingsProblem(params: Record<string, unknown>): Error | undefined {
  try {
    parseSettings(params);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

async function runOnce(params: Record<string, unknown>, command: string) {
  const http = recordingHttp();
  const log = new MemoryLogger();
  const runtime = createMemoryRuntime({
    params,
    command,
    args: command.endsWith('get-event') ? { event_id: 'AAMkAD=' } : {},
    context: new MemoryContextStore(),
    log,
    clock: new ManualClock(),
  });
  const entries: Entry[] = await main(runtime, { httpFactory: http.factory, crypto: nodeCrypto, env: {} });
  return { entries, log, attempts: http.attempts };
}

describe('instance settings of any shape', () => {
  it('always give one clean entry; invalid ones send nothing and name the field', async () => {
    const seen = { invalid: 0, sent: 0 };
    await withSecretsMasked(
      fc.assert(
        fc.asyncProperty(oddParams, fc.constantFrom(...COMMANDS), async (params, command) => {
          const { entries, log, attempts } = await runOnce(params, command);

          expect(entries).toHaveLength(1);
          const [entry] = entries;
          expect([1, 4]).toContain(entry.Type);
          expectNoInternals(shownText(entry));
          expect(log.text()).not.toMatch(STACK_FRAME_RE);
          expect(log.text()).not.toContain('(UNEXPECTED)');
          const secrets = selfDeployed(params) ? ALWAYS_SECRET : [...ALWAYS_SECRET, TOKEN_SECRET];
          expect(leakedSecrets(JSON.stringify(entries) + log.text(), secrets)).toEqual([]);

          if (attempts.length > 0) seen.sent += 1;
          if (settingsProblem(params)) {
            seen.invalid += 1;
            expect(attempts).toEqual([]);
            expect(entry.Type).toBe(4);
            expect(namesFieldOnEveryLine(String(entry.Contents))).toBe(true);
          } else if (entry.Type === 4 && attempts.length === 0) {
            // Valid settings, refused before any request: a missing user or a local problem.
            const text = String(entry.Contents);
            expect(namesArgument(command, text) || namesFieldOnEveryLine(text)).toBe(true);
          }
        }),
        { numRuns: RUNS },
      ),
      [...ALWAYS_SECRET, TOKEN_SECRET],
    );
    // The generator must exercise both paths: refused settings, and settings that reach the wire.
    expect(seen.invalid).toBeGreaterThan(RUNS / 10);
    expect(seen.sent).toBeGreaterThan(RUNS / 10);
  });

  it('auth-reset needs no valid settings and sends nothing, whatever they are', async () => {
    await withSecretsMasked(
      fc.assert(
        fc.asyncProperty(oddParams, async (params) => {
          const { entries, attempts } = await runOnce(params, 'msgraph-calendar-auth-reset');

          expect(entries).toHaveLength(1);
          expect(entries[0].Type).toBe(1);
          expect(attempts).toEqual([]);
        }),
        { numRuns: Math.ceil(RUNS / 3) },
      ),
      [...ALWAYS_SECRET, TOKEN_SECRET],
    );
  });
});
