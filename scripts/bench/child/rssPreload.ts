/**
 * Preloaded with `node -r` into a measured process: at exit it writes the process's peak resident
 * set size to the file named by BENCH_RSS_FILE, so the bench reads the true peak of a child it
 * cannot modify (sampling /proc would miss a final spike).
 */
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    // resourceUsage().maxRSS is in kilobytes.
    writeFileSync(target, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
  });
}
