/**
 * The emulator in its own process (so it never shares the bench's event loop), driven over its
 * HTTP control endpoints (`/_emulator/...`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import { join } from 'node:path';
import type { EmulatorInfo } from '../emulator/types';
import type { LoggedRequest, TokenRequestCounts } from '../emulator/requestLog';
import { NotMeasuredError } from './notMeasured';
import { repoRoot } from './paths';

/** The emulator's command-line entry point. */
export const EMULATOR_MAIN = join(repoRoot, 'scripts', 'emulator', 'main.ts');

const START_TIMEOUT_MS = 60_000;

/** A running emulator process. */
export interface EmulatorProcess {
  readonly info: EmulatorInfo;
  /** Token requests per endpoint kind since the last {@link EmulatorProcess.clearRequests}. */
  tokenRequestCounts(): Promise<TokenRequestCounts>;
  /** The request log (secrets redacted by the emulator). */
  requests(query?: Record<string, string>): Promise<LoggedRequest[]>;
  /** Empties the request log and the token counters. */
  clearRequests(): Promise<void>;
  /** Stops the process. */
  stop(): Promise<void>;
}

/**
 * Starts `scripts/emulator/main.ts` with Node's tsx loader and reads the JSON line it prints.
 * @throws NotMeasuredError when the emulator is missing or does not start.
 */
export async function startEmulatorProcess(largeCalendarEvents: number): Promise<EmulatorProcess> {
  if (!existsSync(EMULATOR_MAIN))
    throw new NotMeasuredError('the emulator (scripts/emulator/main.ts) has not landed');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', EMULATOR_MAIN, '--port', '0', '--large-calendar-events', String(largeCalendarEvents)],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const info = await readInfoLine(child);
    return emulatorClient(child, info);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}

function readInfoLine(child: ChildProcess): Promise<EmulatorInfo> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const fail = (why: string) => reject(new NotMeasuredError(`the emulator did not start (${why})`));
    const timer = setTimeout(() => fail('no JSON line within 60 s'), START_TIMEOUT_MS);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const newline = out.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out.slice(0, newline)) as EmulatorInfo);
      } catch {
        fail('its first line is not JSON');
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(`exit ${code}: ${err.split('\n').find((line) => line.trim() !== '') ?? 'no message'}`);
    });
  });
}

function emulatorClient(child: ChildProcess, info: EmulatorInfo): EmulatorProcess {
  const control = (method: string, path: string) => controlRequest(info.url, method, path);
  return {
    info,
    tokenRequestCounts: async () => (await control('GET', '/_emulator/token-requests')) as TokenRequestCounts,
    requests: async (query = {}) => {
      const search = new URLSearchParams(query).toString();
      const body = (await control('GET', `/_emulator/requests${search ? `?${search}` : ''}`)) as {
        requests: LoggedRequest[];
      };
      return body.requests;
    },
    clearRequests: async () => {
      await control('DELETE', '/_emulator/requests');
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The bench's environment plus the emulator's (IMDS redirected to it), for CLI children. */
export function childEnv(emulator: EmulatorProcess): NodeJS.ProcessEnv {
  return { ...process.env, ...emulator.info.env };
}

/** One control request; resolves to the parsed JSON body (undefined for 204). */
export function controlRequest(base: string, method: string, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}${path}`, { method, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((response.statusCode ?? 0) >= 300) {
          reject(new Error(`emulator control ${method} ${path}: HTTP ${response.statusCode}`));
        } else resolve(text === '' ? undefined : JSON.parse(text));
      });
    });
    request.on('error', reject);
    request.end();
  });
}
