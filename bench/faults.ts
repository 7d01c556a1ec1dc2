// `npm run faults`: digest runs of 1,000 channels under faults, counted at a mock platform (nothing lost or doubled).
// (a) kill -9 in the middle of a run, then a restart on the same SQLite file once the 5-minute leases ran out,
//     on Discord and on Slack; the mock forgets Discord nonces after 3 minutes, as Discord promises only a few;
// (b) a Discord answering 429 (Retry-After) and 500 at random for the whole run.
// Each run is a real process (dist/bench/faults-child.js): scheduler, SQLite ledger, real REST delivery. The
// restarted process runs on a clock moved past the lease, so the bench need not wait five minutes.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../src/store/index.js';
import type { ChannelKey } from '../src/store/types.js';
import { type BenchSuite, ROOT, report } from './kit.js';

const TOPICS = ['diffusion', 'reinforcement learning', 'language models', 'agents', 'reasoning', 'video'];
/** The scheduler's own lease (5 minutes) and how long the mock Discord remembers a nonce. */
const LEASE_MS = 5 * 60_000;
const NONCE_MEMORY_MS = 3 * 60_000;

interface FaultRates {
  /** Share of requests answered 429 with Retry-After. */
  limited: number;
  /** Share answered 500 before the message is accepted. */
  failBefore: number;
  /** Share answered 500 after the message was accepted and shown (the answer is lost). */
  failAfter: number;
}

type Platform = 'discord' | 'slack';

/**
 * Discord's create-message and channel-messages endpoints (a repeated nonce within NONCE_MEMORY_MS returns the
 * first message), and Slack's chat.postMessage and conversations.history (with message metadata).
 */
class MockPlatform {
  readonly server: Server;
  requests = 0;
  limited = 0;
  failed = 0;
  repeatedNonce = 0;
  /** Messages shown per channel: more than one is a double post. */
  readonly shown = new Map<string, string[]>();
  private readonly nonces = new Map<string, { id: string; at: number }>();
  /** Messages posted per channel, newest last, as the history endpoints return them. */
  private readonly history = new Map<string, Record<string, unknown>[]>();
  /** Added to the wall clock: the restarted process runs this much later (its leases have run out). */
  clockOffsetMs = 0;
  historyReads = 0;
  private nextId = 1n;
  faults: FaultRates = { limited: 0, failBefore: 0, failAfter: 0 };
  /** After this many shown messages, accept but never answer (the process is about to be killed). */
  hangAfter = Number.POSITIVE_INFINITY;
  private onHang: () => void = () => {};
  readonly hung = new Promise<void>((r) => {
    this.onHang = r;
  });

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  get shownTotal(): number {
    let n = 0;
    for (const list of this.shown.values()) n += list.length;
    return n;
  }

  async listen(): Promise<string> {
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    let text = '';
    for await (const chunk of req) text += chunk;
    const path = (req.url ?? '').split('?')[0] ?? '';
    const discord = /^\/api\/v10\/channels\/([^/]+)\/messages$/.exec(path);
    if (discord && req.method === 'GET') {
      this.historyReads++;
      this.send(res, 200, [...(this.history.get(discord[1] as string) ?? [])].reverse().slice(0, 50));
      return;
    }
    if (path === '/api/conversations.history') {
      this.historyReads++;
      const channel = new URLSearchParams(text).get('channel') ?? '';
      const messages = [...(this.history.get(channel) ?? [])].reverse().slice(0, 100);
      this.send(res, 200, { ok: true, messages, has_more: false });
      return;
    }
    let channel: string;
    let body: { nonce?: string; content?: string; embeds?: unknown[]; metadata?: unknown; text?: string };
    if (discord && req.method === 'POST') {
      channel = discord[1] as string;
      body = JSON.parse(text);
    } else if (path === '/api/chat.postMessage') {
      const form = new URLSearchParams(text);
      channel = form.get('channel') ?? '';
      const metadata = form.get('metadata');
      body = { text: form.get('text') ?? '', ...(metadata ? { metadata: JSON.parse(metadata) } : {}) };
    } else {
      this.send(res, 404, { message: 'Unknown route', code: 0 });
      return;
    }
    this.requests++;
    const slack = !discord;
    const roll = Math.random();
    const f = this.faults;
    if (roll < f.limited) {
      this.limited++;
      this.send(
        res,
        429,
        slack
          ? { ok: false, error: 'ratelimited' }
          : { message: 'You are being rate limited.', retry_after: 0.5, global: false },
        { 'retry-after': slack ? '1' : '0.5', 'x-ratelimit-scope': 'user' },
      );
      return;
    }
    if (roll < f.limited + f.failBefore) {
      this.failed++;
      this.send(res, 500, { message: 'Internal Server Error', code: 0 });
      return;
    }
    // Discord remembers a nonce for a few minutes; Slack has no nonce at all.
    const nonce = body.nonce;
    const remembered = nonce === undefined ? undefined : this.nonces.get(nonce);
    let id: string;
    if (remembered && this.now() - remembered.at < NONCE_MEMORY_MS) {
      this.repeatedNonce++;
      id = remembered.id;
    } else {
      id = slack ? `1700000000.${String(this.nextId++).padStart(6, '0')}` : String(this.nextId++);
      if (nonce !== undefined) this.nonces.set(nonce, { id, at: this.now() });
      this.shown.set(channel, [...(this.shown.get(channel) ?? []), id]);
      const stored = slack
        ? { ts: id, text: body.text, ...(body.metadata ? { metadata: body.metadata } : {}) }
        : {
            id,
            channel_id: channel,
            content: body.content ?? '',
            embeds: body.embeds ?? [],
            author: { bot: true },
          };
      this.history.set(channel, [...(this.history.get(channel) ?? []), stored]);
    }
    if (this.shownTotal > this.hangAfter) {
      this.onHang();
      return;
    }
    if (roll < f.limited + f.failBefore + f.failAfter) {
      this.failed++;
      this.send(res, 500, { message: 'Internal Server Error', code: 0 });
      return;
    }
    this.send(
      res,
      200,
      slack ? { ok: true, channel, ts: id } : { id, channel_id: channel, content: '', embeds: [] },
    );
  }
}

function runChild(env: Record<string, string>): { child: ChildProcess; done: Promise<number | null> } {
  const child = spawn(process.execPath, [resolve(ROOT, 'dist', 'bench', 'faults-child.js')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const done = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, done };
}

async function subscribe(databaseUrl: string, channels: number, platform: Platform): Promise<ChannelKey[]> {
  const store = await openStore(databaseUrl);
  const keys: ChannelKey[] = [];
  for (let i = 0; i < channels; i++) {
    // Discord channel ids are snowflakes; the digest's topics vary so the papers differ between channels.
    const key: ChannelKey =
      platform === 'discord'
        ? { platform, workspace: `g${i % 20}`, channel: String(10n ** 17n + BigInt(i)) }
        : { platform, workspace: 'T1', channel: `C${String(i).padStart(8, '0')}` };
    await store.updateChannel(
      key,
      {
        topics: [TOPICS[i % TOPICS.length] as string, TOPICS[(i * 7 + 3) % TOPICS.length] as string],
        count: 3,
        time: '09:00',
        timezone: 'UTC',
      },
      'faults',
    );
    keys.push(key);
  }
  await store.close();
  return keys;
}

/** What the ledger and the platform say once the runs are over. */
async function tally(databaseUrl: string, keys: ChannelKey[], day: string, mock: MockPlatform) {
  const store = await openStore(databaseUrl);
  const statuses = new Map<string, number>();
  for (const key of keys) {
    const status = (await store.getDelivery(key, day))?.status ?? 'none';
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }
  await store.close();
  let once = 0;
  let doubled = 0;
  let lost = 0;
  for (const key of keys) {
    const n = mock.shown.get(key.channel)?.length ?? 0;
    if (n === 1) once++;
    else if (n === 0) lost++;
    else doubled++;
  }
  return {
    channels: keys.length,
    'shown once': once,
    lost,
    doubled,
    'ledger sent': statuses.get('sent') ?? 0,
    'ledger other':
      [...statuses]
        .filter(([s]) => s !== 'sent')
        .map(([s, n]) => `${s}:${n}`)
        .join(' ') || '-',
    requests: mock.requests,
    '429s': mock.limited,
    '500s': mock.failed,
    'repeated nonce (absorbed)': mock.repeatedNonce,
    'history reads': mock.historyReads,
  };
}

function setup(dir: string, name: string) {
  const databaseUrl = `sqlite:${join(dir, `${name}.db`)}`;
  // Subscribed now; the slot is tomorrow 09:00 UTC and the run starts a minute after it.
  const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return { databaseUrl, day, now: `${day}T09:01:00Z` };
}

interface Scenario {
  databaseUrl: string;
  day: string;
  now: string;
  keys: Awaited<ReturnType<typeof subscribe>>;
  apiUrl: string;
  mock: MockPlatform;
}

/** A fresh SQLite file with `channels` subscribed and a mock Discord listening; both gone afterwards. */
async function scenario<T>(
  name: string,
  channels: number,
  platform: Platform,
  run: (s: Scenario) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-faults-'));
  const mock = new MockPlatform();
  try {
    const { databaseUrl, day, now } = setup(dir, name);
    const keys = await subscribe(databaseUrl, channels, platform);
    const apiUrl = await mock.listen();
    return await run({ databaseUrl, day, now, keys, apiUrl, mock });
  } finally {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function killAndRestart(channels: number, killAfter: number, platform: Platform = 'discord') {
  return scenario('kill', channels, platform, async ({ databaseUrl, day, now, keys, apiUrl, mock }) => {
    const env = {
      DATABASE_URL: databaseUrl,
      API_URL: apiUrl,
      PLATFORM: platform,
      NOW: now,
      LEASE_MS: String(LEASE_MS),
    };
    // The platform shows post killAfter+1 but never answers it: the worst moment to die.
    mock.hangAfter = killAfter;
    const first = runChild(env);
    const ended = await Promise.race([mock.hung.then(() => false), first.done.then(() => true)]);
    if (ended) throw new Error('faults: the first run ended before it could be killed');
    first.child.kill('SIGKILL');
    await first.done;
    const shownAtKill = mock.shownTotal;
    mock.hangAfter = Number.POSITIVE_INFINITY;
    // The dead process's leases run out (and Discord forgets its nonces), then a new process takes over.
    const later = LEASE_MS + 30_000;
    mock.clockOffsetMs = later;
    const start = performance.now();
    const restartedAt = new Date(Date.parse(now) + later).toISOString();
    const code = await runChild({ ...env, NOW: restartedAt }).done;
    if (code !== 0) throw new Error(`faults: the restarted run exited ${code}`);
    return {
      platform,
      ...(await tally(databaseUrl, keys, day, mock)),
      'shown when killed': shownAtKill,
      'restart run s': Number(((performance.now() - start) / 1000).toFixed(1)),
    };
  });
}

export function flakyPlatform(channels: number, faultRate: number) {
  return scenario('flaky', channels, 'discord', async ({ databaseUrl, day, now, keys, apiUrl, mock }) => {
    mock.faults = { limited: faultRate / 2, failBefore: faultRate / 4, failAfter: faultRate / 4 };
    const start = performance.now();
    const code = await runChild({
      DATABASE_URL: databaseUrl,
      API_URL: apiUrl,
      PLATFORM: 'discord',
      NOW: now,
      LEASE_MS: String(60_000),
    }).done;
    if (code !== 0) throw new Error(`faults: the run exited ${code}`);
    return {
      ...(await tally(databaseUrl, keys, day, mock)),
      'run s': Number(((performance.now() - start) / 1000).toFixed(1)),
    };
  });
}

export async function runFaults(channels: number, faultRate: number): Promise<void> {
  const killed = await killAndRestart(channels, Math.floor(channels * 0.3), 'discord');
  const slackKilled = await killAndRestart(channels, Math.floor(channels * 0.3), 'slack');
  report(
    `faults (a): kill -9 after ~30% of ${channels} digests, restart after the 5-minute leases (nonces forgotten)`,
    [killed, slackKilled],
  );
  const flaky = await flakyPlatform(channels, faultRate);
  report(
    `faults (b): Discord answering ${Math.round(faultRate * 50)}% 429 (Retry-After 0.5 s), ` +
      `${Math.round(faultRate * 25)}% 500 before and ${Math.round(faultRate * 25)}% 500 after showing the post`,
    [flaky],
  );
}

const suite: BenchSuite = {
  name: 'faults',
  run: () => runFaults(1_000, 0.2),
};
export default suite;

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const { values } = parseArgs({
    options: {
      channels: { type: 'string', default: '1000' },
      'fault-rate': { type: 'string', default: '0.2' },
    },
  });
  await runFaults(Number(values.channels), Number(values['fault-rate']));
}
