import {
  authErrorDetails,
  extractMicrosoftError,
  oproxyErrorBody,
  oproxyErrorMessage,
  parseErrorBody,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/errorParser';

const HINT = '\nYou can run the ***command_prefix-auth-reset*** command to reset the authentication process.';

describe('extractMicrosoftError (the texts of upstream error_parser)', () => {
  it('renders a Graph-style error object as "<code>: <message>"', () => {
    expect(parseErrorBody('{"error":{"code":"code","message":"message"}}', 'command_prefix')).toBe(
      'code: message',
    );
  });

  it('extracts an expired refresh token description and appends the auth-reset hint', () => {
    const body = {
      error: 'invalid_grant',
      error_description:
        'AADSTS700082: The refresh token has expired due to inactivity.\u00a0The token was issued on 2023-02-06T12:26:14.6448497Z and was inactive for 90.00:00:00.\r\nTrace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333\r\nCorrelation ID: aaaa\r\nTimestamp: 2023-07-02 06:40:27Z',
      error_codes: [700082],
    };
    expect(parseErrorBody(JSON.stringify(body), 'command_prefix')).toBe(
      'invalid_grant. \nAADSTS700082: The refresh token has expired due to inactivity.\u00a0The token was issued on 2023-02-06T12:26:14.6448497Z and was inactive for 90.00:00:00.' +
        HINT,
    );
  });

  it('cuts AADSTS500011 before the trace id, keeps the code and adds its usual fix, not the auth-reset hint', () => {
    const body = {
      error: 'invalid_resource',
      error_description:
        'AADSTS500011: The resource principal named https://security.microsoft.us was not found in the tenant named x Inc.. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant. Trace ID: test Correlation ID: test Timestamp: 2023-07-02 06:40:27Z',
      error_codes: [500011],
    };
    expect(parseErrorBody(JSON.stringify(body), 'command_prefix')).toBe(
      'invalid_resource. \nAADSTS500011: The resource principal named https://security.microsoft.us was not found in the tenant named x Inc.. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.\n' +
        'The Microsoft Graph of the configured cloud is not available to this tenant: check the Azure cloud setting.',
    );
  });

  it.each([50173, 700082, 70008, 54005])(
    'keeps expired-grant code %i and adds the auth-reset hint',
    (code) => {
      const text = extractMicrosoftError(
        { error: 'invalid_grant', error_description: `AADSTS${code}: Expired.`, error_codes: [code] },
        'msgraph-calendar',
      );
      expect(text).toBe(
        `invalid_grant. \nAADSTS${code}: Expired.\nYou can run the ***msgraph-calendar-auth-reset*** command to reset the authentication process.`,
      );
    },
  );

  it('adds both the usual fix and the auth-reset hint for an expired client secret (7000222)', () => {
    const text = extractMicrosoftError(
      { error: 'invalid_grant', error_description: 'AADSTS7000222: Expired.', error_codes: [7000222] },
      'msgraph-calendar',
    );
    expect(text).toBe(
      'invalid_grant. \nAADSTS7000222: Expired.\nThe client secret has expired: create a new client secret in Azure and use its Value.' +
        '\nYou can run the ***msgraph-calendar-auth-reset*** command to reset the authentication process.',
    );
  });

  it('adds no hint when one of the codes is not an expired-grant code', () => {
    const text = extractMicrosoftError(
      { error: 'invalid_grant', error_description: 'AADSTS700082: Expired.', error_codes: [700082, 7000215] },
      'msgraph-calendar',
    );
    expect(text).toBe('invalid_grant. \nAADSTS700082: Expired.');
  });

  it('adds no hint for an empty error_codes list (deliberate fix of upstream)', () => {
    expect(extractMicrosoftError({ error: 'x', error_codes: [] }, 'p')).toBe('x');
  });

  it('returns undefined for a body without error (upstream printed "None: None")', () => {
    expect(extractMicrosoftError({ foo: 1 }, 'p')).toBeUndefined();
    expect(parseErrorBody('{"foo":1}', 'p')).toBe('{"foo":1}');
  });

  it('appends only the code when a multi-line description has no trace part, like Python without DOTALL', () => {
    expect(extractMicrosoftError({ error: 'e', error_description: 'AADSTS1: line one\nline two' }, 'p')).toBe(
      'e. \nAADSTS1',
    );
  });

  it('falls back to the raw text for a body that is not JSON, bounded in length', () => {
    expect(parseErrorBody('  Bad Gateway  ', 'p')).toBe('Bad Gateway');
    expect(parseErrorBody('x'.repeat(5000), 'p')).toHaveLength(1001);
  });
});

describe('oproxyErrorMessage (upstream _raise_authentication_error)', () => {
  it('extracts the Microsoft error embedded in the oproxy prose "failed to get access token with err: {...}"', () => {
    const text =
      'Error: failed to get access token with err: {"error":"invalid_grant","error_description":"AADSTS700003: Device object was not found in the tenant \'test\' directory.\\r\\nTrace ID: 1\\r\\nCorrelation ID: 2\\r\\nTimestamp: 2023","error_codes":[700003],"timestamp":"2023","trace_id":"1","correlation_id":"2"}';
    expect(oproxyErrorMessage(401, text, 'msgraph-calendar')).toBe(
      "Error in Microsoft authorization. Status: 401, body: invalid_grant. \nAADSTS700003: Device object was not found in the tenant 'test' directory.",
    );
  });

  /** The oproxy's refusal of a spent refresh token, as the emulator (and the service) sends it. */
  const wrapped = (ms: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      title: 'Failed to obtain a token',
      detail: `Error: failed to get access token with err: ${JSON.stringify(ms)}`,
      status: 400,
      ...extra,
    });
  const spent = {
    error: 'invalid_grant',
    error_description:
      'AADSTS70000: Provided grant is invalid or malformed: the refresh token was already used and has been rotated.\r\nTrace ID: 1\r\nCorrelation ID: 2',
    error_codes: [70000],
  };

  it('extracts the Microsoft error the oproxy embeds in its JSON detail, quoting no raw JSON', () => {
    expect(oproxyErrorMessage(400, wrapped(spent), 'p')).toBe(
      'Error in Microsoft authorization. Status: 400, body: invalid_grant. \nAADSTS70000: Provided grant is invalid or malformed: the refresh token was already used and has been rotated. Server message: Failed to obtain a token',
    );
  });

  it('adds the auth-reset hint for an expired grant embedded in the detail', () => {
    const expired = {
      error: 'invalid_grant',
      error_description: 'AADSTS700082: The refresh token has expired due to inactivity. Trace ID: 1',
      error_codes: [700082],
    };
    expect(oproxyErrorMessage(400, wrapped(expired, { title: undefined }), 'msgraph-calendar')).toBe(
      'Error in Microsoft authorization. Status: 400, body: invalid_grant. \nAADSTS700082: The refresh token has expired due to inactivity.' +
        '\nYou can run the ***msgraph-calendar-auth-reset*** command to reset the authentication process.',
    );
  });

  it('extracts the Microsoft error embedded in the JSON message, without repeating it as server message', () => {
    const body = JSON.stringify({ message: `Refresh failed: ${JSON.stringify(spent)}`, detail: 'ignored' });
    expect(oproxyErrorMessage(400, body, 'p')).toBe(
      'Error in Microsoft authorization. Status: 400, body: invalid_grant. \nAADSTS70000: Provided grant is invalid or malformed: the refresh token was already used and has been rotated.',
    );
  });

  it('keeps a server message that adds to a Microsoft error found at the top level', () => {
    expect(oproxyErrorMessage(400, JSON.stringify({ ...spent, message: 'Rotation refused' }), 'p')).toBe(
      'Error in Microsoft authorization. Status: 400, body: invalid_grant. \nAADSTS70000: Provided grant is invalid or malformed: the refresh token was already used and has been rotated. Server message: Rotation refused',
    );
  });

  it('reads a pretty-printed (multi-line) JSON body', () => {
    expect(oproxyErrorMessage(401, JSON.stringify(spent, null, 2), 'p')).toMatch(
      /^Error in Microsoft authorization\. Status: 401, body: invalid_grant\. \nAADSTS70000: Provided grant is invalid/,
    );
  });

  it('gives the structured details of the embedded Microsoft error', () => {
    expect(
      authErrorDetails(400, oproxyErrorBody(wrapped({ ...spent, trace_id: 't', correlation_id: 'c' }))),
    ).toEqual({
      status: 400,
      error: 'invalid_grant',
      aadstsCodes: [70000],
      traceId: 't',
      correlationId: 'c',
    });
    expect(authErrorDetails(401, oproxyErrorBody('{"title":"Unauthorized"}'))).toEqual({
      status: 401,
      error: undefined,
      aadstsCodes: [],
      correlationId: undefined,
      traceId: undefined,
    });
  });

  it('shows title and detail without Microsoft error as the body, not the raw JSON twice', () => {
    expect(oproxyErrorMessage(400, '{"title":"Bad request","detail":"stale timestamp"}', 'p')).toBe(
      'Error in Microsoft authorization. Status: 400, body: Bad request. stale timestamp',
    );
  });

  it('prefers the message key as the readable body', () => {
    expect(oproxyErrorMessage(403, '{"message":"Unknown registration","title":"Forbidden"}', 'p')).toBe(
      'Error in Microsoft authorization. Status: 403, body: Unknown registration',
    );
  });

  it('omits the server message when the JSON has none of its keys (upstream printed ". ")', () => {
    expect(oproxyErrorMessage(500, '{"a":1}', 'p')).toBe(
      'Error in Microsoft authorization. Status: 500, body: {"a":1}',
    );
  });

  it('says the body was empty instead of leaving a dangling comma', () => {
    expect(oproxyErrorMessage(502, '', 'p')).toBe(
      'Error in Microsoft authorization. Status: 502, with an empty body.',
    );
  });
});
