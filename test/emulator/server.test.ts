/** Lifecycle: options validation, a fixed port, prompt close with open connections, the CLI. */
import { spawn } from 'node:child_process';
import { request, Agent } from 'node:http';
import { join } from 'node:path';
import { EmulatorInputError, startEmulator, type EmulatorInfo } from '../../scripts/emulator/index';
import { pick } from './helpers';

const MAIN = join(__dirname, '..', '..', 'scripts', 'emulator', 'main.ts');

function get(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    })
      .on('error', reject)
      .end();
  });
}

it('refuses bad options with an error naming the option', async () => {
  await expect(startEmulator({ port: 70000 })).rejects.toThrow(EmulatorInputError);
  await expect(startEmulator({ port: -1 })).rejects.toThrow(/"port"/);
  await expect(startEmulator({ largeCalendarEvents: 1.5 })).rejects.toThrow(/"largeCalendarEvents"/);
  await expect(startEmulator({ requestLogLimit: 0 })).rejects.toThrow(/"requestLogLimit"/);
});

it('binds 127.0.0.1 on the requested port, and every instance points at it', async () => {
  const probe = await startEmulator();
  const port = Number(new URL(probe.url).port);
  await probe.close();
  const emu = await startEmulator({ port });
  try {
    expect(emu.url).toBe(`http://127.0.0.1:${port}`);
    for (const params of Object.values(emu.instances)) {
      expect(pick(params, ['url', 'azure_cloud', 'azure_ad_endpoint', 'default_user'])).toEqual({
        url: emu.url,
        azure_cloud: 'Custom',
        azure_ad_endpoint: emu.url,
        default_user: 'alice@contoso.com',
      });
    }
    expect(
      pick(emu.instances.clientSecret, ['self_deployed', 'use_managed_identities', 'insecure', 'proxy']),
    ).toEqual({
      self_deployed: true,
      use_managed_identities: false,
      insecure: false,
      proxy: false,
    });
    expect(String(emu.instances.certificate.private_key).startsWith('-----BEGIN PRIVATE KEY-----\n')).toBe(
      true,
    );
    expect(emu.instances.clientSecret.credentials_tenant_id).toEqual({
      identifier: '',
      password: emu.tenantId,
    });
  } finally {
    await emu.close();
  }
});

it('close() ends keep-alive connections and pending delayed requests promptly', async () => {
  const emu = await startEmulator();
  const agent = new Agent({ keepAlive: true });
  expect(await get(`${emu.url}/_emulator/info`, agent)).toBe(200);
  emu.addFault({ path: '/slow', delayMs: 60_000 });
  const pending = get(`${emu.url}/slow`, new Agent({ keepAlive: true }));
  await new Promise((resolve) => setImmediate(resolve));
  await emu.close();
  await expect(pending).rejects.toThrow();
  await expect(get(`${emu.url}/_emulator/info`, agent)).rejects.toThrow();
  agent.destroy();
});

function runCli(args: string[]): {
  child: ReturnType<typeof spawn>;
  line: Promise<string>;
  exit: Promise<number | null>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const line = new Promise<string>((resolve) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
    });
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, line, exit, stderr: () => err };
}

it.each(['SIGTERM', 'SIGINT'] as const)(
  'the CLI prints one JSON line with url, instances, env and users, serves, and exits 0 on %s',
  async (signal) => {
    const cli = runCli(['--port', '0']);
    const info = JSON.parse(await cli.line) as EmulatorInfo;
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Object.keys(info.instances).sort()).toEqual([
      'certificate',
      'clientSecret',
      'managedIdentitySystem',
      'managedIdentityUser',
      'oproxy',
    ]);
    expect(info.env.AZURE_POD_IDENTITY_AUTHORITY_HOST).toBe(info.url);
    expect(info.users).toContain('alice@contoso.com');
    const res = await fetch(`${info.url}/${info.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    cli.child.kill(signal);
    expect(await cli.exit).toBe(0);
  },
  60_000,
);

it('the CLI refuses a bad --port with a one-line message naming the option', async () => {
  const cli = runCli(['--port', 'abc']);
  expect(await cli.exit).toBe(1);
  expect(cli.stderr().trim()).toBe('emulator: --port needs a non-negative integer (got abc).');
}, 60_000);
