import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { createNodeRuntime } from '../../scripts/host/nodeRuntime';
import { currentProcessOwner, nodeRunIdentity, ownerIsGone } from '../../scripts/host/processOwner';
import { MemoryContextStore } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';

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

describe('run identity of the Node host (recorded with the token lease)', () => {
  it('is <pid>@<host> and is what the Node runtime hands the integration', () => {
    expect(nodeRunIdentity.id).toBe(`${process.pid}@${hostname()}`);
    const runtime = createNodeRuntime({
      command: 'test-module',
      args: {},
      params: {},
      context: new MemoryContextStore(),
      instanceName: 'cli',
      env: {},
    });
    expect(runtime.run).toBe(nodeRunIdentity);
  });

  it('tells that a run on this host has exited, and that a live one has not', async () => {
    expect(nodeRunIdentity.isAlive(`${await exitedPid()}@${hostname()}`)).toBe(false);
    expect(nodeRunIdentity.isAlive(`${process.ppid}@${hostname()}`)).toBe(true);
    expect(nodeRunIdentity.isAlive(nodeRunIdentity.id)).toBe(true);
  });

  it('cannot tell for a run on another host or an id it did not write', async () => {
    const pid = await exitedPid();
    for (const id of [`${pid}@another-host`, `x${pid}@${hostname()}`, `${pid}`, '', '0@' + hostname()])
      expect(nodeRunIdentity.isAlive(id)).toBeUndefined();
  });
});
