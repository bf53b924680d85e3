/**
 * The main thread's side of the sandbox's host calls: what the server would do for the script's
 * `http()`, integration context and `dq` calls. The script thread is blocked meanwhile (see
 * hostBridge.js), so these may take as long as a real request.
 */
import type * as http from 'node:http';
import type * as https from 'node:https';
import { mapHost, performRequest, redactRecorded } from './hostHttp';
import type { RecordedHttpCall, ScriptHttpRequest } from './hostHttp';
import { dq, SandboxIntegrationContext } from './serverState';

/** One call from the script thread. */
export interface HostCall {
  kind: 'http' | 'getContext' | 'setContext' | 'dq';
  payload: Record<string, unknown>;
}

/** What the host answers need from the run's options. */
export interface HostOptions {
  /** demistoVersion().version; below 6.2.0 the context calls are unversioned. */
  readonly serverVersion: string;
  readonly hostMap?: Readonly<Record<string, string>>;
}

/** Keep-alive agents shared by the requests of one run. */
export type Agents = { http: http.Agent; https: https.Agent };

function isVersioned(version: string): boolean {
  const [major, minor] = version.split('.').map((p) => parseInt(p, 10) || 0);
  return major > 6 || (major === 6 && minor >= 2);
}

/** Answers one host call; HTTP calls are recorded (secrets redacted) in `calls`. */
export async function answerHostCall(
  call: HostCall,
  options: HostOptions,
  context: SandboxIntegrationContext,
  agents: Agents,
  calls: RecordedHttpCall[],
) {
  const versioned = isVersioned(options.serverVersion);
  if (call.kind === 'getContext') return { value: context.get(versioned) };
  if (call.kind === 'setContext') return { value: context.set(versioned, call.payload.args as unknown[]) };
  if (call.kind === 'dq') return { value: dq(call.payload.obj, String(call.payload.path)) };
  const { url, request, insecure, proxy } = call.payload as {
    url: string;
    request: ScriptHttpRequest;
    insecure: boolean;
    proxy: boolean;
  };
  const targetUrl = mapHost(url, options.hostMap);
  const outcome = await performRequest(targetUrl, request, Boolean(insecure), agents);
  const sent: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(request.Headers ?? {})) sent[k] = Array.isArray(v) ? v : [v];
  const { headers, body } = redactRecorded(sent, request.Body);
  calls.push({
    url,
    targetUrl,
    method: (request.Method ?? 'GET').toUpperCase(),
    headers,
    body,
    insecure: Boolean(insecure),
    proxy: Boolean(proxy),
    status: outcome.response?.StatusCode,
    error: outcome.error,
  });
  return outcome;
}
