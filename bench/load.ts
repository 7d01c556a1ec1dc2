// `npm run load`: the built server under signed Slack and Discord traffic, with the platforms' APIs mocked locally.

import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { percentile, ROOT, sharedFile } from './kit.js';

const APP_ID = '111111111111111111';
const GUILD = '222222222222222222';
const CHANNEL = '333333333333333333';
const TEAM = 'T0LOAD';

const QUERIES = [
  'diffusion',
  'reward hacking',
  'large language model agents',
  'vision transformer',
  'graph neural networks',
  'contrastive learning',
  '"in-context learning"',
  'retrieval augmented generation',
  'speech recognition',
  'reinforcement learning from human feedback',
  'object detection',
  'federated learning privacy',
  'protein structure',
  'machine translation low resource',
  'mixture of experts',
  'chain of thought reasoning',
  'image segmentation',
  'adversarial robustness',
  'knowledge distillation',
  'time series forecasting',
];

export interface LoadOptions {
  durationS: number;
  concurrency: number;
  catalog?: string;
  timeoutMs: number;
  /** Seconds of unmeasured traffic first (default 5). */
  warmupS: number;
  /** Open loop: start this many requests a second (at most `concurrency` in flight); unset: closed loop. */
  rate?: number;
}

/** What the mock platforms received: Discord webhook edits/follow-ups, Slack response_url posts and API calls. */
interface MockCounts {
  discordFollowUps: Set<string>;
  slackResponses: number;
  slackApi: number;
  other: string[];
}

async function startMock(): Promise<{ server: Server; url: string; counts: MockCounts }> {
  const counts: MockCounts = { discordFollowUps: new Set(), slackResponses: 0, slackApi: 0, other: [] };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const webhook = /^\/discord(?:\/v\d+)?\/webhooks\/\d+\/([^/]+)/.exec(path);
      if (webhook) {
        counts.discordFollowUps.add(webhook[1] as string);
        if (req.method === 'DELETE') {
          res.writeHead(204).end();
          return;
        }
        reply(200, { id: '900000000000000001', channel_id: CHANNEL, content: '' });
        return;
      }
      if (path.startsWith('/slack/respond/')) {
        counts.slackResponses++;
        reply(200, { ok: true });
        return;
      }
      if (path.startsWith('/slack/api/')) {
        counts.slackApi++;
        reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: TEAM, team: 'load', url: 'x' });
        return;
      }
      counts.other.push(`${req.method} ${path}`);
      reply(404, { message: 'unknown route in the load mock' });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, counts };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((done) => s.listen(0, '127.0.0.1', done));
  const { port } = s.address() as AddressInfo;
  await new Promise((done) => s.close(done));
  return port;
}

/** A few paper ids from the catalog, so Discord summaries hit real records. */
async function sampleIds(path: string | undefined, count: number): Promise<string[]> {
  if (!path) return ['2312.00752'];
  const ids: string[] = [];
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    const id = /"id":\s*"([^"]+)"/.exec(line)?.[1];
    if (id && ids.length < count) ids.push(id);
    if (ids.length >= count) break;
  }
  lines.close();
  return ids;
}

interface Sent {
  status: number;
  body: string;
  ms: number;
}

function post(
  agent: Agent,
  port: number,
  path: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<Sent> {
  const start = performance.now();
  return new Promise((done) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, headers, timeout: timeoutMs },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          done({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - start,
          }),
        );
        res.on('error', () => done({ status: -1, body: '', ms: performance.now() - start }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) =>
      done({ status: err.message === 'timeout' ? -2 : -1, body: '', ms: performance.now() - start }),
    );
    req.end(body);
  });
}

async function waitHealthy(port: number, child: ChildProcess, logs: () => string): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`paperboy exited ${child.exitCode}:\n${logs()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) return performance.now() - start;
    } catch {
      // Not listening yet.
    }
    if (performance.now() - start > 180_000) throw new Error(`paperboy not healthy after 180 s:\n${logs()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function runLoad(options: LoadOptions): Promise<void> {
  const catalog =
    options.catalog === 'seed'
      ? undefined
      : (options.catalog ?? sharedFile('eval', 'arxiv', 'catalog.jsonl'));
  if (!catalog)
    console.log('load: ../shared/eval/arxiv/catalog.jsonl not found; serving the bundled seed (57 papers)');
  const keys = generateKeyPairSync('ed25519');
  const publicKey = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
  const signingSecret = randomBytes(16).toString('hex');
  const mock = await startMock();
  const port = await freePort();
  const ids = await sampleIds(catalog, 50);

  let logs = '';
  // e.g. LOAD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server under load.
  const nodeArgs = (process.env.LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, resolve(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PAPERBOY_MODE: 'server',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: 'sqlite::memory:',
      PAPERBOY_SOURCES: 'none',
      ...(catalog ? { PAPERBOY_CATALOG: catalog } : {}),
      DISCORD_INTERACTIONS: 'http',
      DISCORD_PUBLIC_KEY: publicKey,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_TOKEN: 'load-test-token',
      DISCORD_API_URL: `${mock.url}/discord`,
      SLACK_BOT_TOKEN: 'xoxb-load-test',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: `${mock.url}/slack/api/`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c) => {
    logs = (logs + String(c)).slice(-20_000);
  });
  child.stderr?.on('data', (c) => {
    logs = (logs + String(c)).slice(-20_000);
  });

  try {
    const readyMs = await waitHealthy(port, child, () => logs);
    const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
    let seq = 0;

    const slack = (user: string, text: string) => {
      const n = seq++;
      const body = new URLSearchParams({
        token: 'legacy',
        team_id: TEAM,
        team_domain: 'load',
        channel_id: `C${n % 50}`,
        channel_name: 'papers',
        user_id: user,
        user_name: 'load',
        command: '/papers',
        text,
        api_app_id: 'A0LOAD',
        response_url: `${mock.url}/slack/respond/${n}`,
        trigger_id: `trigger-${n}`,
      }).toString();
      const ts = String(Math.floor(Date.now() / 1000));
      const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${ts}:${body}`).digest('hex')}`;
      return post(
        agent,
        port,
        '/slack/events',
        {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': ts,
          'x-slack-signature': signature,
        },
        body,
        options.timeoutMs,
      );
    };

    const discord = (user: string, sub: string, opts: { name: string; type: number; value: string }[]) => {
      const n = seq++;
      const body = JSON.stringify({
        id: `9${String(n).padStart(17, '0')}`,
        application_id: APP_ID,
        type: 2,
        token: `load-${n}`,
        version: 1,
        guild_id: GUILD,
        channel_id: CHANNEL,
        app_permissions: String(0x400 | 0x800 | 0x4000),
        member: { user: { id: user, username: 'load' }, permissions: '0' },
        data: { id: '1', name: 'papers', type: 1, options: [{ name: sub, type: 1, options: opts }] },
      });
      const ts = String(Math.floor(Date.now() / 1000));
      return post(
        agent,
        port,
        '/discord/interactions',
        {
          'content-type': 'application/json',
          'x-signature-ed25519': sign(null, Buffer.from(ts + body), keys.privateKey).toString('hex'),
          'x-signature-timestamp': ts,
        },
        body,
        options.timeoutMs,
      ).then((r) => ({ ...r, token: `load-${n}` }));
    };

    // A different user on every request keeps the default rate limit (5/10 s) from refusing the load itself.
    const stats = {
      slack: [] as number[],
      discord: [] as number[],
      non2xx: 0,
      timeouts: 0,
      failed: 0,
      refused: 0,
      busy: 0,
      deferred: new Set<string>(),
    };
    let i = 0;
    /** One phase of traffic; only the measured phase's latencies are kept, every phase's errors count. */
    const phase = async (seconds: number, measured: boolean) => {
      const started = performance.now();
      const deadline = started + seconds * 1000;
      const worker = async (w: number) => {
        for (let n = 0; performance.now() < deadline; n++) {
          // Open loop: latency counts from when the request was due, so a backlog shows (no coordinated omission).
          const due = options.rate
            ? started + ((n * options.concurrency + w) * 1000) / options.rate
            : performance.now();
          if (due >= deadline) break;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const late = performance.now() - due;
          const k = i++;
          const query = QUERIES[k % QUERIES.length] as string;
          const user = `${k % 2 === 0 ? 'U' : '6'}${String(k).padStart(17, '0')}`;
          let r: Sent;
          if (k % 2 === 0) {
            r = await slack(user, `search ${query}`);
            if (measured) stats.slack.push(r.ms + late);
          } else {
            const d =
              k % 10 === 1
                ? await discord(user, 'summarize', [
                    { name: 'paper', type: 3, value: ids[k % ids.length] as string },
                  ])
                : await discord(user, 'search', [{ name: 'query', type: 3, value: query }]);
            if (d.status === 200 && /"type":5/.test(d.body)) stats.deferred.add(d.token);
            r = d;
            if (measured) stats.discord.push(r.ms + late);
          }
          if (r.status === -2) stats.timeouts++;
          else if (r.status < 0) stats.failed++;
          else if (r.status < 200 || r.status >= 300) stats.non2xx++;
          if (r.body.includes('sending commands quickly')) stats.refused++;
          if (r.body.includes('very busy')) stats.busy++;
        }
      };
      await Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(w)));
      return (performance.now() - started) / 1000;
    };
    // The first command after /healthz said ready: lazily built structures would make it slow.
    const first = await slack('UFIRST', 'search reward hacking');
    // Warm-up at full load (not measured): JIT, heap growth, connections, lazily built search structures.
    await phase(options.warmupS, false);
    const elapsedS = await phase(options.durationS, true);

    // Deferred answers finish after the acknowledgement: give them a moment to reach the mock.
    const settle = performance.now();
    while (performance.now() - settle < 15_000) {
      const missing = [...stats.deferred].filter((t) => !mock.counts.discordFollowUps.has(t)).length;
      if (missing === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const missingFollowUps = [...stats.deferred].filter((t) => !mock.counts.discordFollowUps.has(t)).length;

    // The limiter is on: one user sending 7 commands at once is refused twice, politely.
    let probeRefused = 0;
    for (let p = 0; p < 7; p++) {
      const r = await slack('UFLOODER', 'search diffusion');
      if (r.body.includes('sending commands quickly')) probeRefused++;
    }

    const all = [...stats.slack, ...stats.discord].sort((a, b) => a - b);
    const sortedSlack = [...stats.slack].sort((a, b) => a - b);
    const sortedDiscord = [...stats.discord].sort((a, b) => a - b);
    const row = (name: string, xs: number[]) => ({
      traffic: name,
      requests: xs.length,
      'req/s': Math.round(xs.length / elapsedS),
      'p50 ms': Number(percentile(xs, 50).toFixed(1)),
      'p99 ms': Number(percentile(xs, 99).toFixed(1)),
      'max ms': Number((xs[xs.length - 1] ?? Number.NaN).toFixed(1)),
    });
    console.log(
      `\n## load: ${options.rate ? `${options.rate} req/s offered, at most ` : ''}${options.concurrency} concurrent ` +
        `for ${options.durationS} s (after ${options.warmupS} s of warm-up) against dist/src/main.js ` +
        `(${catalog ? catalog : 'bundled seed'}; ready in ${(readyMs / 1000).toFixed(1)} s; ` +
        'SQLite in memory; rate limit on at the default 5/10 s, one user per request)',
    );
    console.table([
      row('all', all),
      row('slack /papers search', sortedSlack),
      row('discord search+summarize', sortedDiscord),
    ]);
    console.table([
      {
        'non-2xx': stats.non2xx,
        timeouts: stats.timeouts,
        'connection errors': stats.failed,
        'refused by limiter': stats.refused,
        'answered busy (lane full)': stats.busy,
        'discord deferred': stats.deferred.size,
        'follow-ups at mock': stats.deferred.size - missingFollowUps,
        'missing follow-ups': missingFollowUps,
        'slack response_url posts': mock.counts.slackResponses,
        'unexpected mock calls': mock.counts.other.length,
        'flood probe refused (of 7)': probeRefused,
        'first command after ready ms': Number(first.ms.toFixed(1)),
      },
    ]);
    if (mock.counts.other.length > 0) console.log('unexpected mock calls:', mock.counts.other.slice(0, 5));
    agent.destroy();
  } finally {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    await new Promise((done) => mock.server.close(done));
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '30' },
      concurrency: { type: 'string', default: '200' },
      catalog: { type: 'string' },
      timeout: { type: 'string', default: '10000' },
      rate: { type: 'string' },
      warmup: { type: 'string', default: '5' },
    },
  });
  await runLoad({
    durationS: Number(values.duration),
    concurrency: Number(values.concurrency),
    timeoutMs: Number(values.timeout),
    warmupS: Number(values.warmup),
    ...(values.catalog ? { catalog: values.catalog } : {}),
    ...(values.rate ? { rate: Number(values.rate) } : {}),
  });
}
