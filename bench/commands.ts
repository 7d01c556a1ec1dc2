// Command layer figures: line parsing and console rendering throughput (ops/s), and per-command latency on the seed.
import { papersCommands } from '../commands/index.js';
import { runLine } from '../src/app/line/run.js';
import { parseLine } from '../src/app/parse-line.js';
import { createServices } from '../src/app/services.js';
import { readConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { consoleContext } from '../src/platforms/console/channel.js';
import { renderView } from '../src/platforms/console/render.js';
import type { View } from '../src/views/types.js';
import { type BenchSuite, percentile, report, time } from './kit.js';

const LINES = [
  '/papers search diffusion models',
  '/papers search "reward hacking" limit:3 page:2',
  '/papers subscribe topics:"diffusion models; reward hacking" time:08:30 timezone:Europe/Berlin',
  'settings time:07:45 days:mon-fri exclude:"survey; position paper" count:2',
  '/papers summarize https://arxiv.org/abs/2405.04233',
  'help subscribe',
];

const CARD = {
  id: '2405.04233',
  title:
    'Derivative-Free Guidance in Continuous and Discrete Diffusion Models with Soft Value-Based Decoding',
  url: 'https://arxiv.org/abs/2405.04233',
  tldr: 'A sampling method that steers pre-trained diffusion models toward high reward without fine-tuning or differentiable reward models, across images, molecules and DNA.',
  keyPoints: [
    'Problem: optimise rewards while keeping samples natural.',
    'Method: soft value functions at each step.',
  ],
  authors: [
    'Masatoshi Uehara',
    'Yulai Zhao',
    'Ehsan Hajiramezanali',
    'Gabriele Scalia',
    'Tommaso Biancalani',
  ],
  links: { abs: 'https://arxiv.org/abs/2405.04233', pdf: 'https://arxiv.org/pdf/2405.04233' },
  reason: 'matches: diffusion',
  source: 'hf',
  date: '2024-05-08',
  upvotes: 42,
};

const LIST: View = {
  kind: 'list',
  title: 'Papers for “diffusion”',
  cards: Array.from({ length: 5 }, (_, i) => ({ ...CARD, id: `2405.0423${i}` })),
  page: { page: 1, pages: 4, total: 18, next: { label: 'Next', command: '/papers search diffusion page:2' } },
};

async function throughput(label: string, fn: () => void, iterations: number) {
  for (let i = 0; i < 1000; i++) fn();
  const { ms } = await time(() => {
    for (let i = 0; i < iterations; i++) fn();
  });
  return {
    what: label,
    'ops/s': Math.round((iterations / ms) * 1000),
    'µs/op': Number(((ms * 1000) / iterations).toFixed(2)),
  };
}

/** What a console user waits for: start-up (catalog, index, store) and each command, parsed, run and rendered. */
async function seedLatency() {
  const config = readConfig({ DATABASE_URL: 'sqlite::memory:', PAPERBOY_SOURCES: 'none' });
  const startup = await time(() => createServices(config, { logger: silentLogger() }));
  const services = startup.value;
  const lines = [
    '/papers search reinforcement learning',
    '/papers search "reward hacking" limit:10 page:2',
    '/papers summarize stop regressing',
    '/papers subscribe diffusion models; reward hacking time:08:30 timezone:Europe/Berlin',
    '/papers digest',
    '/papers settings',
    '/papers help',
  ];
  const rows: Record<string, string | number>[] = [
    { command: '(start-up: catalog, index, store)', p50_ms: Number(startup.ms.toFixed(1)), p95_ms: '' },
  ];
  for (const line of lines) {
    const samples: number[] = [];
    for (let n = 0; n < 30; n++) {
      const { ms } = await time(async () =>
        renderView((await runLine(line, consoleContext('bench'), services, papersCommands)).view),
      );
      samples.push(ms);
    }
    samples.sort((a, b) => a - b);
    rows.push({
      command: line,
      p50_ms: Number(percentile(samples, 50).toFixed(2)),
      p95_ms: Number(percentile(samples, 95).toFixed(2)),
    });
  }
  report(`commands: console latency on the seed (${services.search.size} papers, built-in summariser)`, rows);
  await services.close();
}

const suite: BenchSuite = {
  name: 'commands',
  async run() {
    let i = 0;
    const rows = [
      await throughput(
        'parseLine (mixed /papers lines)',
        () => parseLine(LINES[i++ % LINES.length] as string, papersCommands),
        100_000,
      ),
      await throughput('renderView (5-card list, no colour)', () => renderView(LIST, { width: 80 }), 20_000),
      await throughput(
        'renderView (5-card list, colour)',
        () => renderView(LIST, { width: 80, color: true }),
        20_000,
      ),
    ];
    report('commands: parsing and rendering', rows);
    const samples: number[] = [];
    for (let n = 0; n < 2000; n++)
      samples.push((await time(() => parseLine(LINES[n % LINES.length] as string, papersCommands))).ms);
    samples.sort((a, b) => a - b);
    report('commands: parseLine latency', [
      { p50_ms: percentile(samples, 50), p99_ms: percentile(samples, 99) },
    ]);
    await seedLatency();
  },
};
export default suite;
