// `paperboy digest`: previews a digest selection, optionally against (and committed to) a channel's ledger.
import { createDigestPlanner } from '../digest/planner.js';
import { type PreviewResult, parseChannelKey, previewDigest } from '../digest/preview.js';
import { splitTopics } from '../digest/text.js';
import { humanDate } from '../digest/view.js';
import { localDate } from '../schedule/slots.js';
import { parseIsoDate } from '../schedule/zoned.js';
import type { SearchEngine } from '../search/types.js';
import type { ChannelKey, Store } from '../store/types.js';
import type { Summarizer } from '../summarize/types.js';
import { CATALOG_USAGE, catalogOption } from './catalog-args.js';
import { type CliCommand, type CliIO, EXIT, intOption, parseCli, UsageError } from './kit.js';

/** What the command needs from the rest of Paperboy; tests hand in fakes. */
export interface DigestCliDeps {
  /** The catalog (the given paths, else PAPERBOY_CATALOG, else the bundled seed) behind a search engine. */
  loadSearch(paths: string[], io: CliIO): Promise<SearchEngine>;
  /** The store named by DATABASE_URL, migrated. */
  openStore(io: CliIO): Promise<Store>;
  summarizer(io: CliIO): Summarizer;
  now(): Date;
}

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

      const store = key ? await deps.openStore(io) : undefined;
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
        const count = intOption(values.count, 'count', 1, 20, record?.count ?? 5);
        const date = values.date ?? localDate(deps.now().getTime(), record?.timezone ?? 'UTC');
        const search = await deps.loadSearch(values.catalog ?? [], io);
        const result = await previewDigest(
          {
            planner: createDigestPlanner(search),
            summarizer: deps.summarizer(io),
            ...(store ? { store } : {}),
            now: deps.now,
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
