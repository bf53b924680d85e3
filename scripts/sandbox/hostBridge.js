/**
 * The script thread's side of a synchronous host call (plain CommonJS, for the sandbox workers):
 * post the call on a MessagePort, block in Atomics.wait until the main thread has answered and
 * raised the flag, then read the answer with receiveMessageOnPort. The main thread does the real
 * work (HTTP, the integration context), so an emulator running there keeps serving.
 */
'use strict';
const { parentPort, receiveMessageOnPort } = require('node:worker_threads');

/**
 * @param {import('node:worker_threads').MessagePort} port the call channel
 * @param {SharedArrayBuffer} signal 4 bytes: the "answered" flag
 * @param {number} timeoutMs how long one call may block
 */
function createHostBridge(port, signal, timeoutMs) {
  const flag = new Int32Array(signal);
  return {
    /** Performs one host call; returns the main thread's answer (`{value}`, `{response}` or `{error}`). */
    call(kind, payload) {
      Atomics.store(flag, 0, 0);
      port.postMessage({ kind, payload });
      if (Atomics.wait(flag, 0, 0, timeoutMs) === 'timed-out') {
        throw new Error(`sandbox: the host did not answer the ${kind} call`);
      }
      const message = receiveMessageOnPort(port);
      if (!message) throw new Error(`sandbox: no answer to the ${kind} call`);
      return message.message;
    },
    /** Forwards one log line to the main thread. */
    log(level, message) {
      parentPort.postMessage({ type: 'log', level, message: String(message) });
    },
  };
}

module.exports = { createHostBridge };
