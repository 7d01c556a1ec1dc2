// One digest process for the fault benchmark: real SQLite file, real scheduler, real Discord REST delivery to a mock.
// Env: DATABASE_URL, API_URL, PLATFORM (discord or slack), NOW (ISO instant of the first tick), LEASE_MS. Prints one
// JSON line per tick.
import { pino } from 'pino';
import { loadCatalog } from '../src/catalog/index.js';
import type { Clock } from '../src/clock.js';
import { createDigestPlanner } from '../src/digest/planner.js';
import { fallbackSummary } from '../src/digest/view.js';
import { createDiscordDelivery } from '../src/platforms/discord/delivery.js';
import { createRest } from '../src/platforms/discord/rest.js';
import { createSlackDelivery } from '../src/platforms/slack/delivery.js';
import { createScheduler } from '../src/schedule/scheduler.js';
import { createSearchEngine } from '../src/search/index.js';
import { openStore } from '../src/store/index.js';
import type { Summarizer } from '../src/summarize/types.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`faults-child: ${name} is not set`);
  return value;
};

const logger = pino({ level: 'error' }, pino.destination(2));
const base = Date.parse(env('NOW'));
const started = Date.now();
/** The run's clock: NOW when it starts. Leases are judged by it too, so a restart can begin after they ran out. */
const clock: Clock = { now: () => new Date(base + Date.now() - started) };
const store = await openStore(env('DATABASE_URL'), { clock });
const { papers } = await loadCatalog([]);
const search = createSearchEngine(papers);
const platform = env('PLATFORM');
const summarizer: Summarizer = {
  summarize: async (paper) => fallbackSummary(paper),
  overview: async (list) => ({ themes: '', lines: list.map((p) => ({ id: p.id, line: p.title })) }),
};
const port =
  platform === 'slack'
    ? createSlackDelivery({
        tokenFor: async () => 'xoxb-faults',
        apiUrl: `${env('API_URL')}/`,
        kv: store,
        logger,
        minIntervalMs: 0,
        timeoutMs: 5_000,
      })
    : createDiscordDelivery({
        rest: createRest({ apiUrl: env('API_URL'), token: 'faults-token', timeoutMs: 5_000 }),
        store,
        logger,
        clock,
      });
const scheduler = createScheduler({
  store,
  planner: createDigestPlanner(search),
  summarizer,
  papers: search,
  ports: [port],
  logger,
  clock,
  leaseMs: Number(env('LEASE_MS')),
});

// Tick until a pass starts nothing: failures left for "later" are claimed again by the next pass.
for (let pass = 0; pass < 20; pass++) {
  const report = await scheduler.tick();
  process.stdout.write(`${JSON.stringify(report)}\n`);
  if (report.started === 0) break;
  await new Promise((r) => setTimeout(r, 500));
}
await store.close();
