/**
 * The one place that picks an authentication flow from the settings' mode.
 */
import type { Settings } from './settings/types';
import type { AuthFlow } from './auth/AuthFlow';
import { certificateFlow } from './auth/certificateFlow';
import { clientSecretFlow } from './auth/clientSecretFlow';
import type { FlowContext } from './auth/flowContext';
import { managedIdentityFlow } from './auth/managedIdentity/imds';
import { oproxyFlow } from './auth/oproxyFlow';

/**
 * Builds the flow for the normalized settings. Sends nothing.
 * @throws FlowUnavailableError when the certificate options cannot be used.
 */
export function createAuthFlow(settings: Settings, ctx: FlowContext): AuthFlow {
  switch (settings.mode) {
    case 'oproxy':
      return oproxyFlow(settings, ctx);
    case 'clientSecret':
      return clientSecretFlow(settings, ctx);
    case 'certificate':
      return certificateFlow(settings, ctx);
    case 'managedIdentity':
      return managedIdentityFlow(settings, ctx);
    default:
      return assertNever(settings);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unknown authentication mode: ${(value as { mode?: unknown }).mode}`);
}
