/**
 * Preloaded with `node -r` into a CLI run to break its wall time into phases (diagnostics of the
 * cold-command row). At exit it writes to BENCH_PROBE_FILE, in milliseconds since the process
 * started: `bootstrap` (Node ready, preload running), `firstRequest` (first HTTP request started:
 * bundle load, module init, files, settings), `lastResponse` (last HTTP response ended), `exit`;
 * plus `requireMs`, the time spent in top-level `require` calls (Node built-ins), by module.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import Module from 'node:module';
import { performance } from 'node:perf_hooks';

const target = process.env.BENCH_PROBE_FILE;
const marks: { firstRequest?: number; lastResponse?: number } = {};
const requires = new Map<string, number>();
let depth = 0;

function instrumentRequire(): void {
  const original = Module.prototype.require;
  // Only top-level calls count, so a module's own requires are not counted twice.
  Module.prototype.require = function timedRequire(this: NodeJS.Module, id: string) {
    const started = performance.now();
    depth += 1;
    try {
      return original.call(this, id);
    } finally {
      depth -= 1;
      if (depth === 0) requires.set(id, (requires.get(id) ?? 0) + performance.now() - started);
    }
  } as typeof original;
}

if (target) {
  const bootstrap = performance.now();
  instrumentRequire();
  subscribe('http.client.request.start', () => (marks.firstRequest ??= performance.now()));
  subscribe('http.client.response.finish', () => (marks.lastResponse = performance.now()));
  process.on('exit', () => {
    const requireMs = Object.fromEntries([...requires].sort((a, b) => b[1] - a[1]).slice(0, 8));
    writeFileSync(target, JSON.stringify({ bootstrap, ...marks, exit: performance.now(), requireMs }));
  });
}
