// Kill a real digest run (its own process, SQLite file) mid-way and start it again: nothing lost, nothing doubled.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const CHANNELS = Array.from({ length: 20 }, (_, i) => `c${i}`);
const LEASE_MS = 1_500;

/** The platform: shows each nonce once (Discord's enforce_nonce), and can stop answering to stage a crash. */
function platform() {
  const requests: Array<{ channel: string; nonce: string; ids: string[] }> = [];
  const shown = new Map<string, { nonce: string; ids: string[] }>();
  let doubles = 0;
  let answerUpTo = Number.POSITIVE_INFINITY;
  let onHang: () => void = () => {};
  const hung = new Promise<void>((resolve) => {
    onHang = resolve;
  });
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const post = JSON.parse(body) as { channel: string; nonce: string; ids: string[] };
    requests.push(post);
    const before = shown.get(post.channel);
    if (before && before.nonce !== post.nonce) doubles++;
    if (!before) shown.set(post.channel, { nonce: post.nonce, ids: post.ids });
    if (shown.size > answerUpTo) {
      // Accepted and shown, but the answer never reaches the bot: the worst moment to die.
      onHang();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `m-${post.nonce}` }));
  });
  return {
    server,
    requests,
    shown,
    doubles: () => doubles,
    hung,
    hangAfter(n: number) {
      answerUpTo = n;
    },
  };
}

function runChild(env: Record<string, string>): {
  child: ChildProcess;
  done: Promise<{ code: number | null; out: string; err: string }>;
} {
  const child = spawn(
    process.execPath,
    ['--import', join(here, 'support/ts-hooks.mjs'), join(here, 'support/restart-child.ts')],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    child.on('exit', (code) => resolve({ code, out, err }));
  });
  return { child, done };
}

describe('restart in the middle of a digest run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loses nothing and posts nothing twice when the process is killed mid-run and started again', {
    timeout: 180_000,
  }, async () => {
    const databaseUrl = `sqlite:${join(dir, 'paperboy.db')}`;
    const setup = await openStore(databaseUrl);
    for (const channel of CHANNELS) {
      await setup.updateChannel(
        { platform: 'discord', workspace: 'g', channel },
        { topics: ['diffusion'], count: 3, time: '09:00' },
        'test',
      );
    }
    await setup.close();
    // Subscribed just now; the slot is tomorrow at 09:00 UTC, and the run happens a minute after it.
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const p = platform();
    await new Promise<void>((resolve) => p.server.listen(0, '127.0.0.1', resolve));
    const env = {
      DATABASE_URL: databaseUrl,
      PLATFORM_URL: `http://127.0.0.1:${(p.server.address() as AddressInfo).port}/post`,
      NOW: `${day}T09:01:00Z`,
      LEASE_MS: String(LEASE_MS),
    };

    // First run: the platform answers 7 posts, shows the 8th but never answers; then the process is killed.
    p.hangAfter(7);
    const first = runChild(env);
    await Promise.race([
      p.hung,
      first.done.then(({ err }) => Promise.reject(new Error(`child ended early: ${err}`))),
    ]);
    first.child.kill('SIGKILL');
    await first.done;

    const mid = await openStore(databaseUrl);
    const statuses = await Promise.all(
      CHANNELS.map(
        async (channel) =>
          (await mid.getDelivery({ platform: 'discord', workspace: 'g', channel }, day))?.status ?? 'none',
      ),
    );
    await mid.close();
    // Killed mid-way: some confirmed (at most the 7 answered), some recorded but unconfirmed, some not begun.
    const confirmed = statuses.filter((s) => s === 'sent').length;
    expect(confirmed).toBeGreaterThanOrEqual(1);
    expect(confirmed).toBeLessThanOrEqual(7);
    expect(statuses).toContain('pending');
    expect(statuses).toContain('none');
    const shownBeforeRestart = new Map(p.shown);

    // Second run, after the dead process's leases ran out; the platform answers everything now.
    p.hangAfter(Number.POSITIVE_INFINITY);
    await new Promise((r) => setTimeout(r, LEASE_MS + 200));
    const second = runChild(env);
    const result = await second.done;
    expect(result.code, result.err).toBe(0);
    p.server.closeAllConnections();
    p.server.close();

    // Nothing lost: every channel shows exactly one digest. Nothing doubled: one nonce and one paper set each.
    expect(p.shown.size).toBe(CHANNELS.length);
    expect(p.doubles()).toBe(0);
    for (const channel of CHANNELS) {
      const posts = p.requests.filter((r) => r.channel === channel);
      expect(new Set(posts.map((r) => r.nonce)).size).toBe(1);
      expect(new Set(posts.map((r) => r.ids.join(','))).size).toBe(1);
      expect(posts[0]?.ids).toHaveLength(3);
    }
    // The post that was shown but never confirmed was re-sent with its nonce, not as a new post.
    const resent = [...shownBeforeRestart.keys()].filter(
      (channel) => p.requests.filter((r) => r.channel === channel).length > 1,
    );
    expect(resent.length).toBeGreaterThanOrEqual(1);

    const after = await openStore(databaseUrl);
    for (const channel of CHANNELS) {
      expect((await after.getDelivery({ platform: 'discord', workspace: 'g', channel }, day))?.status).toBe(
        'sent',
      );
    }
    // And no paper went to a channel twice across the two runs.
    for (const channel of CHANNELS) {
      const sent = await after.sentPaperIds({ platform: 'discord', workspace: 'g', channel });
      expect(sent.size).toBe(3);
    }
    await after.close();
  });
});
