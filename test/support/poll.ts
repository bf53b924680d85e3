/**
 * Bounded polling for effects that complete outside the code under test (an abandoned request the
 * emulator finishes later). Never a timing assertion: it only waits, up to a generous bound.
 */

/** Calls `probe` until `done(result)` holds or `maxWaitMs` passed; returns the last result. */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (result: T) => boolean,
  maxWaitMs = 10_000,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const result = await probe();
    if (done(result) || Date.now() >= deadline) return result;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
