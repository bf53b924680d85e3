/** Graph directory endpoints: GET /users (test-module) and GET /users/{id or UPN}. */
import type { Reply } from '../context';
import { requireDirectoryRead } from './auth';
import { USERS } from './collections';
import { entityReply, metadata, type GraphCall } from './common';
import { GraphFailure } from './errors';
import { collectionReply, parseListQuery, runList, selectProps } from './query';
import type { UserRecord } from './store';

function render(user: UserRecord): Record<string, unknown> {
  return {
    businessPhones: user.businessPhones,
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mobilePhone: user.mobilePhone,
    officeLocation: user.officeLocation,
    preferredLanguage: user.preferredLanguage,
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
  };
}

/** GET /users */
export function listUsers(call: GraphCall): Reply {
  requireDirectoryRead(call.claims);
  const query = parseListQuery(call.ctx, USERS);
  const result = runList(() => call.state.graph.users, query, USERS);
  const values = result.page.map((u) => selectProps(render(u), query.select));
  return collectionReply(call.ctx, `${metadata(call.ctx)}users`, values, query, result);
}

/** GET /users/{id or UPN} */
export function getUser(call: GraphCall, segment: string): Reply {
  requireDirectoryRead(call.claims);
  const mailbox = call.state.graph.mailbox(segment);
  if (!mailbox) {
    throw new GraphFailure(
      404,
      'Request_ResourceNotFound',
      `Resource '${segment}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  return entityReply(call, 200, 'users/$entity', render(mailbox.user));
}
