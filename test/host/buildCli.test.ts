import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { buildCli } from '../../scripts/host/buildCli';
import { startEmulator } from '../../scripts/emulator/index';
import { selfSignedCertificate } from '../auth/support/certificate';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'cli-build-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function node(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

const caches = async () => (await fs.readdir(dir)).filter((f) => f.endsWith('.cache'));

describe('the bundled CLI', () => {
  it('runs a command, writes its code cache only after a successful command, and drops it on rebuild', async () => {
    const cli = await buildCli({ outfile: join(dir, 'cli.js') });
    expect((await node([cli, '--help'])).stdout).toMatch(/^Usage: cli <command>/);
    expect(await node([cli, 'test-module'])).toMatchObject({ status: 1 });
    expect(await caches()).toEqual([]);

    const reset = await node([cli, 'msgraph-calendar-auth-reset']);
    expect(reset).toMatchObject({ status: 0, stderr: '' });
    expect(reset.stdout).toMatch(/^Authorization was reset successfully\./);
    const [first] = await caches();
    expect(first).toMatch(/^cli\.bundle\.[0-9a-f-]{36}\.cache$/);
    expect((await node([cli, 'msgraph-calendar-auth-reset'])).status).toBe(0);

    await buildCli({ outfile: cli });
    expect(await caches()).toEqual([]);
    expect((await node([cli, 'msgraph-calendar-auth-reset'])).status).toBe(0);
    const [second] = await caches();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  });

  it('never uses a code cache with a bundle from another build', async () => {
    const cli = await buildCli({ outfile: join(dir, 'cli.js') });
    const loader = await fs.readFile(cli, 'utf8');
    await fs.writeFile(
      cli,
      loader.replace(/cli build [0-9a-f-]{36}/, 'cli build 00000000-0000-0000-0000-000000000000'),
    );
    expect((await node([cli, 'msgraph-calendar-auth-reset'])).status).toBe(0);
    expect(await caches()).toEqual([]);
  });

  it('starts without loading undici, http2, assert or tty', async () => {
    const cli = await buildCli({ outfile: join(dir, 'cli.js') });
    const probe = join(dir, 'probe.js');
    await fs.writeFile(
      probe,
      "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));",
    );
    const r = await node(['--require', probe, cli, 'msgraph-calendar-auth-reset']);
    expect(r.status).toBe(0);
    const loaded = JSON.parse(r.stderr) as string[];
    expect(loaded).toContain('NativeModule http');
    for (const lazy of ['internal/deps/undici/undici', 'http2', 'assert', 'tty']) {
      expect(loaded).not.toContain(`NativeModule ${lazy}`);
    }
  });
});

describe('the bundled CLI loads TLS and crypto only when a command needs them', () => {
  const loadedBy = async (cli: string, args: string[]) => {
    const probe = join(dir, 'probe.js');
    await fs.writeFile(
      probe,
      "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));",
    );
    const r = await node(['--require', probe, cli, ...args]);
    return { status: r.status, loaded: JSON.parse(r.stderr) as string[] };
  };

  // crypto is loaded by every command: the token cache compares a salted digest of the credential.
  it('a cached-token command over plain http loads neither https nor tls', async () => {
    const emulator = await startEmulator();
    try {
      const cli = await buildCli({ outfile: join(dir, 'cli.js') });
      const params = join(dir, 'clientSecret.json');
      await fs.writeFile(params, JSON.stringify(emulator.instances.clientSecret));
      const command = ['msgraph-calendar-list-calendars', 'user=alice@contoso.com'];
      const args = [...command, '--params', params, '--context', join(dir, 'context.json')];
      const first = await loadedBy(cli, args);
      expect(first.status).toBe(0);
      expect(first.loaded).toContain('NativeModule crypto');
      const cached = await loadedBy(cli, args);
      expect(cached.status).toBe(0);
      expect(cached.loaded).toContain('NativeModule http');
      for (const lazy of ['https', 'tls']) expect(cached.loaded).not.toContain(`NativeModule ${lazy}`);
      expect(emulator.tokenRequestCounts()).toMatchObject({ identity: 1 });
    } finally {
      await emulator.close();
    }
  });

  it('an https endpoint still works: the token request reaches a TLS server (insecure)', async () => {
    const cert = selfSignedCertificate();
    const hits: string[] = [];
    const server = https.createServer({ key: cert.privateKeyPem, cert: cert.certificatePem }, (req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_client"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const cli = await buildCli({ outfile: join(dir, 'cli.js') });
      const params = join(dir, 'tls.json');
      await fs.writeFile(
        params,
        JSON.stringify({
          url: base,
          azure_cloud: 'Custom',
          azure_ad_endpoint: base,
          insecure: true,
          self_deployed: true,
          credentials_auth_id: { identifier: '', password: 'b1e2c3d4-1111-4a5b-8c9d-0e1f2a3b4c5d' },
          credentials_tenant_id: { identifier: '', password: '6a2f1f0e-5f4b-4c1e-9d3a-2b7c8e9f0a11' },
          credentials_enc_key: { identifier: '', password: 'not-a-real-secret' },
        }),
      );
      const r = await node([cli, 'test-module', '--params', params]);
      expect(r.status).toBe(1);
      expect(hits).toEqual(['POST /6a2f1f0e-5f4b-4c1e-9d3a-2b7c8e9f0a11/oauth2/v2.0/token']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
