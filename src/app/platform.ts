// What a chat platform offers the composition root: main.ts starts each configured one the same way.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { DeliveryPort } from '../digest/types.js';
import type { RequestListener } from '../http/server.js';
import type { Metrics } from '../metrics.js';
import type { Runtime } from './runtime.js';
import type { Services } from './types.js';

/** What every platform is started with: the one runtime and the shared services. */
export interface PlatformDeps {
  config: Config;
  runtime: Runtime;
  services: Services;
  logger: Logger;
  metrics?: Metrics;
  /** The entry script (main.js), for platforms that start child processes of it (Discord shards). */
  entryScript?: string;
}

export interface RunningPlatform {
  /** Routes for the shared HTTP server (none for connections the platform opens itself). */
  httpRoutes: Record<string, RequestListener>;
  /** Posts digests on this platform. */
  deliveryPort: DeliveryPort;
  /** False where another process runs the digest scheduler and live sources (a Discord shard child). */
  runsScheduler: boolean;
  /** True where this process serves nothing else (a Discord shard child): no other platform starts here. */
  exclusive?: boolean;
  /** Waits for answers in flight, then disconnects. */
  stop(): Promise<void>;
}

/** A platform's adapter as main.ts starts it; whether it is configured is main's to ask (its SDK loads late). */
export interface PlatformAdapter {
  readonly name: string;
  start(deps: PlatformDeps): Promise<RunningPlatform>;
}
