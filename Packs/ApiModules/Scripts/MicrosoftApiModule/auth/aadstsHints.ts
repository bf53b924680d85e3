/**
 * The usual fix of the Microsoft Entra (AADSTS) errors SOC engineers meet most when they set up an
 * application, in the terms of the Azure portal (from Microsoft's public AADSTS error reference).
 */

const HINTS: Readonly<Record<number, string>> = {
  7000215:
    'The client secret is wrong: paste the secret Value (not its Secret ID), or create a new client secret in Azure (App registrations > Certificates & secrets).',
  7000222: 'The client secret has expired: create a new client secret in Azure and use its Value.',
  700016:
    'The application (client) ID is not known in this tenant: check the application ID and the tenant ID, and that the application is registered in (or consented to by) that tenant.',
  90002:
    'The tenant was not found: check the tenant ID, and that the Azure cloud setting matches the tenant (national clouds have their own tenants).',
  900023: 'The tenant ID is neither a GUID nor a domain of a tenant: check it.',
  90072: 'The account is not in this tenant: check the tenant ID.',
  700027:
    'The client assertion was refused: upload the certificate (its public key) to the application in Azure, and check the certificate thumbprint and the private key.',
  700024: 'The client assertion is outside its validity window: check the clock of the engine.',
  7000218: 'Neither a client secret nor a certificate was sent: configure one of them.',
  50034: 'The user account does not exist in this tenant.',
  65001: 'Admin consent is missing: grant admin consent for the application’s API permissions in Azure.',
  500011:
    'The Microsoft Graph of the configured cloud is not available to this tenant: check the Azure cloud setting.',
  7000112: 'The application is disabled in this tenant: enable it in Azure (Enterprise applications).',
  53003: 'A Conditional Access policy blocked the sign-in: ask the tenant administrator.',
  50053: 'The account is locked after too many failed sign-ins: wait, or ask the tenant administrator.',
};

/** The AADSTS code of a description that starts with it (`AADSTS7000215: ...`). */
export function codeOfDescription(description: string): number | undefined {
  const match = /^AADSTS(\d+):/.exec(description);
  return match ? Number(match[1]) : undefined;
}

/** The usual fix of an AADSTS code, if it is a common one. */
export function aadstsHint(code: number | undefined): string | undefined {
  return code !== undefined && Object.prototype.hasOwnProperty.call(HINTS, code) ? HINTS[code] : undefined;
}
