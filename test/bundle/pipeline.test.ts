/**
 * The build pipeline on a stand-in entry, run in the sandbox: lowered async/await over the
 * synchronous Promise, axios over the server's http(), the bundled pure crypto (compared with
 * node:crypto), the server runtime's versioned context and busy-wait clock.
 */
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { bundleServerScript } from '../../scripts/build/bundle';
import { runBundle, SandboxIntegrationContext } from '../../scripts/sandbox/runBundle';

const root = path.resolve(__dirname, '..', '..');
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

let script: string;
let server: http.Server;
let url: string;
const received: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  script = await bundleServerScript({ root, entryPoint: 'test/bundle/fixtures/standInEntry.ts' });
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('X-Echo', 'yes');
      res.end(JSON.stringify({ method: req.method, body: JSON.parse(body || 'null') }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const key = crypto.randomBytes(32);
const nonce = crypto.randomBytes(12);
const data = Buffer.from('1577196720:dummy_refresh ünïcödé');

function nodeSeal(plain: Buffer): Buffer {
  const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce);
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

describe('a bundled stand-in entry in the sandbox', () => {
  let result: Record<string, unknown>;
  const context = new SandboxIntegrationContext({ kept: 'yes' });

  beforeAll(async () => {
    const run = await runBundle(script, {
      command: 'stand-in',
      context,
      hideNativePromise: true,
      params: {
        url,
        key: key.toString('hex'),
        nonce: nonce.toString('hex'),
        data: data.toString('hex'),
        sealed: nodeSeal(data).toString('hex'),
        pem,
      },
    });
    expect(run.error).toBeUndefined();
    expect(run.resultKind).toBe('object');
    result = run.result as Record<string, unknown>;
    expect(run.logs).toContainEqual({ level: 'info', message: 'stand-in ran' });
  });

  it('settles 20,000 sequential awaits and a caught rejection before the script returns', () => {
    expect(result.awaits).toBe(20000);
    expect(result.caught).toBe('expected rejection');
    expect(result.all).toEqual([1, 2]);
    expect(result.race).toBe('first');
    expect(result.promiseIsSync).toBe(true);
  });

  it('waits in the clock by busy-waiting (no timers in the engine)', () => {
    expect(result.slept).toBe(true);
  });

  it('writes the integration context with the version it read', () => {
    expect(result.written).toBe(true);
    expect(context.value).toEqual({ kept: 'yes', runs: 1 });
    expect(context.version).toBe(1);
  });

  it('sends axios requests through http() and maps the answer', () => {
    expect(received).toHaveLength(1);
    expect(received[0].method).toBe('POST');
    expect(received[0].url).toBe('/echo?q=a+b%26c');
    expect(received[0].headers['content-type']).toBe('application/json');
    expect(received[0].body).toBe('{"hello":"world"}');
    expect(result.http).toEqual({
      status: 200,
      data: { method: 'POST', body: { hello: 'world' } },
      header: 'yes',
    });
  });

  it('computes the same AES-GCM and SHA results as node:crypto, and signatures node:crypto verifies', () => {
    const c = result.crypto as Record<string, string>;
    expect(c.gcm).toBe(nodeSeal(data).toString('hex'));
    expect(c.gcmOpened).toBe(data.toString('hex'));
    expect(c.sha1).toBe(crypto.createHash('sha1').update(data).digest('hex'));
    expect(c.sha256).toBe(crypto.createHash('sha256').update(data).digest('hex'));
    expect(crypto.verify('sha256', data, privateKey, Buffer.from(c.rs256, 'hex'))).toBe(true);
    const pss = { key: privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(crypto.verify('sha256', data, pss, Buffer.from(c.ps256, 'hex'))).toBe(true);
    expect(c.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(c.random).toMatch(/^[0-9a-f]{32}$/);
  });
});
