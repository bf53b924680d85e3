/**
 * The oproxy rotates the refresh token on every exchange, and the module keeps the refresh token
 * each answer brings in the context (as upstream does), but never sends it: every exchange
 * encrypts the Token from the instance settings, as the Python calendar integration does. So an
 * answer lost after the oproxy processed it (the connection dropped) costs nothing: the Token is
 * reusable, the retry simply sends it again. A context written by the Python integration, which
 * holds a refresh token, keeps working. What each request encrypted is read from the emulator's
 * request log (`token`, `refreshToken` or `other`; never the value) for the requests it processed,
 * and on the client side (decrypted with the instance's Key, compared as labels) for all of them,
 * including those an injected fault answered.
 */
import { createDecipheriv } from 'node:crypto';
import type { HttpFactory } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/HttpFactory';
import { nodeHttpFactory } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/nodeHttp';
import { ManualClock, MemoryContextStore } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import {
  expectError,
  expectNote,
  instanceOf,
  useEmulator,
  type TestInstance,
} from '../support/emulatorHarness';

const fixture = useEmulator();
const OPROXY = '/obtain-token';
const REFRESH_TOKEN = 'current_refresh_token';

let clock: ManualClock;
let calendar: TestInstance;
/** What each oproxy request encrypted, as a label: `Token` or `other` (never the value). */
let sent: string[];

const password = (name: string): string =>
  (fixture.emu.instances.oproxy[name] as { password: string }).password;

/** Opens an `encrypted_token`: base64(nonce(12) ‖ AES-GCM ciphertext ‖ tag(16)) of `<secs>:<content>`. */
function decrypt(encryptedToken: string): string {
  const key = Buffer.from(password('credentials_enc_key'), 'base64');
  const raw = Buffer.from(encryptedToken, 'base64');
  const decipher = createDecipheriv(`aes-${key.length * 8}-gcm` as 'aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  const plain = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
  return plain.toString('utf8').replace(/^\d+:/, '');
}

/** Node HTTP that also labels what every oproxy request encrypted. */
const recordingOproxy: HttpFactory = (options) => {
  const client = nodeHttpFactory(options);
  client.interceptors.request.use((config) => {
    if (config.url?.endsWith(OPROXY)) {
      const { encrypted_token: encrypted } = JSON.parse(String(config.data)) as { encrypted_token: string };
      sent.push(decrypt(encrypted) === password('credentials_tenant_id') ? 'Token' : 'other');
    }
    return config;
  });
  return client;
};

/** Status (or fault) and encrypted content (`undefined` when a fault answered) of each oproxy request. */
function oproxyRequests(): [number | string | undefined, string | undefined][] {
  return fixture.emu.requests({ kind: 'oproxy' }).map((r) => [r.status ?? r.fault, r.encryptedContent]);
}

async function contextData(store = calendar.context): Promise<Readonly<Record<string, unknown>>> {
  return (await store.read()).data;
}

/** True for a refresh token the emulator's oproxy issued (compared as a boolean: never printed). */
const isIssued = (value: unknown): boolean => typeof value === 'string' && value.startsWith('emu-oproxy-rt-');

/** A working oproxy instance whose access token has just expired. */
beforeEach(async () => {
  sent = [];
  clock = new ManualClock(Date.now());
  fixture.useClock(clock);
  calendar = instanceOf(fixture.emu, 'oproxy', { clock, httpFactory: recordingOproxy });
  expectNote(await calendar.exec('msgraph-calendar-list-calendars'));
  expect(isIssued((await contextData())[REFRESH_TOKEN])).toBe(true);
  clock.advance(3600_000);
});

afterEach(() => {
  // Whatever happened, every request carried the Token.
  expect(sent).toEqual(Array(sent.length).fill('Token'));
  calendar.expectClean();
});

it('encrypts the Token in every exchange and keeps the refresh token each answer brings', async () => {
  const first = (await contextData())[REFRESH_TOKEN];

  expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

  expect(oproxyRequests()).toEqual([
    [200, 'token'],
    [200, 'token'],
  ]);
  const stored = (await contextData())[REFRESH_TOKEN];
  expect({ issued: isIssued(stored), rotated: stored !== first }).toEqual({ issued: true, rotated: true });
});

it('a Python-era context holding a refresh token keeps working: the request encrypts the Token', async () => {
  const issued = (await contextData())[REFRESH_TOKEN];
  // What the Python integration leaves: upstream keys only, an expired token, a live refresh token.
  const python = new MemoryContextStore({
    access_token: 'py-token',
    valid_until: 0,
    [REFRESH_TOKEN]: issued,
  });
  const upgraded = instanceOf(fixture.emu, 'oproxy', {
    clock,
    context: python,
    httpFactory: recordingOproxy,
  });

  expectNote(await upgraded.exec('msgraph-calendar-list-calendars'));

  expect(oproxyRequests()).toEqual([
    [200, 'token'],
    [200, 'token'],
  ]);
  expect(sent).toEqual(['Token', 'Token']);
  expect(isIssued((await contextData(python))[REFRESH_TOKEN])).toBe(true);
  upgraded.expectClean();
});

it("adopts a Python-era context's valid access token without any request", async () => {
  clock.advance(-3600_000);
  const { access_token: token, valid_until: validUntil, [REFRESH_TOKEN]: refresh } = await contextData();
  const python = new MemoryContextStore({
    access_token: token,
    valid_until: validUntil,
    [REFRESH_TOKEN]: refresh,
  });
  const upgraded = instanceOf(fixture.emu, 'oproxy', { clock, context: python });

  expectNote(await upgraded.exec('msgraph-calendar-list-calendars'));

  expect(oproxyRequests()).toHaveLength(1);
  expect((await contextData(python)).auth_fingerprint).toEqual(expect.any(String));
  upgraded.expectClean();
});

it('a lost answer is retried once with the Token, and the command succeeds without a back-off', async () => {
  fixture.emu.addFault({ method: 'POST', path: OPROXY, dropResponse: true });

  expect(expectNote(await calendar.exec('msgraph-calendar-list-calendars'))).toContain('| Calendar |');

  expect(oproxyRequests()).toEqual([
    [200, 'token'],
    ['dropResponse', 'token'],
    [200, 'token'],
  ]);
  expect(isIssued((await contextData())[REFRESH_TOKEN])).toBe(true);
  expect((await contextData()).next_request_time).toBeUndefined();
  expect(fixture.emu.requests({ kind: 'graph' }).map((r) => r.status)).toEqual([200, 200]);
});

it('when the retry is lost too, one network error; the next command recovers without auth-reset', async () => {
  fixture.emu.addFault({ method: 'POST', path: OPROXY, dropResponse: true });
  fixture.emu.addFault({ method: 'POST', path: OPROXY, reset: true });

  const text = expectError(await calendar.exec('msgraph-calendar-list-calendars'));
  expect(text).toMatch(/^The connection to 127\.0\.0\.1:\d+ was closed before a response was received\./);
  // No answer, no refusal: the back-off does not start.
  expect((await contextData()).next_request_time).toBeUndefined();

  expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

  expect(oproxyRequests()).toEqual([
    [200, 'token'],
    ['dropResponse', 'token'],
    ['reset', undefined],
    [200, 'token'],
  ]);
  expect(sent).toEqual(['Token', 'Token', 'Token', 'Token']);
});

it('when the Token is refused: one readable error, one back-off step, then the Token alone', async () => {
  // As the oproxy refuses when the admin consent was revoked: Microsoft's JSON inside its `detail`.
  const revoked = {
    error: 'invalid_grant',
    error_description:
      'AADSTS65001: The user or administrator has not consented to use the application. Trace ID: t',
    error_codes: [65001],
  };
  fixture.emu.addFault({
    method: 'POST',
    path: OPROXY,
    status: 400,
    body: {
      title: 'Failed to obtain a token',
      detail: `Error: failed to get access token with err: ${JSON.stringify(revoked)}`,
      status: 400,
    },
  });
  const before = (await contextData())[REFRESH_TOKEN];

  const refused = expectError(await calendar.exec('msgraph-calendar-list-calendars'));

  expect(refused).toBe(
    'Error in Microsoft authorization. Status: 400, body: invalid_grant. \nAADSTS65001: The user or administrator has not consented to use the application.\n' +
      'Admin consent is missing: grant admin consent for the application’s API permissions in Azure. Server message: Failed to obtain a token',
  );
  expect(oproxyRequests()).toEqual([
    [200, 'token'],
    [400, undefined],
  ]);
  expect(sent).toEqual(['Token', 'Token']);
  const after = await contextData();
  expect({ kept: after[REFRESH_TOKEN] === before, counter: after.delay_request_counter }).toEqual({
    kept: true,
    counter: 2,
  });

  expect(expectError(await calendar.exec('msgraph-calendar-list-calendars'))).toMatch(
    /^The request will be delayed until /,
  );
  expect(oproxyRequests()).toHaveLength(2);

  clock.advance(2_000);
  expectNote(await calendar.exec('msgraph-calendar-list-calendars'));
  expect(oproxyRequests()).toEqual([
    [200, 'token'],
    [400, undefined],
    [200, 'token'],
  ]);
  expect(sent).toEqual(['Token', 'Token', 'Token']);
  expect(isIssued((await contextData())[REFRESH_TOKEN])).toBe(true);
});
