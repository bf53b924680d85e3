/** Graph events: shapes, create/update/delete, PascalCase input, idempotent creation, time zones. */
import { startEmulator, type RunningEmulator } from '../../scripts/emulator/index';
import { appToken, graph } from './helpers';

let emu: RunningEmulator;
let token: string;
beforeAll(async () => {
  emu = await startEmulator();
  token = await appToken(emu);
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const alice = '/v1.0/users/alice%40contoso.com';

/** The body upstream's create-event sends for the README example (PascalCase keys). */
const UPSTREAM_CREATE = {
  Body: { content: 'Meeting notes' },
  Location: { displayName: 'Tel Aviv' },
  Start: { dateTime: '2022-12-11T17:00:00', timeZone: 'Asia/Jerusalem' },
  End: { dateTime: '2022-12-11T17:30:00', timeZone: 'Asia/Jerusalem' },
  Attendees: [
    { emailAddress: { address: 'bob@contoso.com' } },
    { emailAddress: { address: ' x@fabrikam.com' } },
  ],
  Subject: 'test - delete',
};

describe('events', () => {
  it('creates an event from upstream PascalCase keys and answers 201 camelCase in the original zone', async () => {
    const res = await graph(emu, token, 'POST', `${alice}/calendars/Calendar/events`, UPSTREAM_CREATE);
    expect(res.status).toBe(201);
    const e = res.json;
    expect(e['@odata.context']).toMatch(
      new RegExp(
        `^${emu.url}/v1\\.0/\\$metadata#users\\('alice%40contoso\\.com'\\)/calendars\\('.+'\\)/events/\\$entity$`,
      ),
    );
    expect(e['@odata.etag']).toBe(`W/"${e.changeKey}"`);
    expect(res.headers.get('etag')).toBe(e['@odata.etag']);
    expect(e).toMatchObject({
      subject: 'test - delete',
      body: { contentType: 'html', content: 'Meeting notes' },
      bodyPreview: 'Meeting notes',
      start: { dateTime: '2022-12-11T17:00:00.0000000', timeZone: 'Asia/Jerusalem' },
      end: { dateTime: '2022-12-11T17:30:00.0000000', timeZone: 'Asia/Jerusalem' },
      originalStartTimeZone: 'Asia/Jerusalem',
      location: { displayName: 'Tel Aviv', locationType: 'default' },
      locations: [{ displayName: 'Tel Aviv' }],
      organizer: { emailAddress: { name: 'Alice Anderson', address: 'alice@contoso.com' } },
      attendees: [
        {
          type: 'required',
          emailAddress: { name: 'Bob Brown', address: 'bob@contoso.com' },
          status: { response: 'none' },
        },
        { emailAddress: { name: ' x@fabrikam.com', address: ' x@fabrikam.com' } },
      ],
      type: 'singleInstance',
      isOrganizer: true,
    });
    expect(e.id).toMatch(/^AAMkAD[A-Za-z0-9_-]+=$/);
    expect(e.iCalUId).toMatch(/^040000008200E00074C5B7101A82E008/);
    expect(e.webLink).toContain(encodeURIComponent(e.id));
    expect(e).not.toHaveProperty('Subject');
  });

  it('reads the created event back in UTC, also through /calendar/events/{id} with the id percent-encoded', async () => {
    const created = (await graph(emu, token, 'POST', `${alice}/calendars/Calendar/events`, UPSTREAM_CREATE))
      .json;
    const res = await graph(emu, token, 'GET', `${alice}/calendar/events/${encodeURIComponent(created.id)}`);
    expect(res.status).toBe(200);
    // Jerusalem is UTC+2 in December.
    expect(res.json.start).toEqual({ dateTime: '2022-12-11T15:00:00.0000000', timeZone: 'UTC' });
    expect(res.json['@odata.context']).toContain("users('alice%40contoso.com')/calendar/events/$entity");
  });

  it('renders start/end in the zone asked by Prefer: outlook.timezone', async () => {
    const created = (await graph(emu, token, 'POST', `${alice}/events`, UPSTREAM_CREATE)).json;
    const res = await graph(emu, token, 'GET', `${alice}/events/${created.id}`, undefined, {
      Prefer: 'outlook.timezone="Pacific Standard Time"',
    });
    expect(res.json.start).toEqual({
      dateTime: '2022-12-11T07:00:00.0000000',
      timeZone: 'Pacific Standard Time',
    });
    expect(res.headers.get('preference-applied')).toBe('outlook.timezone="Pacific Standard Time"');
  });

  it('keeps the upstream empty attendee as emailAddress {} and empty body/location', async () => {
    const res = await graph(emu, token, 'POST', `${alice}/calendar/events`, {
      Subject: 'bare',
      Body: { content: '' },
      Location: { displayName: '' },
      Attendees: [{ emailAddress: { address: '' } }],
    });
    expect(res.status).toBe(201);
    expect(res.json.attendees).toEqual([
      { type: 'required', status: { response: 'none', time: '0001-01-01T00:00:00Z' }, emailAddress: {} },
    ]);
    expect(res.json.location.displayName).toBe('');
    expect(res.json.locations).toEqual([]);
  });

  it('creates in the calendar named in the path (by id or by name) and lists it only there', async () => {
    const calendars = (await graph(emu, token, 'GET', `${alice}/calendars`)).json.value;
    const team = calendars.find((c: { name: string }) => c.name === 'Team Calendar');
    const created = (
      await graph(emu, token, 'POST', `${alice}/calendars/${encodeURIComponent(team.id)}/events`, {
        subject: 'in team',
      })
    ).json;
    const inTeam = (await graph(emu, token, 'GET', `${alice}/calendars/team%20calendar/events?$top=100`)).json
      .value;
    const inDefault = (await graph(emu, token, 'GET', `${alice}/calendar/events?$top=100`)).json.value;
    expect(inTeam.map((e: { id: string }) => e.id)).toContain(created.id);
    expect(inDefault.map((e: { id: string }) => e.id)).not.toContain(created.id);
    const wrongCalendar = await graph(emu, token, 'GET', `${alice}/calendars/Calendar/events/${created.id}`);
    expect(wrongCalendar.status).toBe(404);
  });

  it('returns the same event for a repeated transactionId (idempotent creation)', async () => {
    const body = { subject: 'once', transactionId: 'tx-42' };
    const first = await graph(emu, token, 'POST', `${alice}/calendar/events`, body);
    const second = await graph(emu, token, 'POST', `${alice}/calendar/events`, { ...body, subject: 'twice' });
    expect(second.status).toBe(201);
    expect(second.json.id).toBe(first.json.id);
    expect(second.json.subject).toBe('once');
    const all = (
      await graph(emu, token, 'GET', `${alice}/events?$filter=subject eq 'once' or subject eq 'twice'`)
    ).json.value;
    expect(all).toHaveLength(1);
    const bob = await graph(emu, token, 'POST', '/v1.0/users/bob@contoso.com/calendar/events', body);
    expect(bob.json.id).not.toBe(first.json.id);
  });

  it('a dropped create response leaves the event created; a retry with the transactionId gets it back', async () => {
    emu.addFault({ method: 'POST', path: '/v1.0/users/*/calendar/events', dropResponse: true });
    const body = { subject: 'lost answer', transactionId: 'tx-lost' };
    await expect(graph(emu, token, 'POST', `${alice}/calendar/events`, body)).rejects.toThrow();
    const retry = await graph(emu, token, 'POST', `${alice}/calendar/events`, body);
    expect(retry.status).toBe(201);
    const found = (await graph(emu, token, 'GET', `${alice}/events?$filter=subject eq 'lost answer'`)).json
      .value;
    expect(found.map((e: { id: string }) => e.id)).toEqual([retry.json.id]);
  });

  it('PATCH updates only the given properties, changes the changeKey and answers 200', async () => {
    const created = (await graph(emu, token, 'POST', `${alice}/events`, UPSTREAM_CREATE)).json;
    const res = await graph(emu, token, 'PATCH', `${alice}/calendar/events/${created.id}`, {
      Subject: 'updated',
      Body: { content: '' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: created.id,
      subject: 'updated',
      body: { content: '', contentType: 'html' },
    });
    expect(res.json.location.displayName).toBe('Tel Aviv');
    expect(res.json.changeKey).not.toBe(created.changeKey);
    const stale = await graph(
      emu,
      token,
      'PATCH',
      `${alice}/events/${created.id}`,
      { subject: 'x' },
      { 'If-Match': created['@odata.etag'] },
    );
    expect(stale.status).toBe(412);
    expect(stale.json.error.code).toBe('ErrorIrresolvableConflict');
  });

  it('PATCH of start/end re-validates the order', async () => {
    const created = (await graph(emu, token, 'POST', `${alice}/events`, UPSTREAM_CREATE)).json;
    const res = await graph(emu, token, 'PATCH', `${alice}/events/${created.id}`, {
      end: { dateTime: '2020-01-01T00:00:00', timeZone: 'UTC' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('ErrorCalendarEndDateIsEarlierThanStartDate');
  });

  it('DELETE answers 204 with an empty body; the event is gone', async () => {
    const created = (await graph(emu, token, 'POST', `${alice}/events`, { subject: 'gone' })).json;
    const res = await graph(emu, token, 'DELETE', `${alice}/calendar/events/${created.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await graph(emu, token, 'GET', `${alice}/events/${created.id}`)).status).toBe(404);
  });

  it.each([
    ['an unknown property', { Subject: 'x', Colour: 'red' }, 'RequestBodyRead', "'Colour' does not exist"],
    ['a wrong type', { subject: 42 }, 'RequestBodyRead', 'Edm.String'],
    ['an unknown enum value', { importance: 'urgent' }, 'RequestBodyRead', 'urgent'],
    [
      'an empty time zone',
      { start: { dateTime: '2024-01-01T10:00:00', timeZone: '' } },
      'TimeZoneNotSupportedException',
      "''",
    ],
    [
      'an unknown time zone',
      { start: { dateTime: '2024-01-01T10:00:00', timeZone: 'Mars/Olympus' } },
      'TimeZoneNotSupportedException',
      'Mars',
    ],
    ['a bad dateTime', { start: { dateTime: 'tomorrow', timeZone: 'UTC' } }, 'RequestBodyRead', 'tomorrow'],
    [
      'an end before the start',
      {
        start: { dateTime: '2024-01-02T10:00:00', timeZone: 'UTC' },
        end: { dateTime: '2024-01-01T10:00:00', timeZone: 'UTC' },
      },
      'ErrorCalendarEndDateIsEarlierThanStartDate',
      'end date',
    ],
  ])('refuses a create with %s (400)', async (_name, body, code, fragment) => {
    const res = await graph(emu, token, 'POST', `${alice}/events`, body);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe(code);
    expect(res.json.error.message).toContain(fragment);
  });

  it('refuses a body that is not JSON', async () => {
    const res = await graph(emu, token, 'POST', `${alice}/events`, '{"subject":');
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('Unable to read JSON request payload');
  });

  it('accepts Windows time zone names and ignores read-only properties', async () => {
    const res = await graph(emu, token, 'POST', `${alice}/events`, {
      id: 'ignored',
      start: { dateTime: '2024-07-01T09:00:00', timeZone: 'Eastern Standard Time' },
      end: { dateTime: '2024-07-01T10:00:00', timeZone: 'Eastern Standard Time' },
    });
    expect(res.status).toBe(201);
    expect(res.json.id).not.toBe('ignored');
    const utc = await graph(emu, token, 'GET', `${alice}/events/${res.json.id}`);
    expect(utc.json.start.dateTime).toBe('2024-07-01T13:00:00.0000000');
  });
});
