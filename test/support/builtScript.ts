/**
 * One build of the server script (unified YAML, read back) and one emulator for a test file, for
 * the suites that run the shipped script in a host (node:vm sandbox, QuickJS).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildIntegration } from '../../scripts/build/build';
import { startEmulator, type EmulatorInstances, type RunningEmulator } from '../../scripts/emulator/index';
import { readScriptFromYaml } from '../../scripts/sandbox/runBundle';

/** An authentication mode of the emulator's ready-made instances. */
type Mode = keyof EmulatorInstances;

/** Which token endpoint of the emulator each mode's first token comes from. */
export const TOKEN_KIND: Readonly<Record<Mode, 'identity' | 'imds' | 'oproxy'>> = {
  oproxy: 'oproxy',
  clientSecret: 'identity',
  certificate: 'identity',
  managedIdentitySystem: 'imds',
  managedIdentityUser: 'imds',
};

/** The managed identity endpoint the script calls, which hosts map to the emulator. */
export const IMDS_ORIGIN = 'http://169.254.169.254';

/** The built script and the running emulator (available inside tests and hooks). */
export interface BuiltScriptFixture {
  readonly script: string;
  readonly emulator: RunningEmulator;
}

/** Builds the script into a temporary folder and starts an emulator (beforeAll); cleans up after. */
export function useBuiltScript(tmpPrefix: string): () => BuiltScriptFixture {
  let fixture: BuiltScriptFixture | undefined;
  let tmp: string | undefined;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), tmpPrefix));
    const built = await buildIntegration({ outDir: tmp });
    fixture = { script: await readScriptFromYaml(built.outputPath), emulator: await startEmulator() };
  });
  afterAll(async () => {
    await fixture?.emulator.close();
    if (tmp !== undefined) await fs.rm(tmp, { recursive: true, force: true });
  });
  return () => {
    if (fixture === undefined) throw new Error('useBuiltScript: used outside a test or hook');
    return fixture;
  };
}
