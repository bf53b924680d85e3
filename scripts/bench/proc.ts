/**
 * Child processes for the bench: run one, or many at once, with wall time and captured output.
 */
import { spawn } from 'node:child_process';

/** How to run a child. */
export interface RunOptions {
  readonly cwd?: string;
  /** The full environment of the child (default: the bench's). */
  readonly env?: NodeJS.ProcessEnv;
  /** `ignore` sends stdout to /dev/null, so a large output costs the child, not the bench. */
  readonly stdout?: 'capture' | 'ignore';
  /** Killed (SIGKILL) after this long; the result then has `timedOut`. Default 120 s. */
  readonly timeoutMs?: number;
}

/** What a child did. */
export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** From spawn to the close of its output streams, in milliseconds. */
  readonly wallMs: number;
  readonly timedOut: boolean;
}

// Bounds what is kept of a chatty child's stderr: enough for a diagnosis.
const MAX_STDERR = 64 * 1024;

/** Runs a command to completion. Never rejects for a non-zero exit; rejects if it cannot start. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', options.stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    let timedOut = false;
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      if (err.length < MAX_STDERR) err += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: err, wallMs, timedOut });
    });
  });
}

/** Starts `count` children at once (no awaiting in between) and waits for all of them. */
export function runConcurrently(
  count: number,
  command: string,
  args: (index: number) => readonly string[],
  options: RunOptions = {},
): Promise<ProcessResult[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => runProcess(command, args(i), options)));
}

/** One line describing a failed child, for a report note (stderr's first line, never stdout). */
export function describeFailure(result: ProcessResult): string {
  if (result.timedOut) return 'timed out';
  const firstLine = result.stderr.split('\n').find((line) => line.trim() !== '') ?? '';
  const how = result.signal ? `signal ${result.signal}` : `exit ${result.code}`;
  return firstLine ? `${how}: ${firstLine.trim().slice(0, 200)}` : how;
}

/** True when the child exited with status 0. */
export function succeeded(result: ProcessResult): boolean {
  return result.code === 0 && !result.timedOut;
}
