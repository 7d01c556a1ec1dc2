// The one HTTP server: platform endpoints (/discord/interactions, /slack/events) plus /healthz and /metrics.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';

export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpServerOptions {
  /** Exact paths mounted by the platforms, e.g. { '/discord/interactions': handler }. */
  routes: Record<string, RequestListener>;
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
      const route = options.routes[path];
      if (route) {
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

export async function startHttpServer(
  options: HttpServerOptions & { port: number; host?: string },
): Promise<RunningServer> {
  const server = createServer(createRequestListener(options));
  server.keepAliveTimeout = 5_000;
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
