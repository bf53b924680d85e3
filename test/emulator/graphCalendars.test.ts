/** Graph calendars and users: listing, default calendar, create/rename/delete, lookups. */
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

describe('calendars', () => {
  it('lists calendars with the default one named Calendar, with owner and flags', async () => {
    const res = await graph(emu, token, 'GET', `${alice}/calendars`);
    expect(res.status).toBe(200);
    expect(res.json['@odata.context']).toBe(
      `${emu.url}/v1.0/$metadata#users('alice%40contoso.com')/calendars`,
    );
    expect(res.json.value.map((c: { name: string }) => c.name)).toEqual(['Calendar', 'Team Calendar']);
    expect(res.json.value[0]).toMatchObject({
      isDefaultCalendar: true,
      canEdit: true,
      canShare: true,
      canViewPrivateItems: true,
      owner: { name: 'Alice Anderson', address: 'alice@contoso.com' },
    });
  });

  it('GET /calendar is the default calendar; GET /calendars/{id} finds it by id', async () => {
    const def = (await graph(emu, token, 'GET', `${alice}/calendar`)).json;
    expect(def.name).toBe('Calendar');
    const byId = await graph(emu, token, 'GET', `${alice}/calendars/${encodeURIComponent(def.id)}`);
    expect(byId.json.id).toBe(def.id);
    expect((await graph(emu, token, 'GET', `${alice}/calendars/nope`)).json.error.code).toBe(
      'ErrorItemNotFound',
    );
  });

  it('creates, renames and deletes a calendar; refuses a duplicate name and deleting the default', async () => {
    const created = await graph(emu, token, 'POST', `${alice}/calendars`, { Name: 'Incidents' });
    expect(created.status).toBe(201);
    expect((await graph(emu, token, 'POST', `${alice}/calendars`, { name: 'incidents' })).status).toBe(409);
    const renamed = await graph(emu, token, 'PATCH', `${alice}/calendars/${created.json.id}`, { name: 'IR' });
    expect(renamed.json.name).toBe('IR');
    expect((await graph(emu, token, 'DELETE', `${alice}/calendars/${created.json.id}`)).status).toBe(204);
    const def = await graph(emu, token, 'DELETE', `${alice}/calendars/Calendar`);
    expect(def.status).toBe(400);
    expect(def.json.error.code).toBe('ErrorDeleteDistinguishedFolder');
  });
});

describe('users', () => {
  it('lists the demo users and finds one by id or userPrincipalName, case-insensitively', async () => {
    const list = await graph(emu, token, 'GET', '/v1.0/users');
    expect(list.json.value.map((u: { userPrincipalName: string }) => u.userPrincipalName)).toEqual(emu.users);
    const alice = list.json.value[0];
    expect((await graph(emu, token, 'GET', `/v1.0/users/${alice.id.toUpperCase()}`)).json.mail).toBe(
      'alice@contoso.com',
    );
    expect((await graph(emu, token, 'GET', '/v1.0/USERS/ALICE%40CONTOSO.COM/calendar')).status).toBe(200);
  });
});
