/**
 * The bundled CLI as a process, where the operating system is hostile: input files that never end,
 * an output that cannot be written or is closed by the reader.
 */
import { existsSync, openSync, closeSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli } from './spawnCli';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'cli-process-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const onLinux = existsSync('/dev/zero') && existsSync('/dev/full') ? it : it.skip;
/** Generous: the CLI answers in well under a second; a hang is killed instead of stalling the run. */
const timeoutMs = 20_000;

describe('CLI input files', () => {
  onLinux.each(['--params', '--incident-context'])(
    'refuses %s /dev/zero as too large instead of reading forever (usage error, exit 2)',
    async (flag) => {
      const r = await spawnCli(['test-module', flag, '/dev/zero'], {}, { timeoutMs });
      expect(r.stderr).toMatch(
        new RegExp(`^Usage error: ${flag} /dev/zero: the file is larger than \\d+ MiB\\.`),
      );
      expect(r.status).toBe(2);
    },
  );

  onLinux(
    'refuses a --context file that is a link to /dev/zero as too large (usage error, exit 2)',
    async () => {
      const ctx = join(dir, 'ctx.json');
      await fs.symlink('/dev/zero', ctx);
      const r = await spawnCli(['test-module', '--context', ctx], {}, { timeoutMs });
      expect(r.stderr).toMatch(/^Usage error: --context: .*larger than \d+ MiB/);
      expect(r.status).toBe(2);
    },
  );
});

/** A command printing at once, and one printing after asynchronous work (auth-reset needs no network). */
const printing = [['--help'], ['msgraph-calendar-auth-reset', '--json']];

describe('CLI output', () => {
  onLinux.each(printing)(
    'exits 3 and says so on stderr when stdout cannot be written (%s > /dev/full)',
    async (...argv) => {
      const full = openSync('/dev/full', 'w');
      try {
        const r = await spawnCli(argv, {}, { stdoutFd: full, timeoutMs });
        expect(r.stderr).toBe('Error: the output could not be written (ENOSPC).\n');
        expect(r.status).toBe(3);
      } finally {
        closeSync(full);
      }
    },
  );

  it.each(printing)(
    'exits 0 without a message when the reader has gone (%s | head: EPIPE)',
    async (...argv) => {
      const r = await spawnCli(argv, {}, { closeStdout: true, timeoutMs });
      expect(r).toMatchObject({ status: 0, stderr: '' });
    },
  );
});
