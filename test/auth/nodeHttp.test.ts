import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { nodeHttpFactory } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/nodeHttp';
import { RetryBudget } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/retry';
import { send, type HttpChannel } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/send';
import { MemoryLogger, ManualClock } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import type { HttpClientOptions } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/HttpFactory';
import { selfSignedCertificate } from './support/certificate';
import { rejection } from './support/fixtures';

type Hit = { url?: string; host?: string; connection?: string };

function listen(server: http.Server | https.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

function close(server: http.Server | https.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

const channel = (options: HttpClientOptions): HttpChannel & { log: MemoryLogger } => ({
  client: nodeHttpFactory(options),
  log: new MemoryLogger(),
  clock: new ManualClock(),
  proxy: options.proxy,
  timeoutMs: options.timeoutMs,
  budget: new RetryBudget(60_000),
});

describe('nodeHttpFactory', () => {
  const hits: Hit[] = [];
  const proxyHits: Hit[] = [];
  const handler = (into: Hit[]) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    into.push({ url: req.url, host: req.headers.host, connection: req.headers.connection });
    res.writeHead(418, { 'content-type': 'application/json', 'x-test': 'yes' }).end('{"ok":false}');
  };
  const target = http.createServer(handler(hits));
  const proxy = http.createServer(handler(proxyHits));
  const cert = selfSignedCertificate();
  const tls = https.createServer({ key: cert.privateKeyPem, cert: cert.certificatePem }, handler(hits));
  let port = 0;
  let proxyPort = 0;
  let tlsPort = 0;
  const savedProxy = process.env.HTTP_PROXY;

  beforeAll(async () => {
    [port, proxyPort, tlsPort] = await Promise.all([listen(target), listen(proxy), listen(tls)]);
    process.env.HTTP_PROXY = `http://127.0.0.1:${proxyPort}`;
  });
  afterAll(async () => {
    if (savedProxy === undefined) delete process.env.HTTP_PROXY;
    else process.env.HTTP_PROXY = savedProxy;
    await Promise.all([close(target), close(proxy), close(tls)]);
  });
  beforeEach(() => {
    hits.length = 0;
    proxyHits.length = 0;
  });

  it('returns any status without throwing, with raw text and lower-case headers, over keep-alive', async () => {
    const c = channel({ insecure: false, proxy: false, timeoutMs: 2000 });
    const answer = await send(c, {
      method: 'GET',
      url: `http://127.0.0.1:${port}/x?a=1`,
      headers: {},
      label: 't',
    });
    expect(answer).toMatchObject({ status: 418, text: '{"ok":false}' });
    expect(answer.headers['x-test']).toBe('yes');
    expect(hits).toEqual([{ url: '/x?a=1', host: `127.0.0.1:${port}`, connection: 'keep-alive' }]);
    expect(c.log.text()).toMatch(new RegExp(`debug: t GET http://127.0.0.1:${port}/x\\?a=1 -> 418`));
  });

  it('ignores HTTP_PROXY unless the proxy option is set', async () => {
    await send(channel({ insecure: false, proxy: false, timeoutMs: 2000 }), {
      method: 'GET',
      url: `http://127.0.0.1:${port}/direct`,
      headers: {},
      label: 't',
    });
    expect(hits.map((h) => h.url)).toEqual(['/direct']);
    expect(proxyHits).toEqual([]);
    await send(channel({ insecure: false, proxy: true, timeoutMs: 2000 }), {
      method: 'GET',
      url: `http://127.0.0.1:${port}/via`,
      headers: {},
      label: 't',
    });
    expect(proxyHits.map((h) => h.url)).toEqual([`http://127.0.0.1:${port}/via`]);
  });

  it('verifies TLS certificates unless insecure, with the Trust any certificate hint', async () => {
    const url = `https://127.0.0.1:${tlsPort}/secure`;
    const error = await rejection(
      send(channel({ insecure: false, proxy: false, timeoutMs: 2000 }), {
        method: 'GET',
        url,
        headers: {},
        label: 't',
      }),
    );
    expect(error.message).toBe(
      `SSL Certificate Verification Failed for 127.0.0.1:${tlsPort} - try selecting the 'Trust any certificate (not secure)' checkbox in the integration configuration.`,
    );
    const answer = await send(channel({ insecure: true, proxy: false, timeoutMs: 2000 }), {
      method: 'GET',
      url,
      headers: {},
      label: 't',
    });
    expect(answer.status).toBe(418);
  });

  it('reports a refused connection readably', async () => {
    const closed = http.createServer();
    const closedPort = await listen(closed);
    await close(closed);
    const error = await rejection(
      send(channel({ insecure: false, proxy: false, timeoutMs: 2000 }), {
        method: 'GET',
        url: `http://127.0.0.1:${closedPort}/`,
        headers: {},
        label: 't',
      }),
    );
    expect(error.message).toBe(
      `Connection refused by 127.0.0.1:${closedPort} - verify that the Server URL parameter is correct and that you have access to the server from your host.`,
    );
  });
});
