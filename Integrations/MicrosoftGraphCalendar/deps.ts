/**
 * What a host injects into the integration besides the XSOAR runtime: the HTTP factory, the
 * crypto implementation and the environment (for AZURE_POD_IDENTITY_AUTHORITY_HOST).
 */
import type { CryptoPort } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/crypto/CryptoPort';
import type { HttpFactory } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/http/HttpFactory';

/** Host-provided dependencies. */
export interface IntegrationDeps {
  readonly httpFactory: HttpFactory;
  readonly crypto: CryptoPort;
  readonly env: Readonly<Record<string, string | undefined>>;
}
