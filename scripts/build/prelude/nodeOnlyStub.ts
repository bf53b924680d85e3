/**
 * Stands in for the module's Node-only files (http/nodeHttp.ts, crypto/nodeCrypto.ts) in the server
 * bundle: the module's index.ts re-exports them, but their Node built-ins (node:http, node:crypto)
 * cannot exist on the server. The bundle entry injects serverHttp and pureCrypto instead; these
 * stubs only fail loudly if something still reaches for the Node implementations.
 */
import type { CryptoPort } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/CryptoPort';
import type { HttpFactory } from '../../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/HttpFactory';

function unavailable(name: string): never {
  throw new Error(`${name} is not available in the XSOAR server bundle`);
}

/** Throws: the server bundle uses serverHttp.ts. */
export const nodeHttpFactory: HttpFactory = () => unavailable('nodeHttpFactory');

/** Throws on every call: the server bundle uses pureCrypto.ts. */
export const nodeCrypto: CryptoPort = {
  randomBytes: () => unavailable('nodeCrypto'),
  aesGcmEncrypt: () => unavailable('nodeCrypto'),
  aesGcmDecrypt: () => unavailable('nodeCrypto'),
  sha1: () => unavailable('nodeCrypto'),
  sha256: () => unavailable('nodeCrypto'),
  hmacSha256: () => unavailable('nodeCrypto'),
  sign: () => unavailable('nodeCrypto'),
  randomUUID: () => unavailable('nodeCrypto'),
};
