/**
 * Failures become one readable error entry: an IntegrationError by its message (its code logged),
 * anything else generically, first line only, with every secret of the instance masked; and the
 * dispatcher never throws, not even when logging fails.
 */
import { NetworkError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import { createMemoryRuntime } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import { runCommand } from '../../Integrations/MicrosoftGraphCalendar/commands/dispatch';
import { FakeCalendarClient } from './support/fakeGraph';
import { run } from './support/harness';

let client: FakeCalendarClient;
beforeEach(() => {
  client = new FakeCalendarClient();
});
afterEach(() => client.verify());

describe('errors are one readable line, without stack trace or secret', () => {
  const params = {
    default_user: 'alice@contoso.com',
    credentials_enc_key: { identifier: '', password: 'S3cr3t-Key-Value~abc' },
    credentials_tenant_id: { identifier: '', password: 'oproxy-token-value-123456' },
    private_key: '-----BEGIN PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0BAQEFAASC -----END PRIVATE KEY-----',
  };

  it('reports an IntegrationError by its message and logs its code', async () => {
    client.fail(new NetworkError('Could not connect to https://graph.microsoft.com (connection refused).'));
    const result = await run('msgraph-calendar-list-calendars', { client, params });
    expect(result.entry).toEqual({
      Type: 4,
      ContentsFormat: 'text',
      Contents: 'Could not connect to https://graph.microsoft.com (connection refused).',
    });
    expect(result.log.text()).toContain('msgraph-calendar-list-calendars failed (NETWORK_ERROR)');
  });

  it('reports an unexpected error generically, first line only, with secrets and tokens masked', async () => {
    const leaky = new TypeError(
      'boom with S3cr3t-Key-Value~abc and oproxy-token-value-123456 and MIIEvQIBADANBgkqhkiG9w0BAQEFAASC ' +
        'Authorization: Bearer abc.def.ghi eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig\n    at Object.<anonymous> (file.ts:1:1)',
    );
    client.fail(leaky);
    const result = await run('msgraph-calendar-list-calendars', { client, params });
    const text = String(result.entry.Contents);
    expect(result.entry.Type).toBe(4);
    expect(text).toBe(
      'Failed to execute msgraph-calendar-list-calendars: boom with <redacted> and <redacted> and <redacted> ' +
        'Authorization: <redacted> <redacted>',
    );
    const everything = text + result.log.text();
    for (const secret of [
      'S3cr3t-Key-Value~abc',
      'oproxy-token-value-123456',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
      'abc.def.ghi',
      'eyJ',
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toContain('at Object.<anonymous>');
  });

  it('keeps a self-deployed Token (a tenant ID) readable in errors', async () => {
    client.fail(new Error('tenant contoso.onmicrosoft.com not found'));
    const result = await run('msgraph-calendar-list-calendars', {
      client,
      params: { self_deployed: true, credentials_tenant_id: { password: 'contoso.onmicrosoft.com' } },
    });
    expect(result.entry.Contents).toBe(
      'Failed to execute msgraph-calendar-list-calendars: tenant contoso.onmicrosoft.com not found',
    );
  });

  it('handles a thrown non-Error value', async () => {
    client.fail('plain string failure');
    const result = await run('msgraph-calendar-list-calendars', { client });
    expect(result.entry.Contents).toBe(
      'Failed to execute msgraph-calendar-list-calendars: plain string failure',
    );
  });
});

describe('main never throws', () => {
  it('still returns one error entry when the logger itself fails', async () => {
    const brokenLog = {
      debug: () => undefined,
      info: () => undefined,
      error: () => {
        throw new Error('log sink down');
      },
    };
    const runtime = createMemoryRuntime({ command: 'nope', log: brokenLog });
    const entries = await runCommand(
      runtime,
      { httpFactory: () => undefined as never, crypto: undefined as never, env: {} },
      () => {
        throw new Error('unused');
      },
    );
    expect(entries).toHaveLength(1);
    expect(entries[0].Type).toBe(4);
    expect(String(entries[0].Contents)).toMatch(/^Unknown command: nope\./);
  });
});
