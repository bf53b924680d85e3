/**
 * The one next-link check: a link is resolved the way a URL parser resolves it, then must stay on
 * the configured Graph origin and under its base path. The attack class: everything a parser
 * strips or normalizes (fragments, tabs and line breaks, `\`, dot segments encoded or not, default
 * ports, case) must not let a link leave the base.
 */
import fc from 'fast-check';
import {
  checkGraphLink,
  refusedLinkMessage,
} from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/graph/graphLink';

const BASE = 'https://graph.microsoft.com/v1.0/';

describe('checkGraphLink', () => {
  it.each([
    ['a next link of the base', `${BASE}users/a/events?$skip=10`, `${BASE}users/a/events?$skip=10`],
    ['the host in another case', 'https://GRAPH.microsoft.com/v1.0/users', `${BASE}users`],
    ['the default https port written out', 'https://graph.microsoft.com:443/v1.0/users', `${BASE}users`],
    ['a dot segment that stays under the base', `${BASE}users/a/../b`, `${BASE}users/b`],
    ['a fragment (never sent)', `${BASE}users#/../../admin`, `${BASE}users`],
  ])('accepts %s and sends the resolved link', (_name, link, sent) => {
    expect(checkGraphLink(BASE, link)).toStrictEqual({ ok: true, url: sent });
  });

  it.each([
    ['another host', 'https://evil.example.com/v1.0/users'],
    ['another scheme', 'http://graph.microsoft.com/v1.0/users'],
    ['another port', 'https://graph.microsoft.com:8443/v1.0/users'],
    ['user info', 'https://graph.microsoft.com@evil.example.com/v1.0/users'],
    ['a path above the base', 'https://graph.microsoft.com/v1.0/../admin'],
    ['the root', 'https://graph.microsoft.com/'],
    ['encoded dot segments', 'https://graph.microsoft.com/v1.0/%2e%2E/admin'],
    ['mixed encoded dots', 'https://graph.microsoft.com/v1.0/.%2e/admin'],
    ['a tab inside ..', 'https://graph.microsoft.com/v1.0/.\t./admin'],
    ['a line feed inside ..', 'https://graph.microsoft.com/v1.0/.\n./admin'],
    ['backslashes', 'https://graph.microsoft.com/v1.0\\..\\admin'],
    ['a fragment hiding the climb', 'https://graph.microsoft.com/v1.0/..#/v1.0/users'],
    ['the base path in another case', 'https://graph.microsoft.com/V1.0/users'],
    ['a relative link', '/v1.0/users'],
    ['another protocol', 'file:///etc/passwd'],
  ])('refuses %s', (_name, link) => {
    expect(checkGraphLink(BASE, link).ok).toBe(false);
  });

  it('compares a base with a default port to links without one (and the reverse)', () => {
    expect(checkGraphLink('https://graph.example.com:443/v1.0/', 'https://graph.example.com/v1.0/x').ok).toBe(
      true,
    );
    expect(checkGraphLink('http://127.0.0.1:80/v1.0/', 'http://127.0.0.1/v1.0/x').ok).toBe(true);
  });

  it('never lets a link that passes resolve outside the base (property)', () => {
    const piece = fc.constantFrom(
      '..',
      '.',
      '%2e',
      '%2E%2e',
      'x',
      'v1.0',
      '\t',
      '\n',
      '\\',
      '#',
      '?',
      '/',
      ':443',
      '@',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const check = checkGraphLink(BASE, `${BASE}${pieces.join('')}`);
        if (check.ok) {
          const path = check.url.slice('https://graph.microsoft.com'.length).split('?')[0];
          expect(check.url.startsWith(BASE)).toBe(true);
          expect(path.split('/').some((s) => s === '..' || s === '.' || /^(%2e|\.){1,2}$/i.test(s))).toBe(
            false,
          );
        }
      }),
      { seed: 141, numRuns: 3000 },
    );
  });

  it('says where a refused link came from', () => {
    expect(refusedLinkMessage('next_link', BASE, 'it points to https://x')).toMatch(
      /^The next_link argument must be/,
    );
    expect(refusedLinkMessage('graph', BASE, 'it points to https://x')).toMatch(
      /^Microsoft Graph returned a next link that is not under/,
    );
  });
});
