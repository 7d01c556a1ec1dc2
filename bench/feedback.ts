// Feedback benchmark: does a channel's digest get better as it votes? A replay of ../shared/eval/arxiv in date
// order with 50 simulated channels. Each has a hidden interest (one category and two keywords) and a topic line
// naming only one keyword; each day it gets a digest of 5 and votes 👍 on papers inside its interest, 👎 on the
// rest, 10% of votes flipped; the day's search holds the last 7 days of listings. Reported: precision@5 (share of
// picks inside the interest) by day, with the learned ranking and without; the share of interest papers among the
// planner's candidates and the best P@5 they allow; how many picks matched no topic (found only near the liked
// papers) and how many of those were wanted; planning time per channel-day. Then the weekly round-up (one a
// week, 12 weeks): P@5 without learning and with each preference boost (PAPERBOY_BENCH_WEEKLY_BOOSTS), paired
// per channel against the default. Reported, never asserted.
// `npm run bench -- feedback`. PAPERBOY_BENCH_FEEDBACK_START=<listing day> replays another month (tune there,
// not on the default window).
import { loadCatalog } from '../src/catalog/index.js';
import type { Paper } from '../src/catalog/paper.js';
import { createDigestPlanner } from '../src/digest/planner.js';
import { trainPreferences } from '../src/feedback/preferences.js';
import { hiddenPapers } from '../src/feedback/votes.js';
import { createSearchEngine } from '../src/search/index.js';
import type { Vote } from '../src/store/types.js';
import { type BenchSuite, percentile, report, sharedFile } from './kit.js';

const DAY_MS = 86_400_000;

const CHANNELS = 50;
const DAYS = 30;
const COUNT = 5;
const NOISE = 0.1;
const WEIGHT = process.env.PAPERBOY_BENCH_PREFERENCE_WEIGHT
  ? Number(process.env.PAPERBOY_BENCH_PREFERENCE_WEIGHT)
  : undefined;
/** Weekly round-ups replayed (one a calendar week), and the preference boosts compared on them. */
const WEEKS = Number(process.env.PAPERBOY_BENCH_FEEDBACK_WEEKS ?? 12);
const BOOSTS = (process.env.PAPERBOY_BENCH_WEEKLY_BOOSTS ?? '0.5,1,1.5,2,3')
  .split(',')
  .map(Number)
  .filter((b) => Number.isFinite(b) && b >= 0);
/**
 * Rules for papers beyond the topic line, replayed with learning and compared per channel against the default:
 * `;`-separated, each `+`-joined parts: `separate` (liked categories and liked words searched apart),
 * `s<scale>` (the liking scale, daily and weekly) and `r<papers>` (its ramp). Default: the rule before
 * 8 Dec 2026, `separate+s1+r0`. Replayed on the daily digest and on the weekly round-up.
 */
const VARIANTS = (process.env.PAPERBOY_BENCH_BEYOND ?? 'separate+s1+r0')
  .split(';')
  .map((v) => v.trim())
  .filter((v) => v !== '');

/** Sets one day's per-channel values of a mode. */
function put(of: Record<string, number[][]>, mode: string, day: number, values: number[]): void {
  const days = of[mode] ?? [];
  days[day] = values;
  of[mode] = days;
}

type BeyondRule = {
  separateLikedSearches?: boolean;
  beyondLikingScale?: number;
  weeklyBeyondLikingScale?: number;
  beyondRampPapers?: number;
};

function beyondOf(spec: string): BeyondRule {
  const out: BeyondRule = {};
  for (const part of spec.split('+')) {
    if (part === 'separate') out.separateLikedSearches = true;
    else if (part.startsWith('r')) out.beyondRampPapers = Number(part.slice(1));
    else if (part.startsWith('s')) {
      out.beyondLikingScale = Number(part.slice(1));
      out.weeklyBeyondLikingScale = Number(part.slice(1));
    } else throw new Error(`unknown beyond-topic variant part: ${part}`);
  }
  return out;
}

const START = process.env.PAPERBOY_BENCH_FEEDBACK_START
  ? Number(process.env.PAPERBOY_BENCH_FEEDBACK_START)
  : 30;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CATEGORIES = [
  'cs.CV',
  'cs.CL',
  'cs.LG',
  'cs.AI',
  'cs.RO',
  'cs.CR',
  'cs.IR',
  'eess.IV',
  'cs.SE',
  'cs.HC',
];
const KEYWORDS = [
  'diffusion',
  'transformer',
  'reinforcement learning',
  'graph',
  'benchmark',
  'agent',
  'retrieval',
  'segmentation',
  'language model',
  'robustness',
  'federated',
  'multimodal',
];

interface Channel {
  category: string;
  keywords: string[];
  topic: string;
}

function has(paper: Paper, keyword: string): boolean {
  const text = `${paper.title} ${paper.abstract}`.toLowerCase();
  return text.includes(keyword);
}

function inInterest(paper: Paper, c: Channel): boolean {
  return paper.categories.includes(c.category) && c.keywords.some((k) => has(paper, k));
}

const suite: BenchSuite = {
  name: 'feedback',
  async run() {
    const file = sharedFile('eval', 'arxiv', 'catalog.jsonl');
    if (!file) {
      console.log('\n## feedback\n(skipped: ../shared/eval/arxiv/catalog.jsonl is not here)');
      return;
    }
    const { papers } = await loadCatalog([file]);
    const dated = papers.filter((p) => p.listed);
    const days = [...new Set(dated.map((p) => p.listed as string))].sort();
    // Start once a month of papers is listed, so day 1 already has a catalog to choose from.
    const start = Math.min(START, Math.max(0, days.length - DAYS));
    const replay = days.slice(start, start + DAYS);
    // The engine of each day holds the last week's listings, as a live catalog does: the planner's search has
    // no date filter, so a whole-year index would offer mostly papers not yet out, or long since sent.
    const WEEK = 7;
    const engines = replay.map((date, d) => {
      const from = days[start + d - WEEK + 1] ?? days[0];
      return createSearchEngine(
        dated.filter((p) => (p.listed as string) <= date && (p.listed as string) >= (from as string)),
      );
    });
    const byId = new Map(dated.map((p) => [p.id, p]));

    const random = prng(7);
    const channels: Channel[] = Array.from({ length: CHANNELS }, () => {
      const category = CATEGORIES[Math.floor(random() * CATEGORIES.length)] as string;
      const a = KEYWORDS[Math.floor(random() * KEYWORDS.length)] as string;
      let b = a;
      while (b === a) b = KEYWORDS[Math.floor(random() * KEYWORDS.length)] as string;
      return { category, keywords: [a, b], topic: a };
    });

    type Mode = string;
    const modes = ['static', 'learning', ...VARIANTS];
    const precision: Record<Mode, number[][]> = Object.fromEntries(modes.map((m) => [m, []]));
    // Per channel-day: the share of interest papers among the candidates, and the P@5 picking only those allows.
    const share: Record<Mode, number[][]> = Object.fromEntries(modes.map((m) => [m, []]));
    const ceiling: Record<Mode, number[][]> = Object.fromEntries(modes.map((m) => [m, []]));
    // Picks that matched no topic (found only near what the channel liked), and how many of those it wanted:
    // the learning's reach beyond the topic line, and whether it strays off-topic.
    const beyond: Record<Mode, number[][]> = Object.fromEntries(modes.map((m) => [m, []]));
    const beyondGood: Record<Mode, number[][]> = Object.fromEntries(modes.map((m) => [m, []]));
    const planMs: Record<Mode, number[]> = Object.fromEntries(modes.map((m) => [m, []]));
    const trainMs: number[] = [];
    const started = Date.now();
    for (const mode of modes) {
      const learns = mode !== 'static';
      const noise = prng(11);
      const state = channels.map(() => ({ sent: new Set<string>(), votes: [] as Vote[] }));
      for (const [d, date] of replay.entries()) {
        let current: Channel | undefined;
        let pool = { share: 0, ceiling: 0 };
        const planner = createDigestPlanner(engines[d] as ReturnType<typeof createSearchEngine>, {
          cacheMs: 0,
          ...(WEIGHT === undefined ? {} : { preferenceWeight: WEIGHT }),
          ...(VARIANTS.includes(mode) ? beyondOf(mode) : {}),
          onCandidates: (papers) => {
            const c = current as Channel;
            const good = papers.filter((p) => inInterest(p, c)).length;
            pool = {
              share: papers.length > 0 ? good / papers.length : 0,
              ceiling: Math.min(COUNT, good) / COUNT,
            };
          },
        });
        const row: number[] = [];
        const outs: number[] = [];
        const outGoods: number[] = [];
        const shares: number[] = [];
        const ceilings: number[] = [];
        for (const [i, c] of channels.entries()) {
          const s = state[i] as (typeof state)[number];
          current = c;
          pool = { share: 0, ceiling: 0 };
          const t0 = performance.now();
          const learned = learns
            ? {
                preferences: trainPreferences(s.votes, (id) => byId.get(id)),
                hidden: hiddenPapers(s.votes),
              }
            : {};
          if (mode === 'learning') trainMs.push(performance.now() - t0);
          const picks = planner.select({
            topics: [c.topic],
            exclude: [],
            count: COUNT,
            sent: s.sent,
            date,
            ...learned,
          });
          planMs[mode]?.push(performance.now() - t0);
          shares.push(pool.share);
          ceilings.push(pool.ceiling);
          let good = 0;
          let out = 0;
          let outGood = 0;
          for (const p of picks) {
            s.sent.add(p.paper.id);
            const liked = inInterest(p.paper, c);
            if (liked) good++;
            if (p.matchedTopics.length === 0) {
              out++;
              if (liked) outGood++;
            }
            const flip = noise() < NOISE;
            s.votes.push({
              paperId: p.paper.id,
              user: 'member',
              value: liked !== flip ? 1 : -1,
              admin: false,
              votedAt: `${date}T12:00:00.000Z`,
            });
          }
          row.push(good / COUNT);
          outs.push(out / COUNT);
          outGoods.push(outGood / COUNT);
        }
        put(precision, mode, d, row);
        put(beyond, mode, d, outs);
        put(beyondGood, mode, d, outGoods);
        put(share, mode, d, shares);
        put(ceiling, mode, d, ceilings);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const window = (of: Record<Mode, number[][]>, mode: Mode, from: number, to: number) =>
      mean((of[mode] ?? []).slice(from - 1, to).flat());
    const rows = [
      [1, 1],
      [2, 5],
      [6, 10],
      [11, 20],
      [21, 30],
      [30, 30],
    ].map(([from, to]) => {
      const [a, b] = [from as number, to as number];
      const learning = window(precision, 'learning', a, b);
      const fixed = window(precision, 'static', a, b);
      return {
        days: from === to ? `day ${from}` : `days ${from}–${to}`,
        'P@5 without learning': fixed.toFixed(3),
        'P@5 with learning': learning.toFixed(3),
        ratio: fixed > 0 ? (learning / fixed).toFixed(2) : '–',
        'interest share of candidates (without / with)': `${window(share, 'static', a, b).toFixed(3)} / ${window(share, 'learning', a, b).toFixed(3)}`,
        'best P@5 of candidates (without / with)': `${window(ceiling, 'static', a, b).toFixed(3)} / ${window(ceiling, 'learning', a, b).toFixed(3)}`,
        'picks beyond the topic (of 5; in interest)': `${(5 * window(beyond, 'learning', a, b)).toFixed(2)}; ${(5 * window(beyondGood, 'learning', a, b)).toFixed(2)}`,
      };
    });
    const timing = (mode: Mode) => {
      const sorted = [...(planMs[mode] ?? [])].sort((x, y) => x - y);
      return `${mean(sorted).toFixed(2)} ms mean, ${percentile(sorted, 95).toFixed(2)} ms p95`;
    };
    weeklyReport(dated, days, start, channels, byId);
    if (VARIANTS.length > 0) variantReport(precision, beyond, beyondGood, VARIANTS);
    report(
      `feedback: ${CHANNELS} channels, preference weight ${WEIGHT ?? 'default'}, ${replay.length} days from ${replay[0]} (${dated.length} papers), ${Math.round((Date.now() - started) / 1000)} s`,
      rows,
    );
    console.log(
      `planning (train on the votes + select) per channel-day: without learning ${timing('static')}; with learning ${timing('learning')} (training ${mean(trainMs).toFixed(2)} ms mean)`,
    );
  },
};

/**
 * Each beyond-topic variant against the default learning, paired per channel: the change in a channel's mean
 * P@5 over days 2–30 and 21–30 with its standard error, and the variant's beyond-topic picks (of 5; wanted).
 */
function variantReport(
  precision: Record<string, number[][]>,
  beyond: Record<string, number[][]>,
  beyondGood: Record<string, number[][]>,
  variants: readonly string[],
): void {
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  /** Per channel: the mean over days from..to (1-based) of one mode's daily values. */
  const perChannel = (of: number[][], from: number, to: number) =>
    (of[0] ?? []).map((_, i) => mean(of.slice(from - 1, to).map((day) => day[i] ?? 0)));
  const paired = (variant: string, from: number, to: number) => {
    const a = perChannel(precision[variant] ?? [], from, to);
    const b = perChannel(precision.learning ?? [], from, to);
    const diffs = a.map((x, i) => x - (b[i] ?? 0));
    const m = mean(diffs);
    const se =
      Math.sqrt(diffs.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, diffs.length - 1)) /
      Math.sqrt(Math.max(1, diffs.length));
    return `${m >= 0 ? '+' : ''}${m.toFixed(3)} ± ${se.toFixed(3)}`;
  };
  const window = (of: number[][] | undefined, from: number, to: number) =>
    mean((of ?? []).slice(from - 1, to).flat());
  const rows = ['learning', ...variants].map((v) => ({
    variant: v === 'learning' ? 'default' : v,
    'P@5 days 2–5': window(precision[v], 2, 5).toFixed(3),
    'P@5 days 2–30': window(precision[v], 2, 30).toFixed(3),
    'P@5 days 21–30': window(precision[v], 21, 30).toFixed(3),
    'change 2–5 (± SE)': v === 'learning' ? '–' : paired(v, 2, 5),
    'change 2–30 (± SE)': v === 'learning' ? '–' : paired(v, 2, 30),
    'change 21–30 (± SE)': v === 'learning' ? '–' : paired(v, 21, 30),
    'beyond picks 21–30 (of 5; wanted)': `${(5 * window(beyond[v], 21, 30)).toFixed(2)}; ${(5 * window(beyondGood[v], 21, 30)).toFixed(2)}`,
  }));
  report('feedback, beyond-topic variants against the default (paired per channel)', rows);
}

/**
 * The weekly round-up replayed: each channel gets one digest of 5 a week (cadence weekly: papers listed in the
 * seven days ending on its date, ranked by relevance and momentum) and votes as in the daily replay. Compared:
 * no learning, the planner's default preference boost, and each boost of PAPERBOY_BENCH_WEEKLY_BOOSTS, with the
 * paired change against the default per channel (mean P@5 of weeks 2–N; week 1 has no votes yet).
 */
function weeklyReport(
  dated: readonly Paper[],
  days: readonly string[],
  start: number,
  channels: readonly Channel[],
  byId: ReadonlyMap<string, Paper>,
): void {
  const started = Date.now();
  const dayOf = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
  const dates: string[] = [];
  for (const date of days.slice(start)) {
    if (dates.length >= WEEKS) break;
    const last = dates[dates.length - 1];
    if (last === undefined || dayOf(date) - dayOf(last) >= 7) dates.push(date);
  }
  const engines = dates.map((date) =>
    createSearchEngine(
      dated.filter((p) => {
        const day = dayOf(p.listed as string);
        return day <= dayOf(date) && day > dayOf(date) - 7;
      }),
    ),
  );
  type Config = { name: string; learning: boolean; boost?: number; rule?: BeyondRule };
  const configs: Config[] = [
    { name: 'no learning', learning: false },
    { name: 'default boost', learning: true },
    ...BOOSTS.map((boost) => ({ name: `boost ${boost}`, learning: true, boost })),
    ...VARIANTS.map((v) => ({ name: `beyond ${v}`, learning: true, rule: beyondOf(v) })),
  ];
  /** Per config: per channel, P@5 of each week. */
  const results = configs.map((config) => {
    const noise = prng(13);
    const state = channels.map(() => ({ sent: new Set<string>(), votes: [] as Vote[] }));
    const perChannel = channels.map(() => [] as number[]);
    for (const [w, date] of dates.entries()) {
      const planner = createDigestPlanner(engines[w] as ReturnType<typeof createSearchEngine>, {
        cacheMs: 0,
        ...(WEIGHT === undefined ? {} : { preferenceWeight: WEIGHT }),
        ...(config.boost === undefined ? {} : { weeklyPreferenceBoost: config.boost }),
        ...(config.rule ?? {}),
      });
      for (const [i, c] of channels.entries()) {
        const s = state[i] as (typeof state)[number];
        const picks = planner.select({
          topics: [c.topic],
          exclude: [],
          count: COUNT,
          sent: s.sent,
          date,
          cadence: 'weekly',
          ...(config.learning
            ? {
                preferences: trainPreferences(s.votes, (id) => byId.get(id)),
                hidden: hiddenPapers(s.votes),
              }
            : {}),
        });
        let good = 0;
        for (const p of picks) {
          s.sent.add(p.paper.id);
          const liked = inInterest(p.paper, c);
          if (liked) good++;
          s.votes.push({
            paperId: p.paper.id,
            user: 'member',
            value: liked !== noise() < NOISE ? 1 : -1,
            admin: false,
            votedAt: `${date}T12:00:00.000Z`,
          });
        }
        (perChannel[i] as number[]).push(good / COUNT);
      }
    }
    return perChannel;
  });
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const later = (weeks: readonly number[]) => mean(weeks.slice(1));
  const reference = (results[1] as number[][]).map(later);
  const rows = configs.map((config, k) => {
    const perChannel = results[k] as number[][];
    const diffs = perChannel.map((weeks, i) => later(weeks) - (reference[i] as number));
    const m = mean(diffs);
    const se =
      Math.sqrt(diffs.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(1, diffs.length - 1)) /
      Math.sqrt(Math.max(1, diffs.length));
    return {
      'weekly round-up': config.name,
      'P@5 week 1': mean(perChannel.map((w) => w[0] ?? 0)).toFixed(3),
      [`P@5 weeks 2–${dates.length}`]: mean(perChannel.map(later)).toFixed(3),
      'change vs default (± SE, per channel)':
        k === 1 ? '–' : `${m >= 0 ? '+' : ''}${m.toFixed(3)} ± ${se.toFixed(3)}`,
    };
  });
  report(
    `feedback, weekly round-up: ${CHANNELS} channels, ${dates.length} weeks from ${dates[0]}, preference weight ${WEIGHT ?? 'default'}, ${Math.round((Date.now() - started) / 1000)} s`,
    rows,
  );
}

export default suite;
