// `paperboy sources refresh|status`: run a live-source refresh by hand, or show how each source is doing.
import { systemClock } from '../clock.js';
import { ConfigError, readConfig, type SourcesConfig } from '../config.js';
import { createLogger, silentLogger } from '../logger.js';
import { parsePeriod } from '../sources/dates.js';
import type { HttpDeps } from '../sources/http.js';
import { createSources } from '../sources/index.js';
import { createRefreshService, type RefreshReport } from '../sources/refresh.js';
import { readStatus, type SourceStatus } from '../sources/status.js';
import { isSourceName, SOURCE_NAMES, type SourceName } from '../sources/types.js';
import { openStore, StoreOpenError } from '../store/index.js';
import type { KeyValueStore, PaperStore } from '../store/types.js';
import { type CliCommand, type CliIO, EXIT, parseCli, UsageError } from './kit.js';

export type CliStore = PaperStore & KeyValueStore & { close(): Promise<void> };

export interface SourcesCommandDeps {
  openStore(databaseUrl: string): Promise<CliStore>;
  /** Tests inject fast sleeps; the real command uses the system clock and fetch. */
  http?: HttpDeps;
  /** What time it is (tests pin it); the system clock otherwise. */
  now?: () => Date;
}

const USAGE = [
  'paperboy sources refresh [--source hf|arxiv] [--date YYYY-MM-DD|YYYY-Www|YYYY-MM] [--json] [--verbose]',
  '       paperboy sources status [--json]',
  '',
  'Fetches from the live sources into the Store named by DATABASE_URL, where the bot and `paperboy search`',
  'find them. Configure with PAPERBOY_SOURCES, HF_API_URL, ARXIV_API_URL, ARXIV_CATEGORIES (see README).',
].join('\n');

function config(io: CliIO) {
  try {
    return readConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function when(iso: string | undefined): string {
  if (!iso) return 'never';
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function reportLine(r: RefreshReport): string {
  const head = `${r.source}: ${r.outcome} — ${plural(r.fetched, 'paper')} fetched (${r.added} new, ${r.updated} updated)`;
  const tail = `${r.skipped} skipped, ${plural(r.requests, 'request')}, ${(r.durationMs / 1000).toFixed(1)} s`;
  const problems = r.problems.map(
    (p) => `\n  ! ${p.message}${p.url && p.url !== 'store' ? ` — ${p.url}` : ''}`,
  );
  return `${head}, ${tail}${problems.join('')}\n`;
}

function schedule(cfg: SourcesConfig, source: SourceName): string {
  return `cron "${cfg[source].cron}" in ${cfg.timeZone}${cfg.refreshOnStart ? ', and at start-up' : ''}`;
}

/**
 * The next run, when the bot has one planned. A planned time already past means the bot that planned it is
 * not running (or missed it): it is never shown as the next run.
 */
function nextRun(s: SourceStatus, enabled: boolean, now: Date): string {
  if (s.nextRunAt && Date.parse(s.nextRunAt) > now.getTime()) return when(s.nextRunAt);
  if (!enabled) return '—';
  return s.nextRunAt ? 'when the bot is running (the run it planned was missed)' : 'when the bot is running';
}

function statusBlock(s: SourceStatus, cfg: SourcesConfig, now: Date): string {
  const enabled = cfg.enabled.includes(s.source);
  const lines = [
    `${s.source} (${enabled ? `enabled: ${schedule(cfg, s.source)}` : 'not enabled in PAPERBOY_SOURCES'})`,
    `  last run:      ${s.lastRunAt ? `${when(s.lastRunAt)} — ${s.lastOutcome}, ${plural(s.lastFetched, 'paper')} fetched (${s.lastAdded} new, ${s.lastUpdated} updated, ${s.lastSkipped} skipped)` : 'never'}`,
    `  last success:  ${when(s.lastSuccessAt)}`,
    `  last error:    ${s.lastError ? `${when(s.lastError.at)} — ${s.lastError.message}` : 'none'}`,
    `  runs:          ${s.runs} (${s.failures} failed, ${s.consecutiveFailures} in a row); ${s.totalAdded} papers added in all`,
    `  next run:      ${nextRun(s, enabled, now)}`,
  ];
  return `${lines.join('\n')}\n`;
}

async function refresh(args: string[], io: CliIO, deps: SourcesCommandDeps): Promise<number> {
  const { values } = parseCli(
    args,
    {
      source: { type: 'string' },
      date: { type: 'string' },
      json: { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
    false,
  );
  const cfg = config(io);
  if (values.source !== undefined && !isSourceName(values.source)) {
    throw new UsageError(`--source must be one of ${SOURCE_NAMES.join(', ')} (got "${values.source}")`);
  }
  if (values.date !== undefined && !parsePeriod(values.date)) {
    throw new UsageError(
      `--date must be a day (2025-05-12), an ISO week (2025-W19) or a month (2025-05) (got "${values.date}")`,
    );
  }
  const names: SourceName[] = values.source ? [values.source as SourceName] : cfg.sources.enabled;
  if (names.length === 0) {
    throw new UsageError(
      'no live source is enabled: set PAPERBOY_SOURCES=hf (or hf,arxiv), or pass --source hf',
    );
  }
  const logger = values.verbose ? createLogger(cfg.logLevel) : silentLogger();
  const store = await deps.openStore(cfg.databaseUrl);
  try {
    const service = createRefreshService({
      sources: createSources(cfg.sources, { logger, only: names, ...(deps.http ? { deps: deps.http } : {}) }),
      store,
      clock: systemClock,
      logger,
    });
    const reports: RefreshReport[] = [];
    for (const name of names) {
      const report = await service.refresh(name, values.date ? { date: values.date } : {});
      reports.push(report);
      if (!values.json) io.out(reportLine(report));
    }
    if (values.json) io.out(`${JSON.stringify({ reports })}\n`);
    return reports.some((r) => r.outcome === 'failed') ? EXIT.internal : EXIT.ok;
  } finally {
    await store.close();
  }
}

async function status(args: string[], io: CliIO, deps: SourcesCommandDeps): Promise<number> {
  const { values } = parseCli(args, { json: { type: 'boolean' } }, false);
  const cfg = config(io);
  const store = await deps.openStore(cfg.databaseUrl);
  try {
    const now = deps.now?.() ?? new Date();
    const statuses = await Promise.all(SOURCE_NAMES.map((name) => readStatus(store, name)));
    const storedPapers = (await store.loadPapers()).length;
    if (values.json) {
      const sources = statuses.map(({ nextRunAt, ...s }) => ({
        ...s,
        ...(nextRunAt && Date.parse(nextRunAt) > now.getTime() ? { nextRunAt } : {}),
        enabled: cfg.sources.enabled.includes(s.source),
        schedule: { cron: cfg.sources[s.source].cron, timeZone: cfg.sources.timeZone },
      }));
      io.out(`${JSON.stringify({ sources, storedPapers })}\n`);
    } else {
      io.out(
        `${statuses.map((s) => statusBlock(s, cfg.sources, now)).join('\n')}\npapers fetched and stored: ${storedPapers}\n`,
      );
    }
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export function createSourcesCommand(deps: SourcesCommandDeps): CliCommand {
  return {
    name: 'sources',
    summary: 'refresh the live paper sources (Hugging Face, arXiv) or show their status',
    usage: USAGE,
    async run(args, io) {
      const [sub, ...rest] = args;
      if (sub === 'refresh') return refresh(rest, io, deps);
      if (sub === 'status') return status(rest, io, deps);
      throw new UsageError(
        sub === undefined
          ? 'say what to do: `paperboy sources refresh` or `paperboy sources status`'
          : `unknown subcommand "${sub}": use refresh or status`,
      );
    },
  };
}

/** The real command: the Store named by DATABASE_URL (created if need be — a refresh is meant to fill it). */
export default createSourcesCommand({
  async openStore(databaseUrl) {
    try {
      return await openStore(databaseUrl);
    } catch (error) {
      if (error instanceof StoreOpenError) throw new UsageError(error.message);
      throw error;
    }
  },
});
