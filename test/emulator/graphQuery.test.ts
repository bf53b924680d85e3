/** OData query options: $top, paging through @odata.nextLink, $filter, $orderby, $select, $count. */
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { appToken, graph, type Json } from './helpers';

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await startEmulator({ largeCalendarEvents: 2500 });
  token = await appToken(emu);
});
afterAll(() => emu.close());

const bulk = '/v1.0/users/bulk@contoso.com/events';
const alice = '/v1.0/users/alice@contoso.com/events';
const subjects = (body: Json): string[] => body.value.map((e: { subject: string }) => e.subject);

async function get(path: string) {
  return graph(emu, token, 'GET', path);
}

describe('$top and paging', () => {
  it('pages events by 10 by default with an absolute nextLink that uses $skip', async () => {
    const res = await get(bulk);
    expect(res.json.value).toHaveLength(10);
    expect(res.json['@odata.nextLink']).toBe(`${emu.url}${bulk}?$skip=10`);
    expect(subjects(res.json)[0]).toBe('Bulk event 00001');
  });

  it('follows nextLinks to the end, keeping $top, $filter and $orderby, without duplicates', async () => {
    const first = `${bulk}?$top=100&$filter=${encodeURIComponent("startswith(subject,'Bulk event 01')")}&%24orderby=${encodeURIComponent('start/dateTime desc')}`;
    let next: string | undefined = first;
    const seen: string[] = [];
    let pages = 0;
    while (next) {
      const res = await get(next);
      expect(res.status).toBe(200);
      seen.push(...subjects(res.json));
      next = res.json['@odata.nextLink'];
      if (next) {
        expect(next.startsWith(`${emu.url}${bulk}?`)).toBe(true);
        const params = new URL(next).searchParams;
        expect(params.get('$top')).toBe('100');
        expect(params.get('$filter')).toBe("startswith(subject,'Bulk event 01')");
        expect(params.get('$orderby')).toBe('start/dateTime desc');
      }
      pages += 1;
    }
    expect(pages).toBe(10);
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    expect(seen[0]).toBe('Bulk event 01999');
    expect(seen[999]).toBe('Bulk event 01000');
  });

  it('builds links on the origin a redirecting client names in X-Forwarded-Proto/Host (national clouds)', async () => {
    const res = await graph(emu, token, 'GET', `${bulk}?$top=5`, undefined, {
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-Host': 'graph.microsoft.us',
    });
    expect(res.json['@odata.nextLink']).toBe(`https://graph.microsoft.us${bulk}?$top=5&$skip=5`);
    expect(res.json['@odata.context']).toMatch(/^https:\/\/graph\.microsoft\.us\/v1\.0\/\$metadata#/);
  });

  it('allows $top up to 1000 and refuses 0, 1001 and non-integers', async () => {
    expect((await get(`${bulk}?$top=1000`)).json.value).toHaveLength(1000);
    for (const top of ['0', '1001', 'ten', '-1']) {
      const res = await get(`${bulk}?$top=${top}`);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('BadRequest');
    }
  });

  it('has no nextLink on the last page and honours $skip', async () => {
    const res = await get(`${alice}?$top=5&$skip=5`);
    expect(res.json.value).toHaveLength(3);
    expect(res.json).not.toHaveProperty('@odata.nextLink');
  });

  it('counts with $count=true', async () => {
    const res = await get(`${bulk}?$count=true&$top=1`);
    expect(res.json['@odata.count']).toBe(2500);
  });

  it('pages calendars with $top and a nextLink, and caps users at 999 per page', async () => {
    expect((await get('/v1.0/users/alice@contoso.com/calendars?$top=1')).json['@odata.nextLink']).toContain(
      '$skip=1',
    );
    const users = await get('/v1.0/users?$top=1000');
    expect(users.status).toBe(400);
    expect(users.json.error.message).toContain('between 1 and 999');
  });
});

describe('$filter', () => {
  it("supports startswith(subject,'...'), case-insensitively", async () => {
    const res = await get(`${alice}?$filter=startswith(subject,'TEST')`);
    expect(subjects(res.json).sort()).toEqual([
      'test - incident retro',
      'test - planning',
      'test - team standup',
    ]);
  });

  it("supports subject eq '...' with doubled quotes", async () => {
    expect(subjects((await get(`${alice}?$filter=subject eq 'Budget review'`)).json)).toEqual([
      'Budget review',
    ]);
    expect((await get(`${alice}?$filter=subject eq 'it''s'`)).json.value).toEqual([]);
  });

  it('supports start/dateTime ge and le joined by and (UTC instants, zones honoured)', async () => {
    const filter = "start/dateTime ge '2024-01-09T00:00:00' and start/dateTime le '2024-01-11T23:59:59Z'";
    const res = await get(`${alice}?$filter=${encodeURIComponent(filter)}&$orderby=start/dateTime`);
    // 'test - planning' starts 14:00 Pacific = 22:00 UTC on the 9th.
    expect(subjects(res.json)).toEqual(['test - planning', 'Budget review', 'test - incident retro']);
  });

  it('supports or, not, parentheses, booleans and organizer address', async () => {
    const filter =
      "(subject eq 'Lunch' or subject eq 'Weekly sync') and not isAllDay eq true and organizer/emailAddress/address eq 'alice@contoso.com'";
    expect(
      subjects((await get(`${alice}?$filter=${encodeURIComponent(filter)}&$orderby=subject`)).json),
    ).toEqual(['Lunch', 'Weekly sync']);
  });

  it.each([
    ["contains(subject,'x')", 'ErrorInvalidUrlQueryFilter'],
    ["colour eq 'red'", 'ErrorInvalidUrlQueryFilter'],
    ["startswith(isAllDay,'t')", 'ErrorInvalidUrlQueryFilter'],
    ["start/dateTime ge 'yesterday'", 'ErrorInvalidUrlQueryFilter'],
    ["isAllDay eq 'yes'", 'ErrorInvalidUrlQueryFilter'],
    ["subject eq 'a' and", 'BadRequest'],
    ["subject 'a'", 'BadRequest'],
    ['', 'BadRequest'],
  ])('refuses the unsupported filter %j with 400 %s', async (filter, code) => {
    const res = await get(`${alice}?$filter=${encodeURIComponent(filter)}`);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe(code);
  });
});

describe('$orderby and $select', () => {
  it('orders by subject ascending and by start descending', async () => {
    const asc = subjects((await get(`${alice}?$orderby=subject`)).json);
    expect(asc).toEqual([...asc].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    const desc = (await get(`${alice}?$orderby=start/dateTime desc&$select=start`)).json.value.map(
      (e: Json) => e.start.dateTime,
    );
    expect(desc).toEqual([...desc].sort().reverse());
  });

  it('refuses ordering by an unknown property', async () => {
    const res = await get(`${alice}?$orderby=colour`);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain("'colour'");
  });

  it('keeps only id, @odata.etag and the selected properties, and names them in @odata.context', async () => {
    const res = await get(`${alice}?$select=subject,Start&$top=1`);
    expect(Object.keys(res.json.value[0]).sort()).toEqual(['@odata.etag', 'id', 'start', 'subject']);
    expect(res.json['@odata.context']).toMatch(/\/events\(subject,start\)$/);
    expect((await get(`${alice}?$select=colour`)).status).toBe(400);
  });

  it('refuses unknown system query options', async () => {
    const res = await get(`${alice}?$expand=attachments`);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('$expand');
  });
});
