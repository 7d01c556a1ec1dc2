// startSlack's delivery paces posts on the services' clock, so a deployment's (or a test's) clock is the one used.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeClock } from '../../support/fake-clock.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('Slack delivery started by startSlack', () => {
  it('paces two posts to one channel on the services’ clock', async () => {
    const slept: number[] = [];
    h = await startHarness({
      delivery: {
        minIntervalMs: 1000,
        retry: { retries: 0 },
        sleep: async (ms) => {
          slept.push(ms);
        },
      },
    });
    const clock = h.services.clock as FakeClock;
    const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C-paced' };
    const view = { kind: 'notice' as const, text: 'Hello.' };
    expect((await h.runtime.deliveryPort.deliver({ channel, view, nonce: 'a' })).ok).toBe(true);
    clock.advance(400);
    expect((await h.runtime.deliveryPort.deliver({ channel, view, nonce: 'b' })).ok).toBe(true);
    // 400 ms of the fake clock have passed since the first post: the second waits the other 600.
    expect(slept).toEqual([600]);
  });
});
