/**
 * `npm run pack [-- --out FILE] [--rebuild]`: writes dist/MicrosoftGraphCalendar.zip, the pack
 * archive to upload to Cortex XSOAR, building the unified YAML first when it is missing or stale.
 */
import * as path from 'node:path';
import { buildPack } from './pack/buildPack';

const USAGE = 'Usage: npm run pack [-- --out FILE] [--rebuild]';

function parseArgs(argv: readonly string[]): { outFile?: string; forceBuild: boolean } {
  let outFile: string | undefined;
  let forceBuild = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--rebuild') forceBuild = true;
    else if (argv[i] === '--out' && argv[i + 1]) outFile = path.resolve(argv[++i]);
    else throw new Error(`Unknown argument "${argv[i]}". ${USAGE}`);
  }
  return { outFile, forceBuild };
}

async function run(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const result = await buildPack({
    root,
    ...parseArgs(process.argv.slice(2)),
    onInfo: (m) => console.log(m),
  });
  console.log(`${path.relative(process.cwd(), result.outFile)}: ${result.bytes} bytes`);
  for (const entry of result.entries) console.log(`  ${entry}`);
}

run().catch((error: unknown) => {
  console.error(`Pack failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
