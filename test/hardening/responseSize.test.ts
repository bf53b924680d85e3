/**
 * A hostile or broken endpoint cannot make the process read an unbounded answer: the decompressed
 * body is capped (a small gzip bomb included) and the error names the endpoint and the limit,
 * without retrying. Loopback servers only.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { MAX_RESPONSE_BYTES } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/HttpFactory';
import { expectError, instanceOf, useEmulator } from '../support/emulatorHarness';

const fixture = useEmulator();

async function serve(
  handler: http.RequestListener,
): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits += 1;
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, hits: () => hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('an answer larger than the cap', () => {
  it('a gzip bomb from the token endpoint is abandoned with a clear error, and not retried', async () => {
    // 60 MB of zeros inflate from about 60 KB on the wire.
    const bomb = gzipSync(Buffer.alloc(MAX_RESPONSE_BYTES + 10 * 1024 * 1024, 0x20));
    const graph = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(bomb);
    });
    try {
      const instance = instanceOf(fixture.emu, 'clientSecret', {
        overrides: { azure_ad_endpoint: graph.url },
      });
      const before = process.memoryUsage().rss;
      const text = expectError(
        await instance.exec('msgraph-calendar-list-calendars', { user: 'alice@contoso.com' }),
      );
      expect(text).toBe(
        `The answer of 127.0.0.1:${new URL(graph.url).port} is larger than 50 MB, the most this integration reads; it was abandoned.`,
      );
      expect(graph.hits()).toBe(1);
      // Far below the 60 MB the bomb inflates to, whatever else the process holds.
      expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    } finally {
      await graph.close();
    }
  });
});

describe('a whole oversized body handed over at once (the server http())', () => {
  it('is refused by send() with the same error', async () => {
    const axios = (await import('axios')).default;
    const { send } = await import('../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/send');
    const { RetryBudget } = await import('../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/retry');
    const { MemoryLogger, ManualClock } = await import('../../Packs/Base/Scripts/CommonServer/memoryRuntime');
    const big = ' '.repeat(MAX_RESPONSE_BYTES + 1);
    const client = axios.create({
      validateStatus: () => true,
      adapter: async (config) => ({ data: big, status: 200, statusText: 'OK', headers: {}, config }),
    });
    const channel = {
      client,
      log: new MemoryLogger(),
      clock: new ManualClock(),
      proxy: false,
      timeoutMs: 1000,
      budget: new RetryBudget(0),
    };
    await expect(
      send(channel, { method: 'GET', url: 'https://graph.example.com/v1.0/x', headers: {}, label: 'graph' }),
    ).rejects.toThrow(
      'The answer of graph.example.com is larger than 50 MB, the most this integration reads; it was abandoned.',
    );
  });
});
