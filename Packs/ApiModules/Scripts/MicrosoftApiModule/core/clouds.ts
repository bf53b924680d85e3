/**
 * National clouds: the login authority and Microsoft Graph endpoint of each Azure cloud option.
 * Values follow the upstream module's cloud table (no trailing slashes here; callers add paths).
 */

/** The options of the Azure cloud setting, in UI order. */
export const CLOUD_NAMES = [
  'Worldwide',
  'US GCC',
  'US GCC-High',
  'DoD',
  'Germany',
  'China',
  'Custom',
] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

/** Endpoints of one cloud. */
export interface CloudEndpoints {
  /** Login authority, e.g. `https://login.microsoftonline.com`. */
  readonly login: string;
  /** Microsoft Graph root, e.g. `https://graph.microsoft.com`. */
  readonly graph: string;
}

/** The fixed national clouds (Custom is built from the settings). */
export const CLOUDS: Readonly<Record<Exclude<CloudName, 'Custom'>, CloudEndpoints>> = {
  Worldwide: { login: 'https://login.microsoftonline.com', graph: 'https://graph.microsoft.com' },
  'US GCC': { login: 'https://login.microsoftonline.com', graph: 'https://graph.microsoft.us' },
  'US GCC-High': { login: 'https://login.microsoftonline.us', graph: 'https://graph.microsoft.us' },
  DoD: { login: 'https://login.microsoftonline.us', graph: 'https://dod-graph.microsoft.us' },
  Germany: { login: 'https://login.microsoftonline.de', graph: 'https://graph.microsoft.de' },
  China: { login: 'https://login.chinacloudapi.cn', graph: 'https://microsoftgraph.chinacloudapi.cn' },
};

/** The default Azure Instance Metadata Service host. */
export const IMDS_HOST = 'http://169.254.169.254';

/** The default Cortex XSOAR oproxy token URL. */
export const DEFAULT_OPROXY_URL = 'https://oproxy.demisto.ninja/obtain-token';
