/**
 * The peer of the token-request row: one process, one @azure/identity ManagedIdentityCredential,
 * one getToken. AZURE_POD_IDENTITY_AUTHORITY_HOST (set by the bench) points IMDS at the emulator.
 * Output: `ok` on stdout (never the token); exit 1 with the error's first line on stderr.
 */
import { ManagedIdentityCredential } from '@azure/identity';

async function main(): Promise<void> {
  const clientId = process.env.BENCH_MI_CLIENT_ID;
  const credential = clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
  const token = await credential.getToken('https://graph.microsoft.com/.default');
  process.stdout.write(token.token ? 'ok\n' : 'empty\n');
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  process.stderr.write(`azurePeer: ${message}\n`);
  process.exit(1);
});
