import { describe, expect, it } from 'vitest';
import { papersCommands as COMMANDS } from '../../commands/index.js';
import {
  createRateLimiter,
  limiterFromConfig,
  parseRateLimit,
  type RateLimit,
} from '../../src/app/command-quota.js';
import { runCommand } from '../../src/app/dispatch.js';
import { runLine } from '../../src/app/line/run.js';
import type { CommandContext } from '../../src/app/types.js';
import { readConfig } from '../../src/config.js';
import { createMetrics } from '../../src/metrics.js';
import { CHANNEL, FixedClock, fakeWorld } from './fakes.js';

const LIMIT: RateLimit = { burst: 5, perMs: 10_000 };

function user(id: string, platform: 'slack' | 'discord' = 'slack', workspace = 'T1'): CommandContext {
  return { channel: { ...CHANNEL, platform, workspace }, user: { id, canManage: false } };
}

const search = COMMANDS.find((c) => c.name === 'search')!;

describe('per-user rate limit', () => {
  it('lets a burst of five through, refuses the sixth, and refills one every two seconds', () => {
    const clock = new FixedClock(new Date('2025-01-01T00:00:00Z'));
    const limiter = createRateLimiter({ limit: LIMIT, clock });
    for (let i = 0; i < 5; i++) expect(limiter.take(user('U1')).ok).toBe(true);
    const refused = limiter.take(user('U1'));
    expect(refused).toEqual({ ok: false, retryAfterMs: 2000 });
    clock.advance(1000);
    expect(limiter.take(user('U1'))).toEqual({ ok: false, retryAfterMs: 1000 });
    clock.advance(1000);
    expect(limiter.take(user('U1')).ok).toBe(true);
    expect(limiter.take(user('U1')).ok).toBe(false);
  });

  it('keeps users, workspaces and platforms apart', () => {
    const clock = new FixedClock(new Date('2025-01-01T00:00:00Z'));
    const limiter = createRateLimiter({ limit: LIMIT, clock });
    for (let i = 0; i < 5; i++) limiter.take(user('U1'));
    expect(limiter.take(user('U1')).ok).toBe(false);
    expect(limiter.take(user('U2')).ok).toBe(true);
    expect(limiter.take(user('U1', 'slack', 'T2')).ok).toBe(true);
    expect(limiter.take(user('U1', 'discord')).ok).toBe(true);
  });

  it('forgets idle users, so memory stays bounded under many one-off users', () => {
    const clock = new FixedClock(new Date('2025-01-01T00:00:00Z'));
    const limiter = createRateLimiter({ limit: LIMIT, clock, maxBuckets: 1000 });
    for (let i = 0; i < 5000; i++) limiter.take(user(`U${i}`));
    expect(limiter.size).toBeLessThanOrEqual(1000);
    clock.advance(10_000);
    limiter.take(user('late'));
    expect(limiter.size).toBe(1);
  });

  it('answers a flooding user politely and privately through runCommand, counts it, and serves others', async () => {
    const world = await fakeWorld();
    const metrics = createMetrics({ defaults: false });
    const limiter = limiterFromConfig(LIMIT, world.clock, metrics)!;
    const services = { ...world.services, limiter };
    for (let i = 0; i < 5; i++) {
      const view = await runCommand(search, { query: 'diffusion' }, user('U1'), services);
      expect(view.kind).toBe('list');
    }
    const refused = await runCommand(search, { query: 'diffusion' }, user('U1'), services);
    expect(refused).toEqual({
      kind: 'error',
      text: "You're sending commands quickly — try again in 2 s.",
      ephemeral: true,
    });
    const other = await runLine('search diffusion', user('U2'), services, COMMANDS);
    expect(other.view.kind).toBe('list');
    const text = await metrics.registry.getSingleMetricAsString('paperboy_rate_limited_total');
    expect(text).toContain('paperboy_rate_limited_total{platform="slack"} 1');
  });

  it('refuses a flooding user before reading the line: a broken line gets the rate-limit answer', async () => {
    const world = await fakeWorld();
    const limiter = limiterFromConfig(LIMIT, world.clock)!;
    const services = { ...world.services, limiter };
    const broken = `search "${"'a ".repeat(1000)}`;
    for (let i = 0; i < 5; i++) {
      const { view } = await runLine(broken, user('U1'), services, COMMANDS);
      expect(view).toMatchObject({ kind: 'error', text: expect.stringContaining('quote is not closed') });
    }
    const { view } = await runLine(broken, user('U1'), services, COMMANDS);
    expect(view).toMatchObject({ kind: 'error', text: expect.stringContaining('sending commands quickly') });
    // Admitted once, not twice: a good line after a pause runs and uses one token.
    world.clock.advance(2000);
    expect((await runLine('search diffusion', user('U1'), services, COMMANDS)).view.kind).toBe('list');
    expect((await runLine('search diffusion', user('U1'), services, COMMANDS)).view.kind).toBe('error');
  });

  it('changes nothing when no limiter is configured', async () => {
    const world = await fakeWorld();
    for (let i = 0; i < 20; i++) {
      const view = await runCommand(search, { query: 'diffusion' }, user('U1'), world.services);
      expect(view.kind).toBe('list');
    }
  });
});

describe('PAPERBOY_RATE_LIMIT', () => {
  it('defaults to five commands per ten seconds', () => {
    expect(readConfig({}).rateLimit).toEqual({ burst: 5, perMs: 10_000 });
  });

  it('reads counts per second, minute or hour, and off', () => {
    expect(parseRateLimit('20/1m')).toEqual({ burst: 20, perMs: 60_000 });
    expect(parseRateLimit('3/s')).toEqual({ burst: 3, perMs: 1000 });
    expect(readConfig({ PAPERBOY_RATE_LIMIT: 'off' }).rateLimit).toBeNull();
  });

  it('names the variable and the expected shape when it is not understood', () => {
    expect(() => readConfig({ PAPERBOY_RATE_LIMIT: 'fast' })).toThrow(
      /PAPERBOY_RATE_LIMIT: must look like 5\/10s/,
    );
    expect(() => readConfig({ PAPERBOY_RATE_LIMIT: '0/10s' })).toThrow(/between 1 and 10000/);
  });
});
