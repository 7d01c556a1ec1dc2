// While the interactive console is open: the daily digest for the console channel, and the live paper sources.
import type { AppServices } from '../../app/services.js';
import type { Config } from '../../config.js';
import type { DeliveryPort } from '../../digest/types.js';
import { startScheduler } from '../../schedule/scheduler.js';
import { startLiveSources } from '../../sources/index.js';
import { plural } from '../../views/format.js';
import type { BackgroundJob } from './app.js';

export function startConsoleBackground(
  services: AppServices,
  port: DeliveryPort,
  config: Config,
  note: (text: string) => void,
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
    graceHours: config.digestGraceHours,
  });
  const sources =
    config.sources.enabled.length > 0
      ? startLiveSources({
          config: config.sources,
          store: services.store,
          search: services.search,
          clock: services.clock,
          logger: services.logger,
        })
      : undefined;
  sources?.refresher.startup.then(
    (reports) => {
      const added = reports.reduce((n, r) => n + r.added, 0);
      if (added > 0)
        note(`Fetched ${plural(added, 'new paper')} from ${reports.map((r) => r.source).join(' and ')}.`);
    },
    () => undefined,
  );
  return {
    async stop() {
      await Promise.all([scheduler.stop(5_000), sources?.refresher.stop()]);
    },
  };
}
