/**
 * The settings shared by every mode: cloud, endpoints, Server URL, checkboxes, default user.
 */
import { CLOUD_NAMES, CLOUDS, type CloudName } from '../clouds';
import { MESSAGES, PARAM_LABELS, RANK, type ProblemList } from './messages';
import type { RawValues } from './readParams';
import type { ParamName } from './schema';
import type { CommonSettings } from './types';
import { checkHttpUrl, type HttpUrl } from './urls';

const WORLDWIDE_GRAPH = CLOUDS.Worldwide.graph;
const TRAILING_SLASHES = /\/+$/;
const TRAILING_VERSION = /\/v1\.0$/i;

/** Checks a URL param (https, or http on loopback); records a problem and returns undefined if bad. */
export function checkUrlParam(
  param: ParamName,
  value: string,
  example: string,
  problems: ProblemList,
  label = PARAM_LABELS[param],
): HttpUrl | undefined {
  const check = checkHttpUrl(value);
  if (check.ok) return check.url;
  problems.add(
    param,
    check.reason === 'malformed' ? MESSAGES.urlMalformed(label, example) : MESSAGES.urlInsecure(label),
  );
  return undefined;
}

// Users paste the Graph root with a trailing slash or with the API version; both would break paths.
function graphRoot(url: HttpUrl): string {
  const path = url.path
    .replace(TRAILING_SLASHES, '')
    .replace(TRAILING_VERSION, '')
    .replace(TRAILING_SLASHES, '');
  return `${url.origin}${path}`;
}

function readCloud(raw: RawValues, problems: ProblemList): CloudName | undefined {
  // Absent for instances created by the Python integration, which had no such param.
  if (raw.cloud === undefined) return 'Worldwide';
  const cloud = CLOUD_NAMES.find((name) => name === raw.cloud);
  if (cloud === undefined && !problems.has('azure_cloud')) problems.add('azure_cloud', MESSAGES.cloud);
  return cloud;
}

function customLogin(raw: RawValues, problems: ProblemList): string | undefined {
  if (problems.has('azure_ad_endpoint')) return undefined;
  if (raw.adEndpoint === undefined) {
    problems.add('azure_ad_endpoint', MESSAGES.customWithoutEndpoint);
    return undefined;
  }
  const url = checkUrlParam(
    'azure_ad_endpoint',
    raw.adEndpoint,
    'https://login.microsoftonline.com',
    problems,
  );
  return url && `${url.origin}${url.path.replace(TRAILING_SLASHES, '')}`;
}

function serverUrl(raw: RawValues, problems: ProblemList): HttpUrl | undefined {
  if (problems.has('url')) return undefined;
  if (raw.url === undefined) {
    problems.add('url', MESSAGES.provided(PARAM_LABELS.url), RANK.missing);
    return undefined;
  }
  return checkUrlParam('url', raw.url, WORLDWIDE_GRAPH, problems);
}

/** The common settings, or undefined when a problem was recorded. */
export function parseCommon(raw: RawValues, problems: ProblemList): CommonSettings | undefined {
  const cloud = readCloud(raw, problems);
  const url = serverUrl(raw, problems);
  const loginUrl = cloud === 'Custom' ? customLogin(raw, problems) : cloud && CLOUDS[cloud].login;
  if (cloud === undefined || url === undefined || loginUrl === undefined) return undefined;
  const named = cloud === 'Custom' ? undefined : CLOUDS[cloud];
  const root = graphRoot(url);
  // Users switching to a national cloud tend to forget the Server URL: follow the cloud then.
  const graphUrl = named && root === WORLDWIDE_GRAPH ? named.graph : root;
  const graphResource = named ? named.graph : url.origin;
  const common = { graphUrl, graphResource, loginUrl, cloud, insecure: raw.insecure, proxy: raw.proxy };
  return raw.defaultUser === undefined ? common : { ...common, defaultUser: raw.defaultUser };
}
