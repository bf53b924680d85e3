import { sampleInterleaved } from '../../scripts/bench/sampling';

function counter(values: number[], calls: string[], name: string) {
  let i = 0;
  return async () => {
    calls.push(name);
    return values[i++];
  };
}

describe('sampleInterleaved', () => {
  it('alternates the cases within each round and discards the warm-up rounds', async () => {
    const calls: string[] = [];
    const result = await sampleInterleaved(
      { a: counter([100, 1, 2, 3], calls, 'a'), b: counter([200, 10, 20, 30], calls, 'b') },
      { warmups: 1, runs: 3 },
    );
    expect(calls).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
    expect(result.a.samples).toEqual([1, 2, 3]);
    expect(result.b).toMatchObject({ n: 3, median: 20, min: 10, max: 30 });
  });

  it('runs one case at a time, never two at once', async () => {
    let running = 0;
    let maxRunning = 0;
    const slow = async () => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      return 1;
    };
    await sampleInterleaved({ a: slow, b: slow }, { warmups: 0, runs: 3 });
    expect(maxRunning).toBe(1);
  });

  it('refuses a plan without measured runs', async () => {
    await expect(sampleInterleaved({ a: async () => 1 }, { warmups: 2, runs: 0 })).rejects.toThrow(
      'At least one measured run',
    );
  });

  it('propagates a failing case', async () => {
    const failing = async (): Promise<number> => {
      throw new Error('child exited 1');
    };
    await expect(sampleInterleaved({ a: failing }, { warmups: 0, runs: 1 })).rejects.toThrow(
      'child exited 1',
    );
  });
});
