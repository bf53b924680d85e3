/**
 * The HttpFactory for Node hosts: axios over keep-alive Node agents. One of the two designated Node
 * files of the module; the server bundle uses serverHttp.ts instead.
 */
import * as http from 'node:http';
import type * as Https from 'node:https';
import axios, { type InternalAxiosRequestConfig } from 'axios';
import { MAX_RESPONSE_BYTES, type HttpFactory } from './HttpFactory';

// Agents are shared per TLS mode so that every client of the process reuses warm connections.
// They are created lazily: no module-level side effect, so bundlers can drop this file when unused.
let sharedHttpAgent: http.Agent | undefined;
let httpsAgents: Map<boolean, Https.Agent> | undefined;

function httpAgent(): http.Agent {
  sharedHttpAgent ??= new http.Agent({ keepAlive: true });
  return sharedHttpAgent;
}

function httpsAgent(insecure: boolean): Https.Agent {
  httpsAgents ??= new Map();
  let agent = httpsAgents.get(insecure);
  if (!agent) {
    // Loaded on first use: node:https (and tls under it) costs ~1.5 ms at every cold start, and a
    // command that only talks plain http (a local endpoint) never needs it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const https = require('node:https') as typeof Https;
    agent = new https.Agent({ keepAlive: true, rejectUnauthorized: !insecure });
    httpsAgents.set(insecure, agent);
  }
  return agent;
}

const PLAIN_HTTP = /^http:/i;
const ABSOLUTE = /^[a-z][a-z\d+\-.]*:/i;

/** True only when the request surely goes to an `http:` URL (anything else gets the https agent). */
function isPlainHttp(config: InternalAxiosRequestConfig): boolean {
  const url = config.url ?? '';
  return ABSOLUTE.test(url) ? PLAIN_HTTP.test(url) : PLAIN_HTTP.test(config.baseURL ?? '');
}

/**
 * Builds axios instances that never throw on an HTTP status (callers classify statuses), never use
 * a proxy unless asked (then axios reads HTTP(S)_PROXY / NO_PROXY from the environment), and skip
 * TLS verification only when `insecure` is set.
 */
export const nodeHttpFactory: HttpFactory = (options) => {
  const client = axios.create({
    validateStatus: () => true,
    timeout: options.timeoutMs,
    // `undefined` lets axios pick the proxy from the environment; `false` disables it entirely.
    proxy: options.proxy ? undefined : false,
    httpAgent: httpAgent(),
    // Through a proxy axios may pass the https agent's TLS options on even for http targets.
    httpsAgent: options.proxy ? httpsAgent(options.insecure) : undefined,
    maxRedirects: 0,
    // Counted on the decompressed stream, so a small gzip bomb is cut off too.
    maxContentLength: MAX_RESPONSE_BYTES,
    maxBodyLength: MAX_RESPONSE_BYTES,
  });
  if (!options.proxy) {
    // Without a proxy only an https URL uses the https agent, so a plain-http request never loads TLS.
    client.interceptors.request.use(
      (config) => {
        if (!isPlainHttp(config)) config.httpsAgent ??= httpsAgent(options.insecure);
        return config;
      },
      undefined,
      { synchronous: true },
    );
  }
  return client;
};
