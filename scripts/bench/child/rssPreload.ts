/**
 * Preloaded with `node -r` into a measured process: at exit it writes the process's peak resident
 * set size and CPU time to the file named by BENCH_RSS_FILE, so the bench reads the true peak of a
 * child it cannot modify (sampling /proc would miss a final spike).
 */
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    // maxRSS is in kilobytes, the CPU times in microseconds.
    writeFileSync(
      target,
      JSON.stringify({ maxRssKb: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime }),
    );
  });
}
