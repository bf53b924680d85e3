/** What a host injects into the integration besides the XSOAR runtime (see `MicrosoftDeps`). */
import type { MicrosoftDeps } from '../../Packs/ApiModules/Scripts/MicrosoftApiModule/auth/deps';

/** Host-provided dependencies: HTTP factory, crypto, environment. */
export type IntegrationDeps = MicrosoftDeps;
