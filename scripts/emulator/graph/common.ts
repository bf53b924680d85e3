/** Helpers shared by the Graph handlers: request bundle, lookups, body parsing, Prefer time zone. */
import { header, json, type Reply, type RequestContext } from '../context';
import type { EmulatorState } from '../state';
import type { AccessClaims } from '../tokens';
import { GraphFailure, graphHeaders, itemNotFound } from './errors';
import type { ZoneMode } from './eventModel';
import { normalize, type Schema } from './schema';
import type { CalendarRecord, Mailbox, NoMailboxCode } from './store';
import { resolveTimeZone } from './timezones';

/** One authenticated Graph request. */
export interface GraphCall {
  readonly ctx: RequestContext;
  readonly state: EmulatorState;
  readonly claims: AccessClaims;
}

/** `<origin>/v1.0/$metadata#` — the prefix of every `@odata.context`. */
export function metadata(ctx: RequestContext): string {
  return `${ctx.origin}/v1.0/$metadata#`;
}

/** The `users('…')` part of an `@odata.context`, as Graph writes it (the segment as sent). */
export function userContext(segment: string): string {
  return `users('${encodeURIComponent(segment)}')`;
}

/** What Graph answers for the calendar of a user without an Exchange Online mailbox. */
const NO_MAILBOX_MESSAGES: Readonly<Record<NoMailboxCode, string>> = {
  // Users without an Exchange Online mailbox (unlicensed, guests, mailboxes still on premises).
  MailboxNotEnabledForRESTAPI: 'REST API is not yet supported for this mailbox.',
  // Also seen for mailboxes that cannot be located (e.g. not provisioned yet).
  ResourceNotFound: 'Resource could not be discovered.',
};

/** The mailbox a path's user segment names; 404 when the user exists but has no mailbox. */
export function resolveMailbox(call: GraphCall, segment: string): Mailbox {
  const mailbox = resolveDirectoryUser(call, segment);
  if (mailbox.noMailbox) {
    throw new GraphFailure(404, mailbox.noMailbox, NO_MAILBOX_MESSAGES[mailbox.noMailbox]);
  }
  return mailbox;
}

/** The user a path's user segment names (id or UPN, case-insensitive; `me` for user tokens). */
export function resolveDirectoryUser(call: GraphCall, segment: string): Mailbox {
  if (segment.toLowerCase() === 'me') {
    if (call.claims.idtyp === 'app' || !call.claims.upn) {
      throw new GraphFailure(
        400,
        'BadRequest',
        '/me request is only valid with delegated authentication flow.',
      );
    }
    segment = call.claims.upn;
  }
  const mailbox = call.state.graph.mailbox(segment);
  if (!mailbox)
    throw new GraphFailure(404, 'ErrorInvalidUser', `The requested user '${segment}' is invalid.`);
  return mailbox;
}

/**
 * A calendar by id, or by name (case-insensitive): the upstream test playbook passes the name
 * `Calendar` as calendar_id and Exchange resolves it, so we do too.
 */
export function resolveCalendar(mailbox: Mailbox, idOrName: string): CalendarRecord {
  const byId = mailbox.calendars.get(idOrName);
  if (byId) return byId;
  const lower = idOrName.toLowerCase();
  for (const calendar of mailbox.calendars.values()) {
    if (String(calendar.data.name).toLowerCase() === lower) return calendar;
  }
  throw itemNotFound();
}

/** Parses a JSON request body and normalizes it against a schema (case-insensitive names). */
export function readBody(ctx: RequestContext, schema: Schema): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(ctx.body.toString('utf8'));
  } catch {
    throw new GraphFailure(
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    );
  }
  return normalize(value, schema) as Record<string, unknown>;
}

/** The zone answers use: `Prefer: outlook.timezone="…"` when valid, else `fallback`. */
export function zoneMode(
  ctx: RequestContext,
  fallback: ZoneMode,
): { mode: ZoneMode; headers: Record<string, string> } {
  const prefer = header(ctx, 'prefer');
  const match = prefer ? /outlook\.timezone\s*=\s*"([^"]+)"/i.exec(prefer) : null;
  const iana = match ? resolveTimeZone(match[1]) : undefined;
  if (!match || !iana) return { mode: fallback, headers: {} };
  return {
    mode: { kind: 'zone', name: match[1], iana },
    headers: { 'preference-applied': `outlook.timezone="${match[1]}"` },
  };
}

/** A single-entity answer with its `@odata.context`. */
export function entityReply(
  call: GraphCall,
  status: number,
  contextPath: string,
  entity: Record<string, unknown>,
  headers: Record<string, string> = {},
): Reply {
  return json(
    status,
    { '@odata.context': `${metadata(call.ctx)}${contextPath}`, ...entity },
    {
      ...graphHeaders(call.ctx),
      ...headers,
    },
  );
}

/** Bumps a mailbox version (invalidates cached query results). */
export function touch(mailbox: Mailbox): void {
  mailbox.version += 1;
}
