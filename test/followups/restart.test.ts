// Kill a real follow-up pass (its own process, SQLite file) with SIGKILL and start it again: each follow-up once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stateOf } from '../../src/followups/detect.js';
import { openStore } from '../../src/store/index.js';
import {
  afterLease,
  hangingPlatform,
  killWhenHung,
  restartAfterLease,
} from '../digest/support/restart-harness.js';
import { runChild } from '../support/child.js';
import { received } from './support/followup-papers.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const CHANNELS = Array.from({ length: 8 }, (_, i) => `c${i}`);
const LEASE_MS = 1_500;
const SLOT = '2026-03-02';
const CHILD = join(here, 'support/followup-child.ts');
/** Two changes (code, version:2) of three papers in each channel. */
const PER_CHANNEL = received.length * 2;

interface Post {
  channel: string;
  nonce: string;
  replyTo?: string;
  text: string;
}

describe('restart in the middle of a follow-up pass', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-followup-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('posts every follow-up once when the process is killed (SIGKILL) mid-pass and started again', {
    timeout: 120_000,
  }, async () => {
    const databaseUrl = `sqlite:${join(dir, 'paperboy.db')}`;
    const setup = await openStore(databaseUrl);
    for (const channel of CHANNELS) {
      const key = { platform: 'discord' as const, workspace: 'g', channel };
      await setup.updateChannel(key, { topics: ['received'] }, 'test');
      const d = await setup.claimDelivery(
        key,
        SLOT,
        received.map((p) => p.id),
        'setup',
        60_000,
      );
      await setup.recordSnapshots(
        key,
        SLOT,
        received.map((p) => ({ paperId: p.id, state: { ...stateOf(p) } })),
      );
      await setup.markSent(d!.id, [`digest-${channel}`]);
    }
    await setup.close();
    // Each nonce shown once (Discord's enforce_nonce).
    const p = hangingPlatform((post: Post) => post.nonce, 'r-');
    const env = {
      DATABASE_URL: databaseUrl,
      PLATFORM_URL: await p.listen(),
      NOW: '2026-03-03T10:00:00Z',
      LEASE_MS: String(LEASE_MS),
    };

    // First pass: the platform answers 13 posts, shows the 14th but never answers; then the process is killed.
    p.hangAfter(13);
    await killWhenHung(p.hung, runChild(CHILD, env));
    const shownBefore = p.shown.size;
    expect(shownBefore).toBe(14);

    // Second pass, once the dead process's lease ran out; the platform answers everything now.
    p.hangAfter(Number.POSITIVE_INFINITY);
    const result = await restartAfterLease(CHILD, env, LEASE_MS);
    expect(result.code, result.err).toBe(0);
    p.close();

    // Every follow-up shown once, in its channel's digest thread; the unconfirmed one re-sent with its nonce.
    expect(p.shown.size).toBe(CHANNELS.length * PER_CHANNEL);
    const lines = [...p.shown.values()].map((post) => `${post.channel} ${post.text}`);
    expect(new Set(lines).size).toBe(lines.length);
    for (const post of p.requests) expect(post.replyTo).toBe(`digest-${post.channel}`);
    expect(p.requests.length).toBe(p.shown.size + 1);

    const after = await openStore(databaseUrl);
    for (const channel of CHANNELS) {
      const followups = await after.listFollowups({ platform: 'discord', workspace: 'g', channel });
      expect(followups).toHaveLength(PER_CHANNEL);
      expect(followups.every((f) => f.status === 'sent')).toBe(true);
    }
    await after.close();

    // A third start finds nothing left to say.
    const third = runChild(CHILD, afterLease(env, LEASE_MS));
    const report = await third.done;
    expect(report.code, report.err).toBe(0);
    expect(JSON.parse(report.out)).toEqual({ posted: 0, failed: 0 });
  });
});
