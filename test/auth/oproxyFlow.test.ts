import { oproxyFlow } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/oproxyFlow';
import { formatLocalDateTime } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/oproxyBackoff';
import { nodeCrypto } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { AuthenticationError } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/errors';
import {
  harness,
  OPROXY_KEY,
  OPROXY_URL as URL,
  oproxySettings,
  rejection,
  T0,
  type Harness,
} from './support/fixtures';
import { header, type RecordedRequest } from './support/scriptedHttp';

const request = { scope: 'https://graph.microsoft.com/.default', resource: 'https://graph.microsoft.com/' };

function decrypt(encrypted: string): { nonce: Buffer; plaintext: string } {
  const raw = Buffer.from(encrypted, 'base64');
  const nonce = raw.subarray(0, 12);
  const plain = nodeCrypto.aesGcmDecrypt(Buffer.from(OPROXY_KEY, 'base64'), nonce, raw.subarray(12));
  return { nonce, plaintext: Buffer.from(plain).toString('utf8') };
}

const bodyOf = (r: RecordedRequest): Record<string, unknown> => JSON.parse(r.body ?? '');

describe('OproxyFlow request', () => {
  let h: Harness;
  beforeEach(() => {
    h = harness({
      serverInfo: {
        brand: 'Microsoft Graph Calendar',
        instanceName: 'inst',
        contentVersion: '1.2.3',
        serverVersion: '8.9.0',
        licenseId: 'lic-1',
        branch: 'master',
      },
    });
  });
  afterEach(() => h.http.verify());

  it('posts upstream JSON body in key order with the Token encrypted', async () => {
    h.http.expect('POST', URL, {
      status: 200,
      body: { access_token: 'at-1', expires_in: 3600, refresh_token: 'rt-1' },
    });
    const result = await oproxyFlow(oproxySettings, h.ctx).getToken(request);

    expect(result).toEqual({ accessToken: 'at-1', expiresIn: 3600, refreshToken: 'rt-1' });
    const sent = h.http.requests[0];
    expect(Object.keys(bodyOf(sent))).toEqual([
      'app_name',
      'registration_id',
      'encrypted_token',
      'scope',
      'resource',
    ]);
    expect(bodyOf(sent)).toMatchObject({
      app_name: 'ms-graph-calendar',
      registration_id: 'dummy_auth_id',
      scope: null,
      resource: '',
    });
    expect(decrypt(bodyOf(sent).encrypted_token as string).plaintext).toBe(`${T0}:oproxy-token-SECRET-1234`);
  });

  it('stamps the plaintext with whole UTC epoch seconds (truncated, like upstream epoch_seconds)', async () => {
    h.clock.advance(Date.UTC(2019, 11, 24, 14, 12, 0, 586) - h.clock.now());
    h.http.expect('POST', URL, { status: 200, body: { access_token: 'at' } });
    await oproxyFlow(oproxySettings, h.ctx).getToken(request);
    expect(decrypt(bodyOf(h.http.requests[0]).encrypted_token as string).plaintext).toMatch(/^1577196720:/);
  });

  it('encrypts the Token, never the refresh token a Python-era context holds (wire parity)', async () => {
    h = harness({ context: { current_refresh_token: 'rt-1', access_token: 'old', valid_until: T0 - 1 } });
    h.http.expect('POST', URL, {
      status: 200,
      body: { access_token: 'at', expires_in: 3600, refresh_token: 'rt-2' },
    });
    await oproxyFlow(oproxySettings, h.ctx).getToken(request);
    expect(decrypt(bodyOf(h.http.requests[0]).encrypted_token as string).plaintext).toBe(
      `${T0}:oproxy-token-SECRET-1234`,
    );
    // The flow never writes the refresh token: the token cache stores what the grant returned.
    expect(h.store.data.current_refresh_token).toBe('rt-1');
  });

  it('sends the X-Content info headers from the server info and JSON content type', async () => {
    h.http.expect('POST', URL, { status: 200, body: { access_token: 'at', expires_in: 3600 } });
    await oproxyFlow(oproxySettings, h.ctx).getToken(request);
    const sent = h.http.requests[0];
    expect(header(sent, 'X-Content-Version')).toBe('1.2.3');
    expect(header(sent, 'X-Content-Name')).toBe('Microsoft Graph Calendar');
    expect(header(sent, 'X-Content-LicenseID')).toBe('lic-1');
    expect(header(sent, 'X-Content-Branch')).toBe('master');
    expect(header(sent, 'X-Content-Server-Version')).toBe('8.9.0');
    expect(header(sent, 'Content-Type')).toBe('application/json');
  });

  it('falls back to the instance name and leaves out unknown info headers', async () => {
    const bare = harness({ serverInfo: { instanceName: 'inst' } });
    bare.http.expect('POST', URL, { status: 200, body: { access_token: 'at', expires_in: 3600 } });
    await oproxyFlow(oproxySettings, bare.ctx).getToken(request);
    const sent = bare.http.requests[0];
    expect(header(sent, 'X-Content-Name')).toBe('inst');
    expect(header(sent, 'X-Content-Version')).toBeUndefined();
    expect(header(sent, 'X-Content-LicenseID')).toBeUndefined();
    bare.http.verify();
  });

  it('returns an empty refresh token when the answer has none (upstream then stores "")', async () => {
    h.http.expect('POST', URL, { status: 200, body: { access_token: 'at', expires_in: '3600' } });
    expect(await oproxyFlow(oproxySettings, h.ctx).getToken(request)).toEqual({
      accessToken: 'at',
      expiresIn: 3600,
      refreshToken: '',
    });
  });

  it('uses upstream default lifetime 3595 when expires_in is missing', async () => {
    h.http.expect('POST', URL, { status: 200, body: { access_token: 'at' } });
    expect((await oproxyFlow(oproxySettings, h.ctx).getToken(request)).expiresIn).toBe(3595);
  });

  it('never repeats a nonce: a persisted counter, the time and random bytes', async () => {
    const nonces = new Set<string>();
    const flow = oproxyFlow(oproxySettings, h.ctx);
    const weak = { ...h.deps, crypto: { ...nodeCrypto, randomBytes: (n: number) => new Uint8Array(n) } };
    const weakFlow = oproxyFlow(oproxySettings, { ...h.ctx, deps: weak });
    for (let i = 0; i < 6; i++) {
      h.http.expect('POST', URL, { status: 200, body: { access_token: 'at', expires_in: 3600 } });
      await (i % 2 ? flow : weakFlow).getToken(request);
      nonces.add(decrypt(bodyOf(h.http.requests[i]).encrypted_token as string).nonce.toString('hex'));
    }
    expect(nonces.size).toBe(6);
    expect(h.store.data.oproxy_nonce_counter).toBe(6);
    const first = decrypt(bodyOf(h.http.requests[0]).encrypted_token as string).nonce;
    expect(first.readUInt32BE(0)).toBe(1);
    expect(first.readUInt32BE(4)).toBe(T0);
  });

  it('posts to the token URL given with the ID', async () => {
    const custom = { ...oproxySettings, tokenUrl: 'http://127.0.0.1:9/obtain-token' };
    h.http.expect('POST', 'http://127.0.0.1:9/obtain-token', { status: 200, body: { access_token: 'at' } });
    await oproxyFlow(custom, h.ctx).getToken(request);
  });
});

describe('OproxyFlow errors and back-off (2, 4, ... 64 s after refused calls)', () => {
  let h: Harness;
  afterEach(() => h.http.verify());

  it.each([
    [5, 32, 6],
    [6, 64, 7],
    [7, 64, 7],
  ])(
    'after a 400 with delay_request_counter %i stores next_request_time +%i s and counter %i',
    async (counter, delay, next) => {
      h = harness({ context: { next_request_time: 0, delay_request_counter: counter, other: 'kept' } });
      h.http.expect('POST', URL, { status: 400, body: { error: 'bad' } });
      const error = await rejection(oproxyFlow(oproxySettings, h.ctx).getToken(request));
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(h.store.data).toMatchObject({
        next_request_time: T0 + delay,
        delay_request_counter: next,
        other: 'kept',
      });
    },
  );

  it('refuses to send while the back-off runs, with upstream text', async () => {
    h = harness({ context: { next_request_time: T0 + 1, delay_request_counter: 2 } });
    const error = await rejection(oproxyFlow(oproxySettings, h.ctx).getToken(request));
    expect(error.message).toBe(`The request will be delayed until ${formatLocalDateTime(T0 + 1)}`);
    expect(h.http.requests).toHaveLength(0);
  });

  it('sends when next_request_time is exactly now', async () => {
    h = harness({ context: { next_request_time: T0, delay_request_counter: 2 } });
    h.http.expect('POST', URL, { status: 200, body: { access_token: 'at' } });
    await oproxyFlow(oproxySettings, h.ctx).getToken(request);
    expect(h.store.data).toMatchObject({ next_request_time: 0, delay_request_counter: 1 });
  });

  it('delays 2, 4, 8 s across consecutive final failures (one retry each) and resets on success', async () => {
    h = harness();
    const flow = oproxyFlow(oproxySettings, h.ctx);
    for (const delay of [2, 4, 8]) {
      h.http.expect('POST', URL, { status: 503, body: 'unavailable' });
      h.http.expect('POST', URL, { status: 503, body: 'unavailable' });
      await rejection(flow.getToken(request));
      // One back-off step per failed command, counted from the end of its retry.
      expect(h.store.data.next_request_time).toBe(h.clock.now() / 1000 + delay);
      h.clock.advance(delay * 1000);
    }
    expect(h.clock.sleeps).toEqual([1000, 1000, 1000]);
    h.http.expect('POST', URL, { status: 200, body: { access_token: 'at' } });
    await flow.getToken(request);
    expect(h.store.data).toMatchObject({ next_request_time: 0, delay_request_counter: 1 });
  });

  it('formats the delay time like Python str(datetime.fromtimestamp()): local time, whole seconds', () => {
    const d = new Date((T0 + 64) * 1000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
    expect(formatLocalDateTime(T0 + 64.75)).toBe(local);
    // The concrete upstream example holds on a UTC host (the XSOAR docker default).
    if (new Date(0).getTimezoneOffset() === 0) expect(formatLocalDateTime(1)).toBe('1970-01-01 00:00:01');
  });

  it('reports status, parsed body and structured details of a refusal', async () => {
    h = harness();
    h.http.expect('POST', URL, {
      status: 401,
      body: {
        error: 'invalid_grant',
        error_description: 'AADSTS700082: The refresh token has expired. Trace ID: t',
        error_codes: [700082],
        correlation_id: 'corr-1',
        trace_id: 'trace-1',
      },
    });
    const error = (await rejection(
      oproxyFlow(oproxySettings, h.ctx).getToken(request),
    )) as AuthenticationError;
    expect(error.message).toBe(
      'Error in Microsoft authorization. Status: 401, body: invalid_grant. \nAADSTS700082: The refresh token has expired.\n' +
        'You can run the ***msgraph-calendar-auth-reset*** command to reset the authentication process.',
    );
    expect(error).toMatchObject({
      status: 401,
      error: 'invalid_grant',
      aadstsCodes: [700082],
      correlationId: 'corr-1',
      traceId: 'trace-1',
    });
    expect(error.code).toBe('AUTH_REFUSED');
  });

  it('rejects a 200 answer without a token with upstream text, without touching the back-off', async () => {
    h = harness();
    h.http.expect('POST', URL, { status: 200, body: '<html>oops</html>' });
    const error = await rejection(oproxyFlow(oproxySettings, h.ctx).getToken(request));
    expect(error.message).toBe(
      'There was a problem in retrieving an updated access token.\nThe response from the Oproxy server did not contain the expected content.',
    );
  });

  it('rejects a Key that is not base64 before sending anything, without quoting it', async () => {
    h = harness();
    const error = await rejection(
      oproxyFlow({ ...oproxySettings, encryptionKey: 'not base64!' }, h.ctx).getToken(request),
    );
    expect(error.message).toBe(
      'Error in Microsoft authorization: the Key is not valid base64. Please check authentication related parameters.',
    );
    expect(h.http.requests).toHaveLength(0);
  });

  it('rejects a Key of the wrong length', async () => {
    h = harness();
    const error = await rejection(
      oproxyFlow({ ...oproxySettings, encryptionKey: Buffer.alloc(20).toString('base64') }, h.ctx).getToken(
        request,
      ),
    );
    expect(error.message).toContain('the Key decodes to 20 bytes, not 16, 24 or 32');
  });
});

describe('OproxyFlow retries (429, 5xx, dropped connections)', () => {
  let h: Harness;
  beforeEach(() => (h = harness()));
  afterEach(() => h.http.verify());

  const contents = () => h.http.requests.map((r) => decrypt(bodyOf(r).encrypted_token as string));

  it.each([429, 500, 503])(
    'retries a %i once with a new encrypted token, and records no back-off on success',
    async (status) => {
      h.http.expect('POST', URL, { status, headers: { 'retry-after': '2' } });
      h.http.expect('POST', URL, { status: 200, body: { access_token: 'at', refresh_token: 'rt-2' } });
      expect(await oproxyFlow(oproxySettings, h.ctx).getToken(request)).toEqual({
        accessToken: 'at',
        expiresIn: 3595,
        refreshToken: 'rt-2',
      });
      expect(h.clock.sleeps).toEqual([2000]);
      const [first, second] = contents();
      expect([first.plaintext, second.plaintext]).toEqual([
        `${T0}:${oproxySettings.token}`,
        `${T0 + 2}:${oproxySettings.token}`,
      ]);
      expect(first.nonce.equals(second.nonce)).toBe(false);
      expect(h.store.data.next_request_time).toBeUndefined();
    },
  );

  it('retries a reset connection once, then reports the network error without a back-off', async () => {
    h.http.expect('POST', URL, { networkError: 'ECONNRESET', message: 'socket hang up' });
    h.http.expect('POST', URL, { networkError: 'ECONNRESET', message: 'socket hang up' });
    const error = await rejection(oproxyFlow(oproxySettings, h.ctx).getToken(request));
    expect(error.message).toBe(
      'The connection to oproxy.test was closed before a response was received. Try the command again.',
    );
    expect(h.clock.sleeps).toEqual([1000]);
    expect(h.store.data.next_request_time).toBeUndefined();
  });

  it('does not retry a refusal of the Token', async () => {
    h.http.expect('POST', URL, {
      status: 401,
      body: { title: 'Unauthorized', detail: 'Registration not found.' },
    });
    const error = await rejection(oproxyFlow(oproxySettings, h.ctx).getToken(request));
    expect(error.message).toBe(
      'Error in Microsoft authorization. Status: 401, body: Unauthorized. Registration not found.',
    );
    expect(h.store.data).toMatchObject({ next_request_time: T0 + 2, delay_request_counter: 2 });
  });
});

describe('OproxyFlow with a Python-era refresh token in the context', () => {
  let h: Harness;
  afterEach(() => h.http.verify());

  const refused = (code: number, text: string) => ({
    status: 400,
    body: {
      title: 'Failed to obtain a token',
      detail: `Error: failed to get access token with err: ${JSON.stringify({
        error: 'invalid_grant',
        error_description: `AADSTS${code}: ${text} Trace ID: t`,
        error_codes: [code],
      })}`,
      status: 400,
    },
  });
  const contents = () =>
    h.http.requests.map((r) => decrypt(bodyOf(r).encrypted_token as string).plaintext.replace(/^\d+:/, ''));
  const tokenOnly = (n: number) => Array(n).fill(oproxySettings.token);

  it('exchanges the Token and keeps working (the refresh token is never sent)', async () => {
    h = harness({ context: { current_refresh_token: 'rt-python', other: 'kept' } });
    h.http.expect('POST', URL, { status: 200, body: { access_token: 'at', refresh_token: 'rt-new' } });
    const result = await oproxyFlow(oproxySettings, h.ctx).getToken(request);
    expect(result).toEqual({ accessToken: 'at', expiresIn: 3595, refreshToken: 'rt-new' });
    expect(contents()).toEqual(tokenOnly(1));
    expect(h.clock.sleeps).toEqual([]);
    expect(h.store.data).toMatchObject({ current_refresh_token: 'rt-python', other: 'kept' });
    expect(h.store.data.next_request_time).toBeUndefined();
  });

  it.each([400, 401, 403])(
    'reports a refusal (%i) of the Token at once: no second request, one back-off step',
    async (status) => {
      h = harness({ context: { current_refresh_token: 'rt-python' } });
      h.http.expect('POST', URL, { ...refused(70000, 'Provided grant is invalid or malformed.'), status });
      const error = (await rejection(
        oproxyFlow(oproxySettings, h.ctx).getToken(request),
      )) as AuthenticationError;
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(contents()).toEqual(tokenOnly(1));
      expect(h.clock.sleeps).toEqual([]);
      expect(h.store.data).toMatchObject({
        current_refresh_token: 'rt-python',
        next_request_time: T0 + 2,
        delay_request_counter: 2,
      });
    },
  );

  it('reports a refused Token readably (the consent was revoked)', async () => {
    h = harness({ context: { current_refresh_token: 'rt-python' } });
    h.http.expect('POST', URL, refused(65001, 'The administrator has not consented to use the application.'));
    const error = (await rejection(
      oproxyFlow(oproxySettings, h.ctx).getToken(request),
    )) as AuthenticationError;
    expect(error.message).toBe(
      'Error in Microsoft authorization. Status: 400, body: invalid_grant. \nAADSTS65001: The administrator has not consented to use the application.\n' +
        'Admin consent is missing: grant admin consent for the application’s API permissions in Azure. Server message: Failed to obtain a token',
    );
    expect(error).toMatchObject({ status: 400, error: 'invalid_grant', aadstsCodes: [65001] });
    expect(contents()).toEqual(tokenOnly(1));
  });

  it('retries a 429 once with the Token, then the back-off applies; the refresh token stays', async () => {
    h = harness({ context: { current_refresh_token: 'rt-1' } });
    h.http.expect('POST', URL, { status: 429 });
    h.http.expect('POST', URL, { status: 429 });
    await rejection(oproxyFlow(oproxySettings, h.ctx).getToken(request));
    expect(contents()).toEqual(tokenOnly(2));
    expect(h.store.data.current_refresh_token).toBe('rt-1');
    expect(h.store.data.delay_request_counter).toBe(2);
  });

  it('retries a dropped exchange once with the Token (nothing to lose: the Token is reusable)', async () => {
    h = harness({ context: { current_refresh_token: 'rt-1' } });
    h.http.expect('POST', URL, { networkError: 'ECONNRESET', message: 'socket hang up' });
    h.http.expect('POST', URL, { status: 200, body: { access_token: 'at', refresh_token: 'rt-3' } });
    const result = await oproxyFlow(oproxySettings, h.ctx).getToken(request);
    expect(result.refreshToken).toBe('rt-3');
    expect(contents()).toEqual(tokenOnly(2));
  });
});
