/**
 * The HTTP server: parses requests, records them, applies queued faults, dispatches, and writes
 * replies. Tracks sockets and pending delays so `close()` ends everything promptly.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { json, type EndpointKind, type Reply, type RequestContext } from './context';
import type { EmulatorControl } from './control';
import { guid } from './crypto';
import type { FaultSpec } from './faults';
import { loggableBody, redact, redactHeaders, type LoggedRequest } from './requestLog';
import { classify, dispatch } from './router';
import type { EmulatorState } from './state';

const MAX_BODY = 10 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseTarget(url: string): {
  path: string;
  rawQuery: string;
  segments: string[];
  query: Record<string, string>;
} {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const rawQuery = q < 0 ? '' : url.slice(q + 1);
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) if (!(key in query)) query[key] = value;
  return { path, rawQuery, segments, query };
}

function originOf(req: IncomingMessage, fallback: string): string {
  const proto = req.headers['x-forwarded-proto'];
  const host = req.headers['x-forwarded-host'] ?? req.headers.host;
  if (typeof host !== 'string') return fallback;
  return `${typeof proto === 'string' ? proto.split(',')[0].trim() : 'http'}://${host.split(',')[0].trim()}`;
}

/** The body a canned fault status answers with when the fault gives none. */
function cannedBody(kind: EndpointKind, status: number, requestId: string): unknown {
  const text = status === 429 ? 'Too many requests' : `Injected fault (HTTP ${status})`;
  if (kind === 'graph') {
    const code = status === 429 ? 'TooManyRequests' : status === 503 ? 'ServiceUnavailable' : 'InjectedFault';
    return {
      error: {
        code,
        message: text,
        innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId },
      },
    };
  }
  if (kind === 'oproxy') return { title: 'Injected fault', detail: text, status };
  return { error: status === 429 ? 'temporarily_unavailable' : 'server_error', error_description: text };
}

function faultReply(fault: FaultSpec, kind: EndpointKind, requestId: string): Reply | undefined {
  if (fault.malformedJson) {
    return {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"access_token": "eyJ0eXAi',
    };
  }
  if (fault.status === undefined) return undefined;
  const headers: Record<string, string> = { ...fault.headers };
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  const body = fault.body ?? cannedBody(kind, fault.status, requestId);
  if (typeof body === 'string')
    return { status: fault.status, headers: { 'content-type': 'text/plain', ...headers }, body };
  return json(fault.status, body, headers);
}

function faultName(fault: FaultSpec): string {
  const effects = ['status', 'reset', 'malformedJson', 'tokenLifetimeSeconds', 'dropResponse'] as const;
  return effects.find((e) => fault[e] !== undefined && fault[e] !== false) ?? 'delay';
}

/** The emulator's HTTP server with connection tracking. */
export class EmulatorServer {
  readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private closed = false;

  constructor(
    private readonly state: EmulatorState,
    private readonly control: EmulatorControl,
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listens on 127.0.0.1; returns the port. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  /** Stops listening, destroys every socket and cancels pending delays. */
  close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) {
      clearTimeout(t.timer);
      t.resolve();
    }
    this.timers.clear();
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    return done;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = { timer: setTimeout(() => (this.timers.delete(entry), resolve()), ms), resolve };
      this.timers.add(entry);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      await this.process(req, res);
    } catch (err) {
      // Never a stack trace on the wire: the message only.
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent && !res.destroyed)
        this.write(res, json(500, { error: 'emulator_error', message }));
    }
  }

  private async process(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const method = (req.method ?? 'GET').toUpperCase();
    if (body === undefined) return this.write(res, json(413, { error: 'request_too_large' }));
    let target: ReturnType<typeof parseTarget>;
    try {
      target = parseTarget(req.url ?? '/');
    } catch {
      return this.write(
        res,
        json(400, { error: 'invalid_request', message: 'The path is not valid percent-encoding.' }),
      );
    }
    const { kind, tokenRequest } = classify(target.segments);
    const requestId = guid();
    const entry = kind === 'control' ? undefined : this.record(req, method, target, body, kind, tokenRequest);
    const fault =
      kind === 'control'
        ? undefined
        : this.state.faults.take(method, [target.path, `/${target.segments.join('/')}`]);
    if (fault && entry) entry.fault = faultName(fault);
    if (fault?.delayMs) await this.sleep(fault.delayMs);
    if (this.closed) return;
    if (fault?.reset) return void req.socket.destroy();
    const canned = fault ? faultReply(fault, kind, requestId) : undefined;
    const ctx: RequestContext = {
      method,
      ...target,
      headers: req.headers,
      body,
      origin: originOf(req, this.state.url),
      requestId,
      tokenLifetimeSeconds: fault?.tokenLifetimeSeconds,
      logEntry: entry,
    };
    const reply = canned ?? dispatch(ctx, kind, this.state, this.control);
    if (fault?.dropResponse) return void req.socket.destroy();
    if (entry) entry.status = reply.status;
    this.write(res, reply);
  }

  private record(
    req: IncomingMessage,
    method: string,
    target: ReturnType<typeof parseTarget>,
    body: Buffer,
    kind: EndpointKind,
    tokenRequest: boolean,
  ): LoggedRequest {
    return this.state.log.record({
      time: new Date(this.state.now()).toISOString(),
      kind,
      tokenRequest,
      method,
      path: target.path,
      query: redact(target.query) as Record<string, string>,
      headers: redactHeaders(req.headers),
      body: loggableBody(body, req.headers['content-type'], kind),
    });
  }

  private write(res: ServerResponse, reply: Reply): void {
    const headers = { ...reply.headers };
    if (reply.body !== undefined) headers['content-length'] = String(Buffer.byteLength(reply.body));
    res.writeHead(reply.status, headers);
    res.end(reply.body);
  }
}
