/**
 * Validation of the run-time registration API (`registerApp`, `registerManagedIdentity`,
 * `addUser`, `setMailboxAccessPolicy`, `configureOproxy`): each check throws an
 * EmulatorInputError naming the option as the caller wrote it.
 */
import type { ImdsFailure, TokenClaimOverrides } from './credentials';
import { EmulatorInputError } from './errors';
import type { MailboxAccessPolicy, MailboxKind } from './state';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isStringArray(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '');
}

/** `roles`: an array of non-empty strings (an empty array is an app without permissions). */
export function checkRoles(roles: unknown, field = 'roles'): void {
  if (roles !== undefined && !isStringArray(roles)) {
    throw new EmulatorInputError(
      field,
      `"${field}" must be an array of permission names such as "Calendars.Read".`,
    );
  }
}

/** `clientId`: a GUID not registered yet (`taken` says whether it is). */
export function checkClientId(clientId: unknown, taken: (id: string) => boolean): void {
  if (clientId === undefined) return;
  if (typeof clientId !== 'string' || !GUID.test(clientId)) {
    throw new EmulatorInputError('clientId', '"clientId" must be a GUID.');
  }
  if (taken(clientId.toLowerCase())) {
    throw new EmulatorInputError('clientId', `"clientId" ${clientId} is already registered.`);
  }
}

/** `claims`: optional non-empty `tid` and `aud` strings. */
export function checkClaims(claims: unknown): asserts claims is TokenClaimOverrides | undefined {
  if (claims === undefined) return;
  const ok =
    typeof claims === 'object' &&
    claims !== null &&
    Object.entries(claims).every(
      ([k, v]) => (k === 'tid' || k === 'aud') && typeof v === 'string' && v !== '',
    );
  if (!ok) {
    throw new EmulatorInputError('claims', '"claims" takes only "tid" and "aud", each a non-empty string.');
  }
}

/** `failure`: an HTTP status (default 400), an optional `error` and an `errorDescription`. */
export function checkFailure(failure: unknown): asserts failure is ImdsFailure | undefined {
  if (failure === undefined) return;
  const f = failure as Partial<Record<keyof ImdsFailure, unknown>>;
  const ok =
    typeof failure === 'object' &&
    failure !== null &&
    typeof f.errorDescription === 'string' &&
    (f.error === undefined || typeof f.error === 'string') &&
    (f.status === undefined ||
      (Number.isInteger(f.status) && (f.status as number) >= 100 && (f.status as number) <= 599));
  if (!ok) {
    throw new EmulatorInputError(
      'failure',
      '"failure" needs "errorDescription" (a string), and optionally "error" (a string) and "status" (100-599).',
    );
  }
}

/** A mailbox access policy: `accessRight` RestrictAccess or DenyAccess and a list of mailboxes. */
export function checkPolicy(
  policy: unknown,
  field = 'mailboxAccess',
): asserts policy is MailboxAccessPolicy | undefined {
  if (policy === undefined) return;
  const p = policy as Partial<Record<keyof MailboxAccessPolicy, unknown>>;
  const ok =
    typeof policy === 'object' &&
    policy !== null &&
    (p.accessRight === 'RestrictAccess' || p.accessRight === 'DenyAccess') &&
    isStringArray(p.mailboxes);
  if (!ok) {
    throw new EmulatorInputError(
      field,
      `"${field}" must be {accessRight: "RestrictAccess" or "DenyAccess", mailboxes: [userPrincipalName, ...]}.`,
    );
  }
}

const MAILBOX_KINDS: readonly MailboxKind[] = ['enabled', 'MailboxNotEnabledForRESTAPI', 'ResourceNotFound'];

/** A new directory user: a userPrincipalName with `@`, not taken, an optional mailbox kind. */
export function checkUser(
  user: { userPrincipalName?: unknown; displayName?: unknown; mailbox?: unknown },
  taken: (upn: string) => boolean,
): void {
  const upn = user.userPrincipalName;
  if (typeof upn !== 'string' || !/^[^@\s/]+@[^@\s/]+$/.test(upn)) {
    throw new EmulatorInputError('userPrincipalName', '"userPrincipalName" must look like name@domain.');
  }
  if (taken(upn)) throw new EmulatorInputError('userPrincipalName', `The user ${upn} already exists.`);
  if (user.displayName !== undefined && typeof user.displayName !== 'string') {
    throw new EmulatorInputError('displayName', '"displayName" must be a string.');
  }
  if (user.mailbox !== undefined && !MAILBOX_KINDS.includes(user.mailbox as MailboxKind)) {
    throw new EmulatorInputError('mailbox', `"mailbox" must be one of ${MAILBOX_KINDS.join(', ')}.`);
  }
}

/** `accessTokenFormat`: `jwt` or `opaque`. */
export function checkTokenFormat(format: unknown): void {
  if (format !== undefined && format !== 'jwt' && format !== 'opaque') {
    throw new EmulatorInputError('accessTokenFormat', '"accessTokenFormat" must be "jwt" or "opaque".');
  }
}
