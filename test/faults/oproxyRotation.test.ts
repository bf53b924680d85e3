/**
 * The oproxy rotates the refresh token on every exchange. When the answer of a rotation is lost
 * (the oproxy processed it, then the connection dropped), the refresh token cached in the context
 * is already spent and the new one never arrived.
 *
 * The module discards a refresh token the oproxy refuses and sends the Token from the settings
 * (the admin-consent token, which the oproxy accepts again) once; the back-off starts only if that
 * is refused too. The requests are checked by decrypting each `encrypted_token` with the
 * instance's Key; secrets are compared as labels or booleans, so a failure never prints one.
 */
import { createDecipheriv } from 'node:crypto';
import { ManualClock } from '../../Packs/Base/Scripts/CommonServer/memoryRuntime';
import type { HttpFactory } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/HttpFactory';
import { nodeHttpFactory } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/nodeHttp';
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
const FALLBACK_LOG =
  'debug: oproxy: the cached refresh token was refused (400); discarded, sending the Token from the instance settings once';

/** One oproxy exchange as the module sent it: the decrypted content, and the refresh token answered. */
interface Exchange {
  /** Secret: never hand it to `expect`. */
  readonly content: string;
  /** Secret: the rotated refresh token of a 200 answer. */
  answered?: string;
}

let clock: ManualClock;
let calendar: TestInstance;
let exchanges: Exchange[];

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

/** Node HTTP that also records every oproxy exchange (request content and rotated refresh token). */
const recordingOproxy: HttpFactory = (options) => {
  const client = nodeHttpFactory(options);
  client.interceptors.request.use((config) => {
    if (config.url?.endsWith(OPROXY))
      exchanges.push({
        content: decrypt((JSON.parse(String(config.data)) as { encrypted_token: string }).encrypted_token),
      });
    return config;
  });
  client.interceptors.response.use((response) => {
    if (response.config.url?.endsWith(OPROXY) && response.status === 200)
      exchanges[exchanges.length - 1].answered = (
        JSON.parse(String(response.data)) as { refresh_token: string }
      ).refresh_token;
    return response;
  });
  return client;
};

/**
 * What each exchange sent, as labels: `Token`, or `rt<n>` for the refresh token answered by the
 * n-th exchange, `unknown` otherwise.
 */
function sent(): string[] {
  return exchanges.map(({ content }) => {
    if (content === password('credentials_tenant_id')) return 'Token';
    const issuer = exchanges.findIndex((e) => e.answered === content);
    return issuer >= 0 ? `rt${issuer + 1}` : 'unknown';
  });
}

/** Statuses of the oproxy requests so far (`dropResponse` / `reset` when no answer arrived). */
function oproxyOutcomes(): (number | string | undefined)[] {
  return fixture.emu.requests({ kind: 'oproxy' }).map((r) => r.status ?? r.fault);
}

async function cachedRefreshToken(): Promise<unknown> {
  return (await calendar.context.read()).data[REFRESH_TOKEN];
}

/** True when the context holds the refresh token that the last exchange was answered with. */
async function persistsLastRotation(): Promise<boolean> {
  const last = exchanges[exchanges.length - 1].answered;
  return (
    typeof last === 'string' && last.startsWith('emu-oproxy-rt-') && (await cachedRefreshToken()) === last
  );
}

/**
 * A working oproxy instance whose access token has just expired, and a lost rotation queued:
 * the next command exchanges the cached refresh token and never sees the answer.
 */
beforeEach(async () => {
  exchanges = [];
  clock = new ManualClock(Date.now());
  fixture.useClock(clock);
  calendar = instanceOf(fixture.emu, 'oproxy', { clock, httpFactory: recordingOproxy });
  expectNote(await calendar.exec('msgraph-calendar-list-calendars'));
  const first = await cachedRefreshToken();
  expect(typeof first === 'string' && first.startsWith('emu-oproxy-rt-')).toBe(true);
  clock.advance(3600_000);
  fixture.emu.addFault({ method: 'POST', path: OPROXY, dropResponse: true });
});

afterEach(() => calendar.expectClean());

it('recovers: the spent refresh token is discarded and the Token from the settings is used once', async () => {
  const spent = await cachedRefreshToken();
  // The command that lost the answer may fail with a network error, or recover at once.
  await calendar.exec('msgraph-calendar-list-calendars');

  const next = await calendar.exec('msgraph-calendar-list-calendars');

  expectNote(next);
  const outcomes = oproxyOutcomes();
  // Initial Token exchange, lost rotation, one refusal of the spent token, one Token exchange.
  expect(outcomes).toEqual([200, 'dropResponse', 400, 200]);
  const fresh = await cachedRefreshToken();
  expect(typeof fresh === 'string' && fresh.startsWith('emu-oproxy-rt-')).toBe(true);
  expect(fresh !== spent).toBe(true);
});

it('the command that lost the answer recovers at once: spent refresh token twice, then the Token once', async () => {
  expect(expectNote(await calendar.exec('msgraph-calendar-list-calendars'))).toContain('| Calendar |');

  expect(oproxyOutcomes()).toEqual([200, 'dropResponse', 400, 200]);
  // The lost exchange is retried once as it was (its answer may simply have been lost in transit).
  expect(sent()).toEqual(['Token', 'rt1', 'rt1', 'Token']);
  expect(await persistsLastRotation()).toBe(true);
  expect((await calendar.context.read()).data.next_request_time).toBeUndefined();
  expect(calendar.log.text()).toContain(FALLBACK_LOG);
  expect(fixture.emu.requests({ kind: 'graph' }).map((r) => r.status)).toEqual([200, 200]);
});

it('when the retry is lost too, one network error; the next command recovers without auth-reset', async () => {
  fixture.emu.addFault({ method: 'POST', path: OPROXY, reset: true });

  const text = expectError(await calendar.exec('msgraph-calendar-list-calendars'));
  expect(text).toMatch(/^The connection to 127\.0\.0\.1:\d+ was closed before a response was received\./);
  expect(oproxyOutcomes()).toEqual([200, 'dropResponse', 'reset']);
  // No answer, no refusal: the back-off does not start.
  expect((await calendar.context.read()).data.next_request_time).toBeUndefined();

  expectNote(await calendar.exec('msgraph-calendar-list-calendars'));

  expect(oproxyOutcomes()).toEqual([200, 'dropResponse', 'reset', 400, 200]);
  expect(sent()).toEqual(['Token', 'rt1', 'rt1', 'rt1', 'Token']);
  expect(await persistsLastRotation()).toBe(true);
});

it('when the Token is refused too: one readable error, one back-off step, then the Token alone', async () => {
  // The retried spent token gets the emulator's own refusal; the Token exchange is refused as the
  // oproxy does when the admin consent was revoked: Microsoft's JSON inside its `detail`.
  fixture.emu.addFault({ method: 'POST', path: OPROXY, delayMs: 0 });
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

  const refused = expectError(await calendar.exec('msgraph-calendar-list-calendars'));

  expect(refused).toBe(
    'Error in Microsoft authorization. Status: 400, body: invalid_grant. \nThe user or administrator has not consented to use the application. Server message: Failed to obtain a token',
  );
  expect(oproxyOutcomes()).toEqual([200, 'dropResponse', 400, 400]);
  expect(sent()).toEqual(['Token', 'rt1', 'rt1', 'Token']);
  expect((await calendar.context.read()).data).toMatchObject({
    [REFRESH_TOKEN]: '',
    delay_request_counter: 2,
  });

  expect(expectError(await calendar.exec('msgraph-calendar-list-calendars'))).toMatch(
    /^The request will be delayed until /,
  );
  expect(oproxyOutcomes()).toHaveLength(4);

  clock.advance(2_000);
  expectNote(await calendar.exec('msgraph-calendar-list-calendars'));
  expect(oproxyOutcomes()).toEqual([200, 'dropResponse', 400, 400, 200]);
  expect(sent()).toEqual(['Token', 'rt1', 'rt1', 'Token', 'Token']);
  expect(await persistsLastRotation()).toBe(true);
});
