/**
 * The baseline of the paging row: the same page requests as the integration, with nothing but
 * Node's http module. Bundled by the bench and run as its own process, like the CLI.
 *
 * Input (environment, so the token never appears in a process listing):
 *   BENCH_FIRST_URL  the first page URL, BENCH_TOKEN the bearer token, BENCH_LIMIT the item limit.
 * Output: one JSON line `{"events": n, "pages": n, "ms": n}` on stdout; exit 1 on a failure.
 */
import * as http from 'node:http';

// Like the integration's Node transport: connections are reused across pages.
const agent = new http.Agent({ keepAlive: true });

function getJson(url: string, token: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      { agent, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (response.statusCode !== 200)
            reject(new Error(`HTTP ${response.statusCode} from the page request`));
          else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
  });
}

interface Page {
  value?: unknown[];
  '@odata.nextLink'?: string;
}

async function main(): Promise<void> {
  const token = process.env.BENCH_TOKEN ?? '';
  const limit = Number(process.env.BENCH_LIMIT ?? '10000');
  let url: string | undefined = process.env.BENCH_FIRST_URL;
  const started = process.hrtime.bigint();
  let events = 0;
  let pages = 0;
  while (url !== undefined && events < limit) {
    const page = (await getJson(url, token)) as Page;
    pages += 1;
    events += page.value?.length ?? 0;
    url = page['@odata.nextLink'];
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${JSON.stringify({ events: Math.min(events, limit), pages, ms })}\n`);
  agent.destroy();
}

main().catch((err: unknown) => {
  process.stderr.write(`barePager: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
