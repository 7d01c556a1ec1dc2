// The console's daily digest: the shared scheduler, delivering only to the console channel through a printing port.
import type { AppServices } from '../../app/services.js';
import type { DeliveryPort } from '../../digest/types.js';
import { startScheduler } from '../../schedule/scheduler.js';
import type { BackgroundJob } from './app.js';

export function startConsoleDigests(
  services: AppServices,
  port: DeliveryPort,
  graceHours?: number,
): BackgroundJob {
  // With only the console's port, channels of Discord and Slack in the same store are left to their bots.
  const scheduler = startScheduler({
    store: services.store,
    planner: services.digest,
    summarizer: services.summarizer,
    papers: services.search,
    ports: [port],
    logger: services.logger,
    clock: services.clock,
    ...(graceHours !== undefined ? { graceHours } : {}),
  });
  return { stop: () => scheduler.stop(5_000) };
}
