/**
 * Huge or pathological error answers are read in linear time and quoted in bounded texts: a
 * hostile endpoint cannot stall a command (quadratic pattern matching took minutes on 1 MB) or
 * flood the War Room. The sizes below would take minutes with a backtracking pattern; Jest's
 * timeout is the hang detector, the assertions check the texts.
 */
import {
  extractMicrosoftError,
  oproxyErrorMessage,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/errorParser';
import { redact } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/core/redact';
import { checkGraphLink } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/graph/graphLink';
import { errorText } from '../../Integrations/MicrosoftGraphCalendar/commands/errorText';
import { IntegrationError } from '../../Packs/Base/Scripts/CommonServer/errors';

const BIG = 400_000;

describe('hostile error answers', () => {
  it('an identity platform error_description with a long run of spaces', () => {
    const body = {
      error: 'invalid_client',
      error_description: `AADSTS7000215: x${' '.repeat(BIG)}y`,
      error_codes: [7000215],
    };
    const text = extractMicrosoftError(body, 'msgraph-calendar') ?? '';
    expect(text.startsWith('invalid_client. \nAADSTS7000215: x')).toBe(true);
    expect(text.length).toBeLessThan(2000);
  });

  it('an oproxy message made of braces', () => {
    const text = oproxyErrorMessage(400, JSON.stringify({ message: '{'.repeat(BIG) }), 'msgraph-calendar');
    expect(text.startsWith('Error in Microsoft authorization. Status: 400, body: ')).toBe(true);
    expect(text.length).toBeLessThan(2100);
  });

  it('prose around braces on one line', () => {
    const text = oproxyErrorMessage(502, `Error: ${'{ '.repeat(BIG / 2)}`, 'msgraph-calendar');
    expect(text.length).toBeLessThan(1100);
  });

  it('an error entry over a JWT-looking flood', () => {
    const flood = 'eyJ'.repeat(BIG / 3);
    const text = errorText(new IntegrationError('GRAPH_ERROR', flood), 'test-module', []);
    expect(text.length).toBeLessThanOrEqual(2003);
    expect(redact('eyJabc.def.ghi and eyJ' + 'a'.repeat(BIG))).toMatch(/^<redacted> and /);
  });

  it('a next link padded with spaces or of absurd length', () => {
    expect(checkGraphLink('https://graph.microsoft.com/v1.0/', `${' '.repeat(BIG)}x`).ok).toBe(false);
    const long = `https://graph.microsoft.com/v1.0/users?$skiptoken=${'a'.repeat(BIG)}`;
    expect(checkGraphLink('https://graph.microsoft.com/v1.0/', long)).toStrictEqual({
      ok: false,
      reason: 'it is longer than 16384 characters',
    });
  });

  it('keeps backslashes in a query as they are, and reads :0443 as the default port', () => {
    const link = "https://graph.microsoft.com:0443/v1.0/users?$filter=subject eq 'a\\b'";
    expect(checkGraphLink('https://graph.microsoft.com/v1.0/', link)).toStrictEqual({
      ok: true,
      url: "https://graph.microsoft.com/v1.0/users?$filter=subject eq 'a\\b'",
    });
  });
});
