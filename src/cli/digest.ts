// `paperboy digest`: previews a digest selection, optionally against (and committed to) a channel's ledger.
import { type Clock, systemClock } from '../clock.js';
import { createDigestPlanner } from '../digest/planner.js';
import { type PreviewResult, parseChannelKey, previewDigest } from '../digest/preview.js';
import { splitTopics } from '../digest/text.js';
import { humanDate } from '../digest/view.js';
import { localDate } from '../schedule/slots.js';
import { parseIsoDate } from '../schedule/zoned.js';
import type { SearchEngine } from '../search/types.js';
import type { ChannelKey, Store } from '../store/types.js';
import { LIMITS } from '../store/validate.js';
import { createBuiltinSummarizer } from '../summarize/builtin.js';
import type { Summarizer } from '../summarize/types.js';
import { CATALOG_USAGE, catalogOption, catalogPaths, formatWarning } from './catalog-args.js';
import { type CliCommand, type CliIO, EXIT, intOption, parseCli, UsageError } from './kit.js';

/** What the command needs from the rest of Paperboy; tests hand in fakes. */
export interface DigestCliDeps {
  /**
   * The catalog behind a search engine: the given paths (else PAPERBOY_CATALOG, else the bundled seed) plus
   * the papers the live sources fetched into the store, as the bot serves it.
   */
  loadSearch(paths: string[], io: CliIO, store: Store | undefined): Promise<SearchEngine>;
  /** The store named by DATABASE_URL; when not `required`, only if it already exists. */
  openStore(io: CliIO, required: boolean): Promise<Store | undefined>;
  summarizer(io: CliIO): Summarizer;
  clock: Clock;
}

const MAX_WARNINGS = 50;

const defaultDeps: DigestCliDeps = {
  async openStore(io, required) {
    const { ConfigError, readConfig } = await import('../config.js');
    const { StoreOpenError } = await import('../store/index.js');
    try {
      const { databaseUrl } = readConfig(io.env);
      if (required) return await (await import('../store/index.js')).openStore(databaseUrl);
      return await (await import('../sources/serving.js')).openStoreIfPresent(databaseUrl);
    } catch (error) {
      if (error instanceof ConfigError || error instanceof StoreOpenError)
        throw new UsageError(error.message);
      throw error;
    }
  },
  async loadSearch(paths, io, store) {
    const { CatalogError } = await import('../catalog/index.js');
    const { loadServingCatalog } = await import('../sources/serving.js');
    const { createSearchEngine } = await import('../search/index.js');
    try {
      const catalog = await loadServingCatalog({
        catalogPaths: catalogPaths(paths, io.env),
        ...(store ? { store } : {}),
      });
      for (const w of catalog.warnings.slice(0, MAX_WARNINGS))
        io.err(`paperboy: warning: ${formatWarning(w)}\n`);
      if (catalog.warnings.length > MAX_WARNINGS) {
        io.err(`paperboy: warning: ${catalog.warnings.length - MAX_WARNINGS} more warnings not printed\n`);
      }
      return createSearchEngine(catalog.papers);
    } catch (error) {
      if (error instanceof CatalogError) throw new UsageError(error.message);
      throw error;
    }
  },
  summarizer: () => createBuiltinSummarizer(),
  clock: systemClock,
};

const USAGE =
  'paperboy digest --topics "diffusion; rlhf" [--exclude "survey; medical"] [--count N] [--channel KEY] ' +
  `[--date YYYY-MM-DD] [--commit] [--json] ${CATALOG_USAGE}`;

function render(result: PreviewResult): string {
  const where = result.channel ? ` for ${result.channel}` : '';
  const lines = [`Digest${where} · ${humanDate(result.date)}`, ''];
  if (result.papers.length === 0) {
    lines.push(result.emptyNotice ?? '(nothing new; the channel would stay silent)');
  }
  result.papers.forEach((p, i) => {
    lines.push(`${i + 1}. ${p.title} [${p.id}]`);
    lines.push(`   ${p.reason}`);
    if (p.tldr) lines.push(`   ${p.tldr}`);
    if (p.url) lines.push(`   ${p.url}`);
  });
  lines.push('');
  if (result.committed)
    lines.push(`Recorded as sent in ${result.channel}'s ledger: these papers will not come again.`);
  else if (result.channel && result.papers.length > 0)
    lines.push('Preview only: add --commit to record these papers as sent.');
  return `${lines.join('\n')}\n`;
}

export function digestCommand(deps: DigestCliDeps): CliCommand {
  return {
    name: 'digest',
    summary: 'preview (or commit) a digest selection for topics or a channel',
    usage: USAGE,
    async run(args, io) {
      const { values, positionals } = parseCli(
        args,
        {
          topics: { type: 'string', short: 't' },
          exclude: { type: 'string' },
          count: { type: 'string', short: 'n' },
          channel: { type: 'string' },
          date: { type: 'string' },
          commit: { type: 'boolean' },
          json: { type: 'boolean' },
          ...catalogOption,
        },
        false,
      );
      if (positionals.length > 0) throw new UsageError(`unexpected "${positionals[0]}". Usage: ${USAGE}`);
      let key: ChannelKey | undefined;
      if (values.channel !== undefined) {
        const parsed = parseChannelKey(values.channel);
        if ('error' in parsed) throw new UsageError(parsed.error);
        key = parsed;
      }
      if (values.commit && !key)
        throw new UsageError('--commit needs --channel KEY: whose ledger should record it?');
      if (values.date !== undefined && !parseIsoDate(values.date)) {
        throw new UsageError(`--date must be a calendar date YYYY-MM-DD (got "${values.date}")`);
      }

      // A channel's ledger needs the store (created if new); a plain preview only reads fetched papers from it.
      const store = await deps.openStore(io, key !== undefined);
      if (key && !store) throw new UsageError('cannot open the store named by DATABASE_URL');
      try {
        const record = key && store ? await store.getChannel(key) : undefined;
        const topics = values.topics !== undefined ? splitTopics(values.topics) : (record?.topics ?? []);
        if (topics.length === 0) {
          throw new UsageError(
            key
              ? `${values.channel} has no topics: pass --topics "diffusion; rlhf"`
              : 'which topics? Pass --topics "diffusion; rlhf"',
          );
        }
        const exclude = values.exclude !== undefined ? splitTopics(values.exclude) : (record?.exclude ?? []);
        const count = intOption(values.count, 'count', LIMITS.minCount, LIMITS.maxCount, record?.count ?? 5);
        const date = values.date ?? localDate(deps.clock.now().getTime(), record?.timezone ?? 'UTC');
        const search = await deps.loadSearch(values.catalog ?? [], io, store);
        const result = await previewDigest(
          {
            planner: createDigestPlanner(search),
            summarizer: deps.summarizer(io),
            ...(key && store ? { store, papers: (id: string) => search.get(id) } : {}),
            clock: deps.clock,
          },
          { topics, exclude, count, date, commit: values.commit ?? false, ...(key ? { channel: key } : {}) },
        );
        if (values.json) {
          const papers = result.papers.map(({ id, title, tldr, reason }) => ({ id, title, tldr, reason }));
          io.out(`${JSON.stringify({ channel: result.channel, date: result.date, papers })}\n`);
        } else {
          io.out(render(result));
        }
        return EXIT.ok;
      } finally {
        await store?.close();
      }
    },
  };
}

export default digestCommand(defaultDeps);
