/**
 * Row group 2: token requests the emulator receives. 50 sequential CLI commands sharing one
 * context file, and 16 CLI processes started at once on an empty context file (goal: 1 each),
 * beside 16 processes of @azure/identity's ManagedIdentityCredential (one request each).
 */
import { assertSucceeded, runBundledCli, runBundledCliConcurrently, type CliCall } from '../cliRunner';
import { measureRow, need, type BenchContext, type RowSpec } from '../context';
import { childEnv, type EmulatorProcess } from '../emulator';
import { NotMeasuredError } from '../notMeasured';
import { describeFailure, runConcurrently, succeeded, type ProcessResult } from '../proc';
import type { Row } from '../report';

/** Sequential commands sharing one context file. */
export const SEQUENTIAL_COMMANDS = 50;
/** Processes started at once. */
export const CONCURRENT_PROCESSES = 16;
// Repeated so that a lucky interleaving cannot hide a race: the row reports the worst trial.
const CONCURRENT_TRIALS = 3;
// A real Graph command: test-module could take a different token path.
const COMMAND = 'msgraph-calendar-list-calendars';

type Mode = 'managedIdentitySystem' | 'clientSecret';
const MODE_LABEL: Record<Mode, string> = {
  managedIdentitySystem: 'managed identity',
  clientSecret: 'client secret',
};

function specs(mode: Mode): { sequential: RowSpec; concurrent: RowSpec; succeeded: RowSpec } {
  const one = { comparison: 'equals', target: 1 } as const;
  const label = MODE_LABEL[mode];
  return {
    sequential: {
      id: `tokens.${mode}.sequential`,
      label: `Token calls, ${SEQUENTIAL_COMMANDS} sequential CLI (${label})`,
      unit: 'calls',
      goal: one,
    },
    concurrent: {
      id: `tokens.${mode}.concurrent`,
      label: `Token calls, ${CONCURRENT_PROCESSES} concurrent CLI (${label})`,
      unit: 'calls',
      goal: one,
    },
    succeeded: {
      id: `tokens.${mode}.succeeded`,
      label: `Concurrent CLI processes succeeded (${label})`,
      unit: '',
      goal: { comparison: 'equals', target: CONCURRENT_PROCESSES },
    },
  };
}

const PEER: RowSpec = {
  id: 'tokens.azureIdentity.concurrent',
  label: `Token calls, ${CONCURRENT_PROCESSES} concurrent @azure/identity MI (peer, info)`,
  unit: 'calls',
};

async function tokenCalls(emulator: EmulatorProcess): Promise<number> {
  const counts = await emulator.tokenRequestCounts();
  return counts.identity + counts.imds + counts.oproxy;
}

async function sequential(ctx: BenchContext, mode: Mode, params: string) {
  const emulator = need(ctx.emulator);
  const call: CliCall = {
    command: COMMAND,
    paramsFile: params,
    contextFile: ctx.workspace.freshContext(`seq-${mode}`),
  };
  await emulator.clearRequests();
  for (let i = 0; i < SEQUENTIAL_COMMANDS; i += 1) {
    assertSucceeded(
      `command ${i + 1} of ${SEQUENTIAL_COMMANDS}`,
      await runBundledCli(call, { stdout: 'ignore', env: childEnv(emulator) }),
    );
  }
  return { value: await tokenCalls(emulator), note: `all ${SEQUENTIAL_COMMANDS} commands succeeded` };
}

interface Trial {
  readonly calls: number;
  readonly ok: number;
  readonly failure?: string;
}

async function concurrentTrial(ctx: BenchContext, mode: Mode, params: string): Promise<Trial> {
  const emulator = need(ctx.emulator);
  const call: CliCall = {
    command: COMMAND,
    paramsFile: params,
    contextFile: ctx.workspace.freshContext(`par-${mode}`),
  };
  await emulator.clearRequests();
  const results = await runBundledCliConcurrently(CONCURRENT_PROCESSES, call, {
    stdout: 'ignore',
    env: childEnv(emulator),
  });
  return summarizeTrial(results, await tokenCalls(emulator));
}

function summarizeTrial(results: readonly ProcessResult[], calls: number): Trial {
  const failed = results.filter((r) => !succeeded(r));
  return { calls, ok: results.length - failed.length, failure: failed[0] && describeFailure(failed[0]) };
}

async function modeRows(ctx: BenchContext, mode: Mode): Promise<Row[]> {
  const spec = specs(mode);
  const emulator = ctx.emulator.ok ? ctx.emulator.value : undefined;
  const params = emulator ? ctx.workspace.writeParams(mode, emulator.info.instances[mode]) : '';
  const sequentialRow = await measureRow(spec.sequential, async () => {
    need(ctx.emulator);
    need(ctx.cli);
    return sequential(ctx, mode, params);
  });
  const trials: Trial[] = [];
  const concurrentRow = await measureRow(spec.concurrent, async () => {
    need(ctx.emulator);
    need(ctx.cli);
    for (let i = 0; i < CONCURRENT_TRIALS; i += 1) trials.push(await concurrentTrial(ctx, mode, params));
    return {
      value: Math.max(...trials.map((t) => t.calls)),
      note: `worst of ${CONCURRENT_TRIALS} trials: ${trials.map((t) => t.calls).join(', ')}`,
      details: { trials },
    };
  });
  const okRow = await measureRow(spec.succeeded, async () => {
    if (trials.length === 0)
      throw new NotMeasuredError(concurrentRow.notMeasured ?? 'no concurrent trial ran');
    const failure = trials.find((t) => t.failure)?.failure;
    return {
      value: Math.min(...trials.map((t) => t.ok)),
      note: failure ? `first failure: ${failure}` : `worst of ${trials.length} trials`,
    };
  });
  return [sequentialRow, concurrentRow, okRow];
}

async function peerRow(ctx: BenchContext): Promise<Row> {
  return measureRow(PEER, async () => {
    const emulator = need(ctx.emulator);
    const children = need(ctx.children);
    await emulator.clearRequests();
    const results = await runConcurrently(
      CONCURRENT_PROCESSES,
      process.execPath,
      () => [children.azurePeer],
      {
        env: childEnv(emulator),
      },
    );
    const trial = summarizeTrial(results, await tokenCalls(emulator));
    const failure = trial.failure ? `; first failure: ${trial.failure}` : '';
    return {
      value: trial.calls,
      note: `expected ${CONCURRENT_PROCESSES} (no cross-process cache); ${trial.ok}/${CONCURRENT_PROCESSES} succeeded${failure}`,
    };
  });
}

/** Measures the token-request rows: managed identity (like the peer), its peer, client secret. */
export async function measureTokenRequests(ctx: BenchContext): Promise<Row[]> {
  const managed = await modeRows(ctx, 'managedIdentitySystem');
  const peer = await peerRow(ctx);
  const secret = await modeRows(ctx, 'clientSecret');
  return [...managed, peer, ...secret];
}
