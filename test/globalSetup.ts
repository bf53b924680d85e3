import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { buildCli, bundledCliPath } from '../scripts/host/buildCli';

/**
 * Builds the bundled CLI (dist/node/cli.js) once per test run, for the tests that run it as a
 * separate process. A failed build must not stop unrelated suites, so it is reported and the stale
 * bundle removed: the CLI tests then fail on the missing file instead of testing old code.
 */
export default async function globalSetup(): Promise<void> {
  try {
    await buildCli();
  } catch (err) {
    await fs.rm(dirname(bundledCliPath), { recursive: true, force: true });
    console.warn(
      `globalSetup: building ${bundledCliPath} failed: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}
