import { decodeBase64 } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/pem';
import {
  checkHttpUrl,
  isLoopbackHost,
  parseUrl,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/settings/urls';
import fc from 'fast-check';

describe('decodeBase64', () => {
  it('decodes what Node encodes, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(decodeBase64(Buffer.from(bytes).toString('base64'))).toStrictEqual(bytes);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it.each(['QUJ=', 'QUJD\n', 'QUJ', 'QU=D', 'QUJD-_==', 'Q===', '=AAA', 'QUJDé==='])('rejects %j', (text) => {
    expect(decodeBase64(text)).toBeUndefined();
  });
});

describe('URL checks', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.255.3.9', true],
    ['[::1]', true],
    ['127.0.0.256', false],
    ['128.0.0.1', false],
    ['localhost.example.com', false],
    ['10.0.0.1', false],
  ])('treats %s as loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it('parses scheme, host, port and path, lower-casing scheme and host', () => {
    expect(parseUrl('HTTPS://Graph.Example.COM:8443/Base/v1.0')).toStrictEqual({
      scheme: 'https',
      host: 'graph.example.com',
      port: '8443',
      path: '/Base/v1.0',
      origin: 'https://graph.example.com:8443',
    });
  });

  it.each([
    ['https://graph.microsoft.com', { ok: true }],
    ['http://[::1]:8080/x', { ok: true }],
    ['http://graph.microsoft.com', { ok: false, reason: 'insecure' }],
    ['ftp://127.0.0.1', { ok: false, reason: 'insecure' }],
    ['https://user:pw@graph.microsoft.com', { ok: false, reason: 'malformed' }],
    ['https://graph.microsoft.com:70000', { ok: false, reason: 'malformed' }],
    ['graph.microsoft.com', { ok: false, reason: 'malformed' }],
    ['https://graph.microsoft.com/a b', { ok: false, reason: 'malformed' }],
  ])('checks %s', (text, expected) => {
    expect(checkHttpUrl(text)).toMatchObject(expected);
  });
});
