// While the interactive console is open: the daily digest for the console channel, and the live paper sources.
import type { AppServices } from '../../app/services.js';
import type { Services } from '../../app/types.js';
import type { Config } from '../../config.js';
import type { DeliveryPort } from '../../digest/types.js';
import { createFollowupRunner } from '../../followups/runner.js';
import { createReadingGroupJobs } from '../../reading-group/jobs.js';
import { type SchedulerDeps, startScheduler } from '../../schedule/scheduler.js';
import { startLiveSources } from '../../sources/index.js';
import { startupLine } from '../../sources/startup-line.js';
import type { BackgroundJob } from './app.js';

/** What the composition root hands the console besides its services: the commands' per-card actions. */
export interface ConsoleBackgroundOptions {
  cardActions?: SchedulerDeps['cardActions'];
}

/**
 * The console channel's digest scheduler: like main.ts's, with the same per-card actions, TL;DR sources and
 * follow-ups, so a console digest reads as a chat one does. With only the console's port, channels of Discord
 * and Slack in the same store are left to their bots.
 */
export function consoleSchedulerDeps(
  services: Pick<Services, 'store' | 'digest' | 'summarizer' | 'search' | 'logger' | 'clock'>,
  port: DeliveryPort,
  config: Pick<Config, 'digestGraceHours' | 'summarySources'>,
  options: ConsoleBackgroundOptions = {},
): SchedulerDeps {
  const tldrSources = config.summarySources ? { tldrSources: config.summarySources } : {};
  return {
    store: services.store,
    planner: services.digest,
    summarizer: services.summarizer,
    papers: services.search,
    ports: [port],
    logger: services.logger,
    clock: services.clock,
    graceHours: config.digestGraceHours,
    ...tldrSources,
    alsoEachTick: [
      // What changed on papers the console was sent (code released, a venue), as in main.ts.
      createFollowupRunner({
        store: services.store,
        papers: services.search,
        ports: [port],
        clock: services.clock,
        logger: services.logger,
      }),
      createReadingGroupJobs({
        store: services.store,
        papers: services.search,
        summarizer: services.summarizer,
        ports: [port],
        clock: services.clock,
        logger: services.logger,
        ...tldrSources,
      }),
    ],
    ...(options.cardActions ? { cardActions: options.cardActions } : {}),
  };
}

export function startConsoleBackground(
  services: AppServices,
  port: DeliveryPort,
  config: Config,
  note: (text: string) => void,
  options: ConsoleBackgroundOptions = {},
): BackgroundJob {
  const scheduler = startScheduler(consoleSchedulerDeps(services, port, config, options));
  // A warning per failed request would print over what the person is typing: the sources stay quiet (unless
  // LOG_LEVEL asked for more) and the start-up refresh is summed up in one line.
  const quiet =
    services.logger.levelVal >= 40 ? services.logger.child({}, { level: 'silent' }) : services.logger;
  const sources =
    config.sources.enabled.length > 0
      ? startLiveSources({
          config: config.sources,
          store: services.store,
          search: services.search,
          clock: services.clock,
          logger: quiet,
        })
      : undefined;
  sources?.refresher.startup.then(
    (reports) => {
      const line = startupLine(reports);
      if (line) note(line);
    },
    () => undefined,
  );
  return {
    async stop() {
      await Promise.all([scheduler.stop(5_000), sources?.refresher.stop()]);
    },
  };
}
