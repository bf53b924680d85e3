/**
 * QuickJS's WebAssembly module (quickjs-emscripten's release-sync variant), compiled once per
 * process and handed to each QuickJS script thread, which then only instantiates it.
 */
import { promises as fs } from 'node:fs';

// The project's lib settings declare WebAssembly's types but not its global value.
const wasm = (
  globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }
).WebAssembly;

let compiled: Promise<WebAssembly.Module> | undefined;

/** The compiled QuickJS module (compiled on first use). */
export function quickJsWasmModule(): Promise<WebAssembly.Module> {
  compiled ??= fs
    .readFile(require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'))
    .then((bytes) => wasm.compile(bytes));
  return compiled;
}
