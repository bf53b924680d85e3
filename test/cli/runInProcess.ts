/** Test helper: the CLI host in-process, with a stand-in integration `main`. */
import { textEntry, type Entry } from '../../Packs/Base/Scripts/CommonServer/entries';
import type { XsoarRuntime } from '../../Packs/Base/Scripts/CommonServer/runtime';
import { runCli } from '../../scripts/cli';

/** What one in-process CLI run did. */
export interface InProcessRun {
  status: number;
  stdout: string;
  stderr: string;
  /** How many times the stand-in `main` ran. */
  calls: number;
}

/** Runs the CLI with `argv`; `produce` stands in for the integration and returns its entries. */
export async function runInProcess(
  argv: string[],
  produce: (rt: XsoarRuntime) => Promise<Entry[]> | Entry[] = () => [textEntry('ok')],
): Promise<InProcessRun> {
  const result: InProcessRun = { status: -1, stdout: '', stderr: '', calls: 0 };
  const io = {
    stdout: (t: string) => void (result.stdout += t),
    stderr: (t: string) => void (result.stderr += t),
    env: {},
  };
  result.status = await runCli(argv, io, async (runtime) => {
    result.calls += 1;
    return produce(runtime);
  });
  return result;
}
