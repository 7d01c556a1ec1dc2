// /papers trends [topic] [weeks]: a chart of papers and upvotes per week for a topic, with the rising papers.
import { defineCommand, option } from '../src/app/command.js';
import type { Services } from '../src/app/types.js';
import type { Paper } from '../src/catalog/paper.js';
import { formatDay, plural, truncate } from '../src/views/format.js';
import { trendTable, weeklyTrend } from '../src/views/trend.js';
import { svgToPng, trendSvg } from '../src/views/trend-chart.js';
import type { View, ViewFile } from '../src/views/types.js';

export const TREND_WEEKS = { min: 2, max: 26, default: 8 } as const;

/** Papers a topic reaches at most: enough for any week's count, bounded so a broad word stays cheap. */
const MAX_MATCHES = 2000;

/** "diffusion 12" → topic "diffusion", 12 weeks: the weeks may come last, as the usage line shows. */
export function splitTopicWeeks(text: string | undefined): { topic?: string; weeks?: number } {
  const words = (text ?? '').trim().split(/\s+/).filter(Boolean);
  const last = words.at(-1);
  const weeks = last && /^\d{1,2}$/.test(last) ? Number(last) : undefined;
  const topic = (weeks === undefined ? words : words.slice(0, -1)).join(' ');
  return { ...(topic ? { topic } : {}), ...(weeks !== undefined ? { weeks } : {}) };
}

function papersFor(services: Services, topic: string | undefined): Iterable<Paper> {
  if (!topic) return services.search.all();
  const outcome = services.search.search(topic, { limit: MAX_MATCHES, prefix: false });
  return outcome.ok ? outcome.hits.map((h) => h.paper) : [];
}

/** A file name from the topic: "Diffusion models!" → trends-diffusion-models.png. */
function fileName(topic: string | undefined): string {
  const slug = (topic ?? 'all')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `trends-${slug || 'topic'}.png`;
}

export const trends = defineCommand({
  name: 'trends',
  description: 'Chart of papers and upvotes per week for a topic, with the rising papers',
  usage: `/papers trends [topic] [weeks ${TREND_WEEKS.min}-${TREND_WEEKS.max}]`,
  examples: ['/papers trends diffusion', '/papers trends "reward hacking" 12', '/papers trends weeks:4'],
  options: {
    topic: option.string('Topic words (default: every paper); may end with the number of weeks', {
      positional: 'rest',
    }),
    weeks: option.integer(
      `Weeks to show, ${TREND_WEEKS.min}–${TREND_WEEKS.max} (default ${TREND_WEEKS.default})`,
      {
        min: TREND_WEEKS.min,
        max: TREND_WEEKS.max,
      },
    ),
  },
  slow: true,
  async run(input, _ctx, services): Promise<View> {
    const split = splitTopicWeeks(input.topic);
    const weeks = input.weeks ?? split.weeks ?? TREND_WEEKS.default;
    if (weeks < TREND_WEEKS.min || weeks > TREND_WEEKS.max) {
      return {
        kind: 'error',
        text: `weeks must be from ${TREND_WEEKS.min} to ${TREND_WEEKS.max} (got ${weeks}).`,
        hint: 'Usage: /papers trends [topic] [weeks], e.g. /papers trends diffusion 12',
        ephemeral: true,
      };
    }
    const topic = split.topic ? truncate(split.topic, 80) : undefined;
    const trend = weeklyTrend(papersFor(services, topic), {
      now: services.clock.now(),
      weeks,
      ...(topic ? { topic } : {}),
    });
    const total = trend.weeks.reduce((n, w) => n + w.papers, 0);
    const upvotes = trend.weeks.reduce((n, w) => n + w.upvotes, 0);
    const about = topic ? `on “${topic}”` : 'in the catalog';
    if (total === 0) {
      return {
        kind: 'notice',
        title: `No papers ${about} in the last ${plural(weeks, 'week')}`,
        text: 'Try broader words, more weeks (up to 26), or no topic for the whole catalog.',
        ephemeral: true,
      };
    }
    const busiest = trend.weeks.reduce((a, b) => (b.papers > a.papers ? b : a));
    const table = trendTable(trend);
    const svg = trendSvg(trend);
    const alt = `Bar chart of ${plural(total, 'paper')} ${about} per week over ${plural(weeks, 'week')}, with a line of ${plural(upvotes, 'upvote')}; busiest the week of ${busiest.start}.`;
    const files: ViewFile[] = [];
    try {
      files.push({
        name: fileName(topic),
        contentType: 'image/png',
        data: svgToPng(svg),
        alt,
        fallback: table,
      });
    } catch (error) {
      // Without the chart the table still answers: a missing binary or font never fails the command.
      services.logger.warn({ err: error }, 'trends: could not render the chart; answering with the table');
    }
    return {
      kind: 'notice',
      title: `Trends ${about} · last ${plural(weeks, 'week')}`,
      text: `${plural(total, 'paper')}, ${plural(upvotes, 'upvote')}. Busiest: the week of ${busiest.start} (${plural(busiest.papers, 'paper')}).`,
      fields: [
        ...(files.length === 0 ? [{ name: 'Per week', value: table }] : []),
        ...trend.rising.map((paper, i) => ({
          name: `${i + 1}. ${truncate(paper.title, 200)}`,
          value: [
            // An arXiv id is worth showing (people quote it); a long title slug only repeats the title.
            ...(paper.arxivId ? [paper.arxivId] : []),
            ...(paper.trending.upvotes !== undefined ? [`▲ ${paper.trending.upvotes}`] : []),
            ...(paper.trending.stars !== undefined ? [`★ ${paper.trending.stars}`] : []),
            ...(paper.trending.velocity ? [`+${paper.trending.velocity.toFixed(1)}/day`] : []),
            ...((paper.listed ?? paper.published) ? [formatDay(paper.listed ?? paper.published ?? '')] : []),
          ].join(' · '),
        })),
      ],
      ...(files.length > 0 ? { files } : {}),
    };
  },
});
