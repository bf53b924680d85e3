import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { currentProcessOwner, ownerIsGone } from '../../scripts/host/processOwner';

async function exitedPid(): Promise<number> {
  const gone = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => gone.on('close', resolve));
  return gone.pid as number;
}

describe('process owner (for lock files and the token lease)', () => {
  it('names this process by pid and host', () => {
    expect(currentProcessOwner()).toEqual({ pid: process.pid, host: hostname() });
  });

  it('reports an owner on this host whose process has exited as gone', async () => {
    expect(ownerIsGone({ pid: await exitedPid(), host: hostname() })).toBe(true);
  });

  it('never reports a live, foreign, own or malformed owner as gone', async () => {
    const pid = await exitedPid();
    for (const recorded of [
      currentProcessOwner(),
      { pid: process.ppid, host: hostname() },
      { pid, host: 'another-host' },
      { pid: String(pid), host: hostname() },
      { pid: -1, host: hostname() },
      { pid: 0, host: hostname() },
      { host: hostname() },
      'pid 1',
      null,
      undefined,
    ])
      expect(ownerIsGone(recorded)).toBe(false);
  });
});
