/**
 * The built server script (dist-style YAML, read back) in QuickJS against the emulator: the
 * scenario of scenario.ts with the engine's full library, then again on an engine reduced to the
 * ES5 library (no Map, Set, Symbol, Promise, typed arrays or any other ES2015+ global or member).
 * One build and one emulator serve both.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildIntegration } from '../../scripts/build/build';
import { startEmulator } from '../../scripts/emulator/index';
import type { RunningEmulator } from '../../scripts/emulator/index';
import { readScriptFromYaml } from '../../scripts/sandbox/runBundle';
import { describeQuickJsScenario } from './scenario';

let emulator: RunningEmulator;
let script: string;
let tmp: string;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'quickjs-'));
  const built = await buildIntegration({ outDir: tmp });
  script = await readScriptFromYaml(built.outputPath);
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

const setup = () => ({ script, emulator });

describeQuickJsScenario('full', setup);
describeQuickJsScenario('es5', setup);
