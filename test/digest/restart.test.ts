// Kill a real digest run (its own process, SQLite file) mid-way and start it again: nothing lost, nothing doubled.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { runChild } from '../support/child.js';
import { hangingPlatform, killWhenHung, restartAfterLease } from './support/restart-harness.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const CHANNELS = Array.from({ length: 20 }, (_, i) => `c${i}`);
const LEASE_MS = 1_500;

const CHILD = join(here, 'support/restart-child.ts');

interface Post {
  channel: string;
  nonce: string;
  ids: string[];
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
    const p = hangingPlatform((post: Post) => post.channel, 'm-');
    const env = {
      DATABASE_URL: databaseUrl,
      PLATFORM_URL: await p.listen(),
      NOW: `${day}T09:01:00Z`,
      LEASE_MS: String(LEASE_MS),
    };

    // First run: the platform answers 7 posts, shows the 8th but never answers; then the process is killed.
    p.hangAfter(7);
    await killWhenHung(p.hung, runChild(CHILD, env));

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
    const result = await restartAfterLease(CHILD, env, LEASE_MS);
    expect(result.code, result.err).toBe(0);
    p.close();

    // Nothing lost: every channel shows exactly one digest. Nothing doubled: one nonce and one paper set each.
    expect(p.shown.size).toBe(CHANNELS.length);
    // A double: a second nonce for a channel that already shows one.
    expect(p.requests.filter((r) => r.nonce !== p.shown.get(r.channel)?.nonce)).toHaveLength(0);
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
