/**
 * Looks at the emulator's Graph data directly (not through the integration), to prove that
 * nothing was lost or duplicated. Takes its own client-secret token from the emulator: call it
 * after asserting token counters, or account for the one token request it adds per emulator.
 */
import axios from 'axios';
import type { RunningEmulator } from '../../scripts/emulator/index';

const tokens = new WeakMap<RunningEmulator, Promise<string>>();

function password(params: Record<string, unknown>, name: string): string {
  return (params[name] as { password: string }).password;
}

async function requestToken(emu: RunningEmulator): Promise<string> {
  const params = emu.instances.clientSecret;
  const form = new URLSearchParams({
    client_id: password(params, 'credentials_auth_id'),
    client_secret: password(params, 'credentials_enc_key'),
    grant_type: 'client_credentials',
    scope: `${emu.url}/.default`,
  });
  const tenant = password(params, 'credentials_tenant_id');
  const answer = await axios.post(`${emu.url}/${tenant}/oauth2/v2.0/token`, form.toString(), {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    validateStatus: () => true,
  });
  if (answer.status !== 200) throw new Error(`probe token request failed with ${answer.status}`);
  return (answer.data as { access_token: string }).access_token;
}

function probeToken(emu: RunningEmulator): Promise<string> {
  let token = tokens.get(emu);
  if (!token) {
    token = requestToken(emu);
    tokens.set(emu, token);
  }
  return token;
}

/** A Graph event as the probe reads it. */
export interface ProbedEvent {
  readonly id: string;
  readonly subject: string;
  readonly transactionId?: string | null;
}

/** Every event of `user` (all calendars) whose subject is exactly `subject`. */
export async function eventsWithSubject(
  emu: RunningEmulator,
  user: string,
  subject: string,
): Promise<ProbedEvent[]> {
  const filter = `subject eq '${subject.replace(/'/g, "''")}'`;
  const query = new URLSearchParams({ $filter: filter, $top: '1000' });
  const answer = await axios.get(
    `${emu.url}/v1.0/users/${encodeURIComponent(user)}/events?${query.toString()}`,
    { headers: { Authorization: `Bearer ${await probeToken(emu)}` }, validateStatus: () => true },
  );
  if (answer.status !== 200) throw new Error(`probe list-events failed with ${answer.status}`);
  return (answer.data as { value: ProbedEvent[] }).value;
}

/** The id of one seeded event of `user` (the first event the default calendar lists). */
export async function anyEventId(emu: RunningEmulator, user: string): Promise<string> {
  const answer = await axios.get(`${emu.url}/v1.0/users/${encodeURIComponent(user)}/calendar/events?$top=1`, {
    headers: { Authorization: `Bearer ${await probeToken(emu)}` },
    validateStatus: () => true,
  });
  if (answer.status !== 200) throw new Error(`probe list-events failed with ${answer.status}`);
  return (answer.data as { value: ProbedEvent[] }).value[0].id;
}
