/**
 * The one place that picks an authentication flow from the settings' mode.
 */
import type { Settings } from './settings/types';
import type { AuthFlow } from './auth/AuthFlow';
import { CertificateFlow } from './auth/certificateFlow';
import { ClientSecretFlow } from './auth/clientSecretFlow';
import type { FlowContext } from './auth/flowContext';
import { ManagedIdentityFlow } from './auth/managedIdentity/imds';
import { OproxyFlow } from './auth/oproxyFlow';

/**
 * Builds the flow for the normalized settings. Sends nothing.
 * @throws FlowUnavailableError when the certificate options cannot be used.
 */
export function createAuthFlow(settings: Settings, ctx: FlowContext): AuthFlow {
  switch (settings.mode) {
    case 'oproxy':
      return new OproxyFlow(settings, ctx);
    case 'clientSecret':
      return new ClientSecretFlow(settings, ctx);
    case 'certificate':
      return new CertificateFlow(settings, ctx);
    case 'managedIdentity':
      return new ManagedIdentityFlow(settings, ctx);
    default:
      return assertNever(settings);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unknown authentication mode: ${(value as { mode?: unknown }).mode}`);
}
