// The one HTTP server: platform endpoints (/discord/interactions, /slack/events) plus /healthz and /metrics.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServerOptions {
  /**
   * Paths mounted by the platforms, e.g. { '/discord/interactions': handler }; a path ending in "/" also answers
   * every path below it ({ '/feeds/': feeds } serves /feeds/<token>.atom).
   */
  routes: Record<string, RequestListener>;
  /**
   * Largest request body a route accepts (default 128 kB: interactions and events are a few kB). A bigger
   * content-length is refused with 413 before a byte of the body is read, and a body of unknown length with 411.
   */
  maxBodyBytes?: number;
  /** Ready only once the catalog is loaded and the store answers. */
  health: () => Promise<{ ready: boolean; checks: Record<string, boolean | number | string> }>;
  registry?: Registry;
  logger: Logger;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** Stops accepting connections and waits for in-flight requests. */
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json') {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

export const DEFAULT_MAX_BODY = 128 * 1024;

/**
 * Slack and Discord always say how long their bodies are. Bolt would buffer up to 4 MB and the Discord route
 * 1 MB of an unsigned body before checking its signature, so the length is checked first; Node's parser never
 * reads past a declared content-length.
 */
function refuseBody(req: IncomingMessage, max: number): { status: number; error: string } | undefined {
  if (req.headers['transfer-encoding'] !== undefined) {
    return { status: 411, error: 'send a content-length' };
  }
  const length = Number(req.headers['content-length'] ?? 0);
  if (!Number.isFinite(length) || length > max) {
    return { status: 413, error: `request body too large (at most ${max} bytes)` };
  }
  return undefined;
}

/** The route mounted at the longest prefix ending in "/" that the path lies below. */
function routeBelow(routes: Record<string, RequestListener>, path: string): RequestListener | undefined {
  let best: string | undefined;
  for (const prefix of Object.keys(routes)) {
    if (prefix.endsWith('/') && path.length > prefix.length && path.startsWith(prefix)) {
      if (!best || prefix.length > best.length) best = prefix;
    }
  }
  return best ? routes[best] : undefined;
}

export function createRequestListener(options: HttpServerOptions): RequestListener {
  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    try {
      if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        const health = await options.health();
        send(
          res,
          health.ready ? 200 : 503,
          JSON.stringify({ status: health.ready ? 'ok' : 'starting', ...health }),
        );
        return;
      }
      if (path === '/metrics' && req.method === 'GET' && options.registry) {
        send(res, 200, await options.registry.metrics(), options.registry.contentType);
        return;
      }
      const route = options.routes[path] ?? routeBelow(options.routes, path);
      if (route) {
        const refused = refuseBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY);
        if (refused) {
          // The body is never read: close the connection rather than drain it.
          res.setHeader('connection', 'close');
          send(res, refused.status, JSON.stringify({ error: refused.error }));
          return;
        }
        await route(req, res);
        return;
      }
      send(res, 404, JSON.stringify({ error: 'not found' }));
    } catch (error) {
      options.logger.error({ err: error, path }, 'http handler failed');
      if (!res.headersSent) send(res, 500, JSON.stringify({ error: 'internal error' }));
      else res.end();
    }
  };
}

/**
 * Limits that keep idle and slow clients from holding sockets and memory. Webhook requests are small and come
 * from Slack's and Discord's data centres: a request has 10 s to arrive whole, an idle connection 10 s to send
 * its next one, and past maxConnections new sockets are closed at once (the file limit stays out of reach).
 */
export interface ConnectionLimits {
  /** Whole request, headers and body (default 10 s). */
  requestTimeoutMs?: number;
  /** Headers of a request, also for a socket that never sends a byte (default 10 s). */
  headersTimeoutMs?: number;
  /** Idle keep-alive connection between requests (default 10 s). */
  keepAliveTimeoutMs?: number;
  /** Open sockets; more are closed as they arrive (default 1,000). */
  maxConnections?: number;
}

export const DEFAULT_LIMITS: Required<ConnectionLimits> = {
  requestTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 10_000,
  maxConnections: 1_000,
};

export async function startHttpServer(
  options: HttpServerOptions & { port: number; host?: string; limits?: ConnectionLimits },
): Promise<RunningServer> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often Node checks the two timeouts above (default 30 s, which would triple them).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 4))),
    },
    createRequestListener(options),
  );
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  // A socket that sends nothing at all is closed after the same time as a slow one.
  server.timeout = Math.max(limits.requestTimeoutMs, limits.keepAliveTimeoutMs);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  options.logger.info({ port, routes: Object.keys(options.routes) }, 'http server listening');
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
