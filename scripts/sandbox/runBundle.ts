/**
 * A sandbox that runs the built server script the way the XSOAR server does: in a node:vm context
 * with ONLY the ECMAScript built-ins plus the XSOAR globals (`params`, `args`, `command`, a
 * synchronous `http`, versioned get/setIntegrationContext, logDebug/logInfo/logError, console.log,
 * demistoVersion, invContext, dq), the body wrapped in a function, its return value taken
 * synchronously. No require, process, Buffer, timers, queueMicrotask, TextEncoder/TextDecoder, URL,
 * URLSearchParams, fetch, crypto or structuredClone; string code generation (eval, new Function)
 * is disabled in the context.
 *
 * The script runs on a worker thread (worker.js) that blocks in Atomics.wait during each host call,
 * while this thread performs the real HTTP request: an emulator started in this process keeps
 * serving.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { promises as fs } from 'node:fs';
import * as yaml from 'js-yaml';
import { answerHostCall } from './hostCalls';
import type { Agents, HostCall } from './hostCalls';
import type { RecordedHttpCall } from './hostHttp';
import { quickJsWasmModule } from './quickjsModule';
import { SandboxIntegrationContext } from './serverState';

export { SandboxIntegrationContext, VERSION_MISMATCH } from './serverState';
export type { RecordedHttpCall } from './hostHttp';
export { REDACTED } from './hostHttp';

/** Globals the server engine does not have; the sandbox context must lack every one of them. */
export const FORBIDDEN_GLOBALS = [
  'require',
  'module',
  'process',
  'Buffer',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'TextEncoder',
  'TextDecoder',
  'URL',
  'URLSearchParams',
  'fetch',
  'crypto',
  'structuredClone',
  'WebAssembly',
] as const;

/** One run of the script. */
export interface SandboxOptions {
  readonly command: string;
  readonly params?: Record<string, unknown>;
  readonly args?: Record<string, unknown>;
  /** The instance's integration context; pass the same object to later runs to keep it. */
  readonly context?: SandboxIntegrationContext;
  /** demistoVersion().version; below 6.2.0 the context calls are unversioned. Default 6.10.0. */
  readonly serverVersion?: string;
  readonly buildNumber?: string;
  readonly invContext?: Record<string, unknown>;
  /** URL prefixes to redirect, e.g. `{ 'http://169.254.169.254': emulatorUrl }` for IMDS. */
  readonly hostMap?: Readonly<Record<string, string>>;
  /** Also delete the context's native Promise, proving the script never needs it. */
  readonly hideNativePromise?: boolean;
  /** Kills the worker after this long (default 60 s). */
  readonly timeoutMs?: number;
  /** The engine: V8 in a node:vm context (default) or QuickJS (see quickjsWorker.js). */
  readonly engine?: 'vm' | 'quickjs';
  /** QuickJS only: `es5` first deletes every ES2015+ global and member (es5Library.js). */
  readonly library?: 'full' | 'es5';
}

/** What the run produced. */
export interface SandboxResult {
  /** The script's return value (JSON), unless it threw. */
  readonly result?: unknown;
  readonly resultKind?: string;
  /** The message of an exception that escaped the script. */
  readonly error?: string;
  readonly logs: { level: string; message: string }[];
  readonly httpCalls: RecordedHttpCall[];
  /** Forbidden globals found in the context (always empty unless the sandbox is broken). */
  readonly presentGlobals: string[];
  /** Time spent in the script body, and the whole run including worker start, in ms. */
  readonly scriptMs: number;
  readonly totalMs: number;
  /** With `library: 'es5'`: the members deleted, and any the engine refused to delete. */
  readonly library?: { removed: string[]; stuck: string[] };
}

/** Reads `script.script` from a unified integration YAML. */
export async function readScriptFromYaml(file: string): Promise<string> {
  const doc = yaml.load(await fs.readFile(file, 'utf8')) as { script?: { script?: unknown } };
  if (typeof doc?.script?.script !== 'string') throw new Error(`${file} has no script.script`);
  return doc.script.script;
}

async function startWorker(
  script: string,
  options: SandboxOptions,
  port: MessagePort,
  signal: SharedArrayBuffer,
): Promise<Worker> {
  const quickjs = options.engine === 'quickjs';
  if (!quickjs && options.library === 'es5') throw new Error('sandbox: library es5 needs engine quickjs');
  return new Worker(path.join(__dirname, quickjs ? 'quickjsWorker.js' : 'worker.js'), {
    workerData: {
      script,
      port,
      signal,
      // Compiled once per process: instantiating it in each worker is cheap.
      wasmModule: quickjs ? await quickJsWasmModule() : undefined,
      globals: {
        params: options.params ?? {},
        args: options.args ?? {},
        command: options.command,
        invContext: options.invContext,
      },
      options: {
        serverVersion: options.serverVersion ?? '6.10.0',
        buildNumber: options.buildNumber ?? '123456',
        hideNativePromise: options.hideNativePromise ?? false,
        hostCallTimeoutMs: 30_000,
        checkGlobals: FORBIDDEN_GLOBALS,
        library: options.library ?? 'full',
        timeoutMs: options.timeoutMs ?? 60_000,
        memoryLimitBytes: 512 * 1024 * 1024,
      },
    },
    transferList: [port],
  });
}

/** Collects log lines until the worker reports `done` (or fails, exits, or runs out of time). */
function waitForDone(
  worker: Worker,
  timeoutMs: number,
  logs: SandboxResult['logs'],
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('sandbox: the script did not finish in time')),
      timeoutMs,
    );
    worker.on('message', (message: Record<string, unknown>) => {
      if (message.type === 'log')
        logs.push({ level: String(message.level), message: String(message.message) });
      if (message.type === 'done') {
        clearTimeout(timer);
        resolve(message);
      }
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // Settling twice is harmless: after `done` this rejection is ignored.
    worker.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox: the script thread exited (code ${code}) without a result`));
    });
  });
}

/** Runs the server script once in the sandbox. */
export async function runBundle(script: string, options: SandboxOptions): Promise<SandboxResult> {
  const started = Date.now();
  const context = options.context ?? new SandboxIntegrationContext();
  const agents: Agents = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
  };
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const logs: SandboxResult['logs'] = [];
  const httpCalls: RecordedHttpCall[] = [];
  const worker = await startWorker(script, options, port2, signal);
  // Each host call: do the work here, post the answer, then wake the blocked script thread.
  port1.on('message', (call: HostCall) => {
    const hostOptions = { serverVersion: options.serverVersion ?? '6.10.0', hostMap: options.hostMap };
    answerHostCall(call, hostOptions, context, agents, httpCalls)
      .catch((error: unknown) => ({ error: `sandbox host error: ${(error as Error).message}` }))
      .then((reply) => {
        port1.postMessage(reply);
        Atomics.store(flag, 0, 1);
        Atomics.notify(flag, 0);
      });
  });
  try {
    const done = await waitForDone(worker, options.timeoutMs ?? 60_000, logs);
    const result = done.result as { kind: string; value?: unknown } | undefined;
    return {
      result: result?.value,
      resultKind: result?.kind,
      error: done.error as string | undefined,
      logs,
      httpCalls,
      presentGlobals: done.presentGlobals as string[],
      scriptMs: Number(done.ms),
      totalMs: Date.now() - started,
      library: done.library as SandboxResult['library'],
    };
  } finally {
    await worker.terminate();
    port1.close();
    agents.http.destroy();
    agents.https.destroy();
  }
}
