/**
 * A child process of the multi-process test: waits for the start signal, then runs one Graph call
 * for the given instance over the shared file context, and prints `{"status": n}` or `{"error": "..."}`.
 * argv: <context file> <params JSON file> <IMDS host> <ready file> <go file>
 */
import * as fs from 'node:fs';
import { MicrosoftClient } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/MicrosoftClient';
import { nodeCrypto } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/nodeCrypto';
import { nodeHttpFactory } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/nodeHttp';
import { silentLogger, systemClock } from '../../../Packs/Base/Scripts/CommonServer/runtime';
import { APP_NAME, COMMAND_PREFIX, SETTINGS } from '../../../Integrations/MicrosoftGraphCalendar/definition';
import { FileContextStore } from './fileContextStore';

async function main(): Promise<void> {
  const [contextFile, paramsFile, imdsHost, readyFile, goFile] = process.argv.slice(2);
  const graph = new MicrosoftClient(JSON.parse(fs.readFileSync(paramsFile, 'utf8')), {
    definition: SETTINGS,
    runtime: {
      context: new FileContextStore(contextFile),
      log: silentLogger,
      clock: systemClock,
      serverInfo: {},
    },
    deps: {
      httpFactory: nodeHttpFactory,
      crypto: nodeCrypto,
      env: { AZURE_POD_IDENTITY_AUTHORITY_HOST: imdsHost },
    },
    appName: APP_NAME,
    commandPrefix: COMMAND_PREFIX,
  });
  fs.writeFileSync(readyFile, '');
  while (!fs.existsSync(goFile)) await new Promise((r) => setTimeout(r, 2));
  const response = await graph.request({ method: 'GET', path: 'users' });
  process.stdout.write(JSON.stringify({ status: response.status }));
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stdout.write(JSON.stringify({ error: error.message }));
    process.exit(1);
  },
);
