/**
 * `npm start`: the integration end to end on the embedded emulator. Starts the emulator in-process,
 * then for each authentication mode runs test-module and the upstream test playbook through the
 * same host code as the CLI (file-backed integration context, incident context, War Room output),
 * and prints a summary. Exits 0 only if every step succeeded. `npm start -- --debug` adds the
 * module's (redacted) log on stderr.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { main as integrationMain } from '../Integrations/MicrosoftGraphCalendar/MicrosoftGraphCalendar';
import type { Logger } from '../Packs/Base/Scripts/CommonServer/runtime';
import { isErrorEntry } from '../Packs/Base/Scripts/CommonServer/entries';
import { startEmulator, type RunningEmulator } from './emulator/index';
import { buildCli } from './host/buildCli';
import { FileContextStore } from './host/fileContextStore';
import { IncidentContext } from './host/incidentContext';
import { LineLogger, runIntegration, type HostRun, type IntegrationMain } from './host/nodeRuntime';
import { errorLine, renderEntries } from './host/render';
import { playbookSteps, type PlaybookStep, type PlaybookValues } from './start/playbook';

/** The authentication modes, keyed like the emulator's `instances`. */
export const AUTH_MODES = [
  { key: 'oproxy', title: 'Cortex XSOAR application (oproxy)' },
  { key: 'clientSecret', title: 'Self-deployed Azure application, client secret' },
  { key: 'certificate', title: 'Self-deployed Azure application, certificate' },
  { key: 'managedIdentitySystem', title: 'Azure managed identity, system-assigned' },
  { key: 'managedIdentityUser', title: 'Azure managed identity, user-assigned' },
] as const;

type Mode = (typeof AUTH_MODES)[number];

/** The result of one step in one mode. */
export interface StepOutcome {
  readonly mode: Mode['key'];
  readonly command: string;
  readonly ok: boolean;
  readonly problem?: string;
}

/** What {@link main} returns. */
export interface StartSummary {
  readonly ok: boolean;
  readonly outcomes: readonly StepOutcome[];
}

/** Options of {@link main}; the defaults print to stdout with the real integration. */
export interface StartOptions {
  readonly write?: (text: string) => void;
  readonly log?: Logger;
  readonly integration?: IntegrationMain;
}

interface ModeRun {
  readonly mode: Mode;
  readonly emulator: RunningEmulator;
  readonly dir: string;
  readonly write: (text: string) => void;
  readonly log?: Logger;
  readonly integration: IntegrationMain;
}

const formatArgs = (args: Record<string, string>): string =>
  Object.entries(args)
    .map(([name, value]) => ` ${name}=${/[\s"']/.test(value) ? JSON.stringify(value) : value}`)
    .join('');

async function runStep(
  run: ModeRun,
  step: PlaybookStep,
  values: PlaybookValues,
  shared: Omit<HostRun, 'command' | 'args'>,
): Promise<string | undefined> {
  const args = step.args(values);
  if (typeof args === 'string') {
    run.write(`\n!${step.command}\nskipped: ${args}\n`);
    return args;
  }
  run.write(`\n!${step.command}${formatArgs(args)}\n`);
  const entries = await runIntegration({ ...shared, command: step.command, args }, run.integration);
  const rendered = renderEntries(entries);
  run.write(rendered.stdout + (rendered.stderr ? `ERROR: ${rendered.stderr}` : ''));
  const failed = entries.find(isErrorEntry);
  if (failed) return errorLine(failed);
  if (entries.length === 0) return 'the command returned no entry';
  return step.check(entries[0], values);
}

async function runMode(run: ModeRun): Promise<StepOutcome[]> {
  run.write(`\n===== ${run.mode.title} =====\n`);
  const shared: Omit<HostRun, 'command' | 'args'> = {
    params: run.emulator.instances[run.mode.key],
    context: new FileContextStore(join(run.dir, `${run.mode.key}.context.json`)),
    incident: new IncidentContext(),
    instanceName: run.mode.key,
    log: run.log,
    env: { ...process.env, ...run.emulator.env },
  };
  const values: PlaybookValues = {};
  const outcomes: StepOutcome[] = [];
  for (const step of playbookSteps()) {
    const problem = await runStep(run, step, values, shared);
    run.write(problem ? `=> FAILED: ${problem}\n` : '=> ok\n');
    outcomes.push({ mode: run.mode.key, command: step.command, ok: problem === undefined, problem });
  }
  return outcomes;
}

function summaryLine(outcomes: readonly StepOutcome[], ms: number): string {
  const passed = outcomes.filter((o) => o.ok).length;
  const failed = outcomes.filter((o) => !o.ok).map((o) => `${o.mode}/${o.command}`);
  const head = `Summary: ${passed}/${outcomes.length} steps succeeded in ${AUTH_MODES.length} authentication modes (${(ms / 1000).toFixed(1)} s)`;
  return failed.length === 0 ? `${head}.\n` : `${head}; failed: ${failed.join(', ')}.\n`;
}

/** Runs every mode against a fresh in-process emulator and returns the outcomes. */
export async function main(options: StartOptions = {}): Promise<StartSummary> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const started = Date.now();
  const emulator = await startEmulator();
  const dir = await fs.mkdtemp(join(tmpdir(), 'msgraph-calendar-start-'));
  write(`Emulator listening on ${emulator.url}\n`);
  const outcomes: StepOutcome[] = [];
  try {
    for (const mode of AUTH_MODES) {
      const run = {
        mode,
        emulator,
        dir,
        write,
        log: options.log,
        integration: options.integration ?? integrationMain,
      };
      outcomes.push(...(await runMode(run)));
    }
  } finally {
    await emulator.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
  write(`\n${summaryLine(outcomes, Date.now() - started)}`);
  return { ok: outcomes.length > 0 && outcomes.every((o) => o.ok), outcomes };
}

if (require.main === module) {
  const debug = process.argv.includes('--debug');
  const log = debug ? new LineLogger((line) => void process.stderr.write(line)) : undefined;
  main({ log })
    .then(async (summary) => {
      // Leave a fresh bundled CLI behind for `node dist/node/cli.js ...`; not a playbook step.
      await buildCli().then(
        (path) =>
          process.stdout.write(
            `Bundled CLI: node ${relative(process.cwd(), path)} <command> --params FILE\n`,
          ),
        (err: unknown) =>
          process.stderr.write(
            `Could not bundle the CLI: ${err instanceof Error ? err.message : String(err)}\n`,
          ),
      );
      process.exit(summary.ok ? 0 : 1);
    })
    .catch((err: unknown) => {
      process.stderr.write(
        `npm start failed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`,
      );
      if (debug && err instanceof Error) process.stderr.write(`${err.stack ?? ''}\n`);
      process.exit(1);
    });
}
