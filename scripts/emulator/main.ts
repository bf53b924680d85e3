/**
 * CLI: `npm run --silent emulator -- [--port N] [--large-calendar-events N]`. Prints one JSON line
 * (url, instances, env, users, ...) on stdout, then serves until SIGINT or SIGTERM.
 */
import { EmulatorInputError, startEmulator } from './index';

function parseArgs(argv: readonly string[]): { port?: number; largeCalendarEvents?: number } {
  const options: { port?: number; largeCalendarEvents?: number } = {};
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = inline ?? argv[++i];
    const number = value !== undefined && /^\d+$/.test(value) ? Number(value) : NaN;
    if (flag === '--port' || flag === '--large-calendar-events') {
      const name = flag === '--port' ? 'port' : 'largeCalendarEvents';
      if (Number.isNaN(number))
        throw new EmulatorInputError(
          name,
          `${flag} needs a non-negative integer (got ${value ?? 'nothing'}).`,
        );
      options[name] = number;
    } else {
      throw new EmulatorInputError(
        flag,
        `Unknown option ${flag}. Usage: emulator [--port N] [--large-calendar-events N]`,
      );
    }
  }
  return options;
}

async function main(): Promise<void> {
  const emulator = await startEmulator(parseArgs(process.argv.slice(2)));
  const { url, instances, restrictedInstances, env, users, tenantId } = emulator;
  process.stdout.write(`${JSON.stringify({ url, instances, restrictedInstances, env, users, tenantId })}\n`);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
