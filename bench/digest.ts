// Digest benchmark: 10,000 channels due in the same minute, drained through fake platforms that enforce the limits.
//
// Time: by default a discrete-event clock (VirtualTimers): it stands still while Paperboy computes and jumps to
// the next timer when the process is idle. So drain time and rate measure the pacing logic exactly (limits,
// Retry-After, back-off) whatever else the machine is doing, and the CPU cost per channel is reported beside it:
// real time keeps up as long as that cost stays under the platform's interval (20 ms for Discord's 50/s).
// PAPERBOY_BENCH_SCALE=N runs on the wall clock sped up N× instead (CPU then weighs N× more: a lower bound).
// Catalog: the newest 5,000 papers of ../shared/eval/arxiv/catalog.jsonl when present, else the bundled seed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../src/catalog/index.js';
import type { Paper } from '../src/catalog/paper.js';
import { createDigestPlanner } from '../src/digest/planner.js';
import type { PacingTimers as Timers } from '../src/digest/send-pacing.js';
import { fallbackSummary } from '../src/digest/view.js';
import { silentLogger } from '../src/logger.js';
import { createScheduler } from '../src/schedule/scheduler.js';
import { createSearchEngine } from '../src/search/index.js';
import { openStore } from '../src/store/index.js';
import type { ChannelKey, Platform, Store } from '../src/store/types.js';
import type { Summarizer } from '../src/summarize/types.js';
import { LimitedPlatform, scaledTimers, VirtualTimers } from './digest-platform.js';
import { type BenchSuite, report, sharedFile } from './kit.js';

const CHANNELS = Number(process.env.PAPERBOY_BENCH_CHANNELS ?? 10_000);
const SCALE = process.env.PAPERBOY_BENCH_SCALE ? Number(process.env.PAPERBOY_BENCH_SCALE) : undefined;
const RECENT = 5_000;
const LATENCY_MS = 80;

/** Deterministic pseudo-random numbers, so every run subscribes the same channels to the same topics. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** What researchers subscribe to; each channel takes one to three. */
const TOPICS = [
  'diffusion',
  'RLHF',
  'reinforcement learning',
  'large language models',
  'agents',
  'reasoning',
  'vision transformers',
  'retrieval augmented generation',
  'robotics',
  'speech recognition',
  'graph neural networks',
  'federated learning',
  'medical imaging',
  'benchmark',
  'multimodal',
  'quantization',
  'mixture of experts',
  'video generation',
  '3D reconstruction',
  'code generation',
  'time series',
  'autonomous driving',
  'knowledge distillation',
  'contrastive learning',
  'object detection',
  'segmentation',
  'question answering',
  'machine translation',
  'recommendation',
  'privacy',
  'interpretability',
  'hallucination',
  'alignment',
  'world models',
  'point clouds',
  'protein',
  'weather forecasting',
  'image editing',
  'tokenization',
  'state space models',
];

async function catalog(): Promise<{ papers: Paper[]; source: string }> {
  const arxiv = sharedFile('eval', 'arxiv', 'catalog.jsonl');
  if (!arxiv) return { papers: (await loadCatalog([])).papers, source: 'bundled seed' };
  const { papers } = await loadCatalog([arxiv]);
  const recent = papers
    .filter((p) => p.listed)
    .sort((a, b) => (b.listed as string).localeCompare(a.listed as string))
    .slice(0, RECENT);
  return { papers: recent, source: `newest ${recent.length} of ../shared/eval/arxiv (${papers.length})` };
}

/** The extractive fallback as summariser: summaries are not what this benchmark measures. */
const quickSummarizer: Summarizer = {
  summarize: async (paper) => fallbackSummary(paper),
  overview: async (papers) => ({ themes: '', lines: papers.map((p) => ({ id: p.id, line: p.title })) }),
};

interface Scenario {
  name: string;
  channels: Array<{ platform: Platform; count: number }>;
  /** Schedulers ticking together on one database (default 1), each with its own connection and limiter. */
  replicas?: number;
}

async function subscribe(store: Store, scenario: Scenario, topics: string[]): Promise<ChannelKey[]> {
  const random = prng(42);
  const keys: ChannelKey[] = [];
  for (const { platform, count } of scenario.channels) {
    for (let i = 0; i < count; i++) {
      const key: ChannelKey = { platform, workspace: `w${i % 100}`, channel: `${platform}-${i}` };
      const n = 1 + Math.floor(random() * 3);
      const chosen = new Set<string>();
      while (chosen.size < n) chosen.add(topics[Math.floor(random() * topics.length)] as string);
      await store.updateChannel(
        key,
        { topics: [...chosen], count: 5, time: '09:00', timezone: 'UTC' },
        'bench',
      );
      keys.push(key);
    }
  }
  return keys;
}

async function runScenario(scenario: Scenario, papers: Paper[], topics: string[], dir: string, date: string) {
  const file = join(dir, `${scenario.name.replace(/\W+/g, '-')}.db`);
  const store = await openStore(`sqlite:${file}`);
  const keys = await subscribe(store, scenario, topics);
  const virtual = SCALE === undefined ? new VirtualTimers() : undefined;
  const timers: Timers = virtual ?? scaledTimers(SCALE as number);
  const discord = new LimitedPlatform(
    'discord',
    { scope: 'bot', limit: 50, windowMs: 1_000, latencyMs: LATENCY_MS },
    timers,
  );
  const slack = new LimitedPlatform(
    'slack',
    { scope: 'channel', limit: 1, windowMs: 1_000, latencyMs: LATENCY_MS },
    timers,
  );
  const search = createSearchEngine(papers);
  const stores = [store];
  for (let i = 1; i < (scenario.replicas ?? 1); i++) stores.push(await openStore(`sqlite:${file}`));
  const schedulers = stores.map((replicaStore) =>
    createScheduler({
      store: replicaStore,
      planner: createDigestPlanner(search),
      summarizer: quickSummarizer,
      papers: search,
      ports: [discord, slack],
      logger: silentLogger(),
      clock: { now: () => new Date(`${date}T09:00:00Z`) },
      timers,
      leaseMs: 60 * 60_000,
    }),
  );
  const cpu = process.cpuUsage();
  const startReal = Date.now();
  const startPerf = performance.now();
  const start = timers.now().getTime();
  const ticks = Promise.all(schedulers.map((scheduler) => scheduler.tick()));
  const reports = await (virtual ? virtual.run(ticks) : ticks);
  const outcomes: Record<string, number> = {};
  for (const r of reports)
    for (const [k, v] of Object.entries(r.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + (v ?? 0);
  const scaledMs = timers.now().getTime() - start;
  const realMs = Date.now() - startReal;
  const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;

  let sent = 0;
  for (const key of keys) if ((await store.getDelivery(key, date))?.status === 'sent') sent++;
  for (const s of stores) await s.close();

  const rows: Record<string, string | number>[] = [];
  for (const platform of [discord, slack]) {
    const expected = scenario.channels.find((c) => c.platform === platform.platform)?.count ?? 0;
    if (expected === 0) continue;
    const s = platform.stats;
    const drainS = (s.lastAt - start) / 1000;
    const rate = s.shown / Math.max(drainS, 1e-9);
    // Discord: 50/s for the bot, the first 50 at once. Slack: one a second per channel, i.e. every channel at once.
    const ceiling = platform.platform === 'discord' ? 50 : expected;
    const ideal = platform.platform === 'discord' ? (expected - 50) / 50 : 0;
    rows.push({
      scenario: scenario.name,
      platform: platform.platform,
      channels: expected,
      'drain s': Math.round(drainS * 10) / 10,
      'first post after (real ms)': Math.round(s.firstRealAt - startPerf),
      'ideal s': Math.round(ideal * 10) / 10,
      'posts/s': Math.round(rate * 10) / 10,
      'ceiling/s': ceiling,
      '% of ceiling':
        platform.platform === 'discord'
          ? `${Math.round((ideal / Math.max(drainS, 1e-9)) * 1000) / 10} %`
          : 'n/a',
      lost: expected - s.shown,
      doubled: s.doubles,
      '429s': s.limited,
      'nonce repeats': s.repeatedNonce,
    });
  }
  rows.push({
    scenario: scenario.name,
    platform: 'all',
    channels: keys.length,
    'drain s': Math.round(scaledMs / 100) / 10,
    'real s': Math.round(realMs / 100) / 10,
    'ledger sent': sent,
    'CPU ms/channel': Math.round((cpuMs / keys.length) * 100) / 100,
    outcomes: JSON.stringify(outcomes),
  });
  return rows;
}

/** The day after the catalog's newest listing, and not before tomorrow (channels subscribe today). */
function digestDate(papers: readonly Paper[]): string {
  const newest = papers.reduce((m, p) => (p.listed && p.listed > m ? p.listed : m), '');
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  // biome-ignore lint/complexity/useMathMinMax: these are ISO date strings, which Math.max cannot compare
  return newest >= tomorrow ? newest : tomorrow;
}

/**
 * Selection alone, µs per channel: topic searches shared across channels (as in a run, the planner's cache)
 * or run every time, for a new channel and for one already sent 1,000 papers (about 200 days of digests), and
 * for the weekly round-up.
 * Best of three rounds: the machine is shared, and the minimum is the least disturbed measurement.
 */
function selectionCost(papers: Paper[], topics: string[], date: string) {
  const search = createSearchEngine(papers);
  // The round-up is measured on the catalog's last listing day, so its week has papers to pick.
  const newest = papers.reduce((m, p) => (p.listed && p.listed > m ? p.listed : m), '');
  const dates = { daily: date, weekly: newest || date };
  const random = prng(7);
  const ids = papers.map((p) => p.id);
  const channels = (sentSize: number) =>
    Array.from({ length: 1_000 }, () => {
      const n = 1 + Math.floor(random() * 3);
      const chosen = new Set<string>();
      while (chosen.size < n) chosen.add(topics[Math.floor(random() * topics.length)] as string);
      const sent = new Set<string>();
      while (sent.size < Math.min(sentSize, ids.length))
        sent.add(ids[Math.floor(random() * ids.length)] as string);
      return { topics: [...chosen], exclude: ['survey'], count: 5, sent, date };
    });
  const rows: Record<string, string | number>[] = [];
  for (const sentSize of [0, 1_000]) {
    const requests = channels(sentSize);
    for (const [label, cacheMs, cadence] of [
      ['shared (cached) topic searches', 60_000, 'daily'],
      ['every topic searched', 0, 'daily'],
      // The round-up looks deeper into each topic's hits (500) for the week's papers.
      ['weekly round-up, cached searches', 60_000, 'weekly'],
    ] as const) {
      const planner = createDigestPlanner(search, { cacheMs });
      let best = Number.POSITIVE_INFINITY;
      let picks = 0;
      for (let round = 0; round < 3; round++) {
        picks = 0;
        const t0 = process.hrtime.bigint();
        for (const r of requests) picks += planner.select({ ...r, cadence, date: dates[cadence] }).length;
        best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1000 / requests.length);
      }
      rows.push({
        selection: label,
        'already sent': sentSize,
        catalog: papers.length,
        'µs/channel (best of 3)': Math.round(best),
        'picks/channel': Math.round((picks / requests.length) * 10) / 10,
      });
    }
  }
  return rows;
}

const suite: BenchSuite = {
  name: 'digest',
  async run() {
    const { papers, source } = await catalog();
    const date = digestDate(papers);
    report(`digest: selection cost per channel (${source})`, selectionCost(papers, TOPICS, date));
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-digest-'));
    const fifth = Math.round(CHANNELS / 5);
    try {
      const scenarios: Scenario[] = [
        { name: `${CHANNELS} Discord`, channels: [{ platform: 'discord', count: CHANNELS }] },
        { name: `${CHANNELS} Slack`, channels: [{ platform: 'slack', count: CHANNELS }] },
        {
          name: `${CHANNELS} Discord, 2 replicas`,
          channels: [{ platform: 'discord', count: CHANNELS }],
          replicas: 2,
        },
        {
          name: `mixed ${fifth}+${fifth}`,
          channels: [
            { platform: 'discord', count: fifth },
            { platform: 'slack', count: fifth },
          ],
        },
      ];
      const rows: Record<string, string | number>[] = [];
      for (const scenario of scenarios)
        rows.push(...(await runScenario(scenario, papers, TOPICS, dir, date)));
      const clock = SCALE === undefined ? 'virtual time' : `wall clock sped up ×${SCALE}`;
      report(`digest: channels due in one minute (${clock}, platform latency ${LATENCY_MS} ms ± 50 %)`, rows);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default suite;
