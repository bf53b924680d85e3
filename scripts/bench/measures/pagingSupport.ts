/**
 * Helpers of the paging measurement: the first page URL from the emulator's request log, a token
 * from the emulator's IMDS for the bare loop, and the event count of a `--json` CLI output.
 */
import * as http from 'node:http';
import type { LoggedRequest } from '../../emulator/requestLog';
import { NotMeasuredError } from '../notMeasured';

// OData option names keep their `$` (as Graph clients send them); everything else is encoded.
const encode = (text: string) => encodeURIComponent(text).replace(/%24/g, '$');

/** The absolute URL of a logged request: origin + raw path + the (decoded) query re-encoded. */
export function firstPageUrl(origin: string, request: Pick<LoggedRequest, 'path' | 'query'>): string {
  const query = Object.entries(request.query)
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .join('&');
  return `${origin}${request.path}${query ? `?${query}` : ''}`;
}

/**
 * The events listed by one `--json` list-events run: the `value` array of the first entry's
 * Contents. @throws NotMeasuredError when the output is not that shape.
 */
export function countListedEvents(stdout: string): number {
  let entries: unknown;
  try {
    entries = JSON.parse(stdout);
  } catch {
    throw new NotMeasuredError('the --json output of list-events is not JSON');
  }
  const contents = Array.isArray(entries)
    ? (entries[0] as { Contents?: { value?: unknown } })?.Contents
    : undefined;
  if (!Array.isArray(contents?.value))
    throw new NotMeasuredError('the --json output of list-events has no Contents.value');
  return contents.value.length;
}

/**
 * Gets an access token from the emulator's IMDS with the same query the integration sent (the
 * logged query has no secret), so the bare loop authenticates like the CLI. Never logs the token.
 */
export function fetchImdsToken(host: string, query: Readonly<Record<string, string>>): Promise<string> {
  const url = `${host}/metadata/identity/oauth2/token?${new URLSearchParams(query).toString()}`;
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { Metadata: 'true' }, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { access_token?: unknown };
        if (response.statusCode !== 200 || typeof body.access_token !== 'string') {
          reject(
            new NotMeasuredError(
              `the emulator's IMDS refused the bare loop's token request (HTTP ${response.statusCode})`,
            ),
          );
        } else resolve(body.access_token);
      });
    });
    request.on('error', reject);
  });
}
