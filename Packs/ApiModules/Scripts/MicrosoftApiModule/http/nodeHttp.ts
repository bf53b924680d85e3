/**
 * The HttpFactory for Node hosts: axios over keep-alive Node agents. One of the two designated Node
 * files of the module; the server bundle uses serverHttp.ts instead.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import axios from 'axios';
import type { HttpFactory } from './HttpFactory';

// Agents are shared per TLS mode so that every client of the process reuses warm connections.
// They are created lazily: no module-level side effect, so bundlers can drop this file when unused.
let sharedHttpAgent: http.Agent | undefined;
let httpsAgents: Map<boolean, https.Agent> | undefined;

function httpAgent(): http.Agent {
  sharedHttpAgent ??= new http.Agent({ keepAlive: true });
  return sharedHttpAgent;
}

function httpsAgent(insecure: boolean): https.Agent {
  httpsAgents ??= new Map();
  let agent = httpsAgents.get(insecure);
  if (!agent) {
    agent = new https.Agent({ keepAlive: true, rejectUnauthorized: !insecure });
    httpsAgents.set(insecure, agent);
  }
  return agent;
}

/**
 * Builds axios instances that never throw on an HTTP status (callers classify statuses), never use
 * a proxy unless asked (then axios reads HTTP(S)_PROXY / NO_PROXY from the environment), and skip
 * TLS verification only when `insecure` is set.
 */
export const nodeHttpFactory: HttpFactory = (options) =>
  axios.create({
    validateStatus: () => true,
    timeout: options.timeoutMs,
    // `undefined` lets axios pick the proxy from the environment; `false` disables it entirely.
    proxy: options.proxy ? undefined : false,
    httpAgent: httpAgent(),
    httpsAgent: httpsAgent(options.insecure),
    maxRedirects: 0,
  });
