/**
 * What a host injects into the module: the HTTP factory, the crypto implementation and the
 * environment (read only for AZURE_POD_IDENTITY_AUTHORITY_HOST).
 */
import type { CryptoPort } from '../crypto/CryptoPort';
import type { HttpFactory } from '../http/HttpFactory';

/** Host-provided dependencies of the Microsoft module. */
export interface MicrosoftDeps {
  readonly httpFactory: HttpFactory;
  readonly crypto: CryptoPort;
  readonly env: Readonly<Record<string, string | undefined>>;
}
