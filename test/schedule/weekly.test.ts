// The weekly round-up's schedule: one post a week on the chosen day at the local time, across daylight-saving changes.
import { describe, expect, it } from 'vitest';
import { createScheduler } from '../../src/schedule/scheduler.js';
import type { ChannelKey, ChannelSettings, Weekday } from '../../src/store/types.js';
import {
  captureLogger,
  fixedClock,
  MemoryStore,
  paper,
  RecordingPort,
  WordSearch,
  wordDigest,
} from '../digest/fakes.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A diffusion paper listed every day of 2025, so every week has something to round up. */
const papers = Array.from({ length: 365 }, (_, i) =>
  paper({
    id: `2501.${String(30000 + i)}`,
    title: `Diffusion result of day ${i}`,
    abstract: 'diffusion',
    listed: new Date(Date.UTC(2025, 0, 1) + i * DAY).toISOString().slice(0, 10),
    trending: { upvotes: i % 17 },
  }),
);

const key = (channel: string): ChannelKey => ({ platform: 'discord', workspace: 'g1', channel });

function harness(start: string) {
  const clock = fixedClock(start);
  const store = new MemoryStore(clock);
  const search = new WordSearch(papers);
  const postedAt: Array<{ channel: string; at: string }> = [];
  const port = new RecordingPort('discord', () => {
    return { ok: true, messageIds: [] };
  });
  const scheduler = createScheduler({
    store,
    ...wordDigest(search),
    ports: [port],
    logger: captureLogger().logger,
    clock,
    graceHours: 6,
  });
  const weekly = (channel: string, day: Weekday, settings: Partial<ChannelSettings>) =>
    store.addChannel(key(channel), {
      topics: ['diffusion'],
      count: 1,
      cadence: 'weekly',
      weeklyDay: day,
      ...settings,
    });
  /**
   * Ticks every 15 minutes (every configured time here is on a quarter hour, in local time and UTC alike)
   * from the clock to `until`, recording when each channel's post went out.
   */
  async function runUntil(until: string) {
    const end = Date.parse(until);
    for (let t = clock.now().getTime(); t < end; t += 15 * MINUTE) {
      clock.set(t);
      const before = port.shown.length;
      await scheduler.tick();
      for (const post of port.shown.slice(before))
        postedAt.push({ channel: post.channel.channel, at: new Date(t).toISOString().slice(0, 16) });
    }
    clock.set(end);
  }
  const times = (channel: string) => postedAt.filter((p) => p.channel === channel).map((p) => p.at);
  return { store, port, weekly, runUntil, times };
}

describe('weekly round-up across daylight-saving changes', () => {
  it('keeps 09:00 Berlin on the EU spring-forward week, and moves a skipped 02:30 to 03:00', async () => {
    // Clocks go forward on Sunday 30 March 2025, 02:00 → 03:00.
    const h = harness('2025-03-21T00:00:00Z');
    h.weekly('fri', 'fri', { time: '09:00', timezone: 'Europe/Berlin' });
    h.weekly('sun-nine', 'sun', { time: '09:00', timezone: 'Europe/Berlin' });
    h.weekly('gap', 'sun', { time: '02:30', timezone: 'Europe/Berlin' });
    await h.runUntil('2025-04-07T00:00:00Z');
    expect(h.times('fri')).toEqual(['2025-03-21T08:00', '2025-03-28T08:00', '2025-04-04T07:00']);
    expect(h.times('sun-nine')).toEqual(['2025-03-23T08:00', '2025-03-30T07:00', '2025-04-06T07:00']);
    // 02:30 does not exist on the 30th: that week's round-up goes out when the clocks jump, once.
    expect(h.times('gap')).toEqual(['2025-03-23T01:30', '2025-03-30T01:00', '2025-04-06T00:30']);
  });

  it('posts a repeated 02:30 Berlin once on the EU fall-back Sunday, at its first occurrence', async () => {
    // Clocks go back on Sunday 26 October 2025, 03:00 → 02:00: 02:30 happens twice.
    const h = harness('2025-10-18T00:00:00Z');
    h.weekly('twice', 'sun', { time: '02:30', timezone: 'Europe/Berlin' });
    h.weekly('fri', 'fri', { time: '09:00', timezone: 'Europe/Berlin' });
    await h.runUntil('2025-11-03T00:00:00Z');
    expect(h.times('twice')).toEqual(['2025-10-19T00:30', '2025-10-26T00:30', '2025-11-02T01:30']);
    expect(h.times('fri')).toEqual(['2025-10-24T07:00', '2025-10-31T08:00']);
  });

  it('follows New York on the US change weeks, which are not the EU ones', async () => {
    // US clocks go forward on Sunday 9 March 2025, while Berlin stays on winter time until the 30th.
    const spring = harness('2025-03-01T00:00:00Z');
    spring.weekly('ny', 'fri', { time: '09:00', timezone: 'America/New_York' });
    spring.weekly('gap', 'sun', { time: '02:30', timezone: 'America/New_York' });
    spring.weekly('berlin', 'fri', { time: '09:00', timezone: 'Europe/Berlin' });
    await spring.runUntil('2025-03-17T00:00:00Z');
    expect(spring.times('ny')).toEqual(['2025-03-07T14:00', '2025-03-14T13:00']);
    expect(spring.times('gap')).toEqual(['2025-03-02T07:30', '2025-03-09T07:00', '2025-03-16T06:30']);
    expect(spring.times('berlin')).toEqual(['2025-03-07T08:00', '2025-03-14T08:00']);

    // US clocks go back on Sunday 2 November 2025: 01:30 happens twice.
    const fall = harness('2025-10-25T00:00:00Z');
    fall.weekly('twice', 'sun', { time: '01:30', timezone: 'America/New_York' });
    fall.weekly('ny', 'fri', { time: '09:00', timezone: 'America/New_York' });
    await fall.runUntil('2025-11-10T00:00:00Z');
    expect(fall.times('twice')).toEqual(['2025-10-26T05:30', '2025-11-02T05:30', '2025-11-09T06:30']);
    expect(fall.times('ny')).toEqual(['2025-10-31T13:00', '2025-11-07T14:00']);
  });

  it('handles Lord Howe Island, whose clocks move by 30 minutes', async () => {
    // Sunday 6 April 2025: 02:00 (+11:00) → 01:30 (+10:30), so 01:45 happens twice.
    const fall = harness('2025-03-29T00:00:00Z');
    fall.weekly('twice', 'sun', { time: '01:45', timezone: 'Australia/Lord_Howe' });
    fall.weekly('nine', 'sun', { time: '09:00', timezone: 'Australia/Lord_Howe' });
    await fall.runUntil('2025-04-14T00:00:00Z');
    expect(fall.times('twice')).toEqual(['2025-03-29T14:45', '2025-04-05T14:45', '2025-04-12T15:15']);
    expect(fall.times('nine')).toEqual(['2025-03-29T22:00', '2025-04-05T22:30', '2025-04-12T22:30']);

    // Sunday 5 October 2025: 02:00 (+10:30) → 02:30 (+11:00), so 02:15 does not exist.
    const spring = harness('2025-09-27T00:00:00Z');
    spring.weekly('gap', 'sun', { time: '02:15', timezone: 'Australia/Lord_Howe' });
    await spring.runUntil('2025-10-13T00:00:00Z');
    expect(spring.times('gap')).toEqual(['2025-09-27T15:45', '2025-10-04T15:30', '2025-10-11T15:15']);
  });
});

describe('weekly round-up schedule', () => {
  it('posts on its day only, not on the daily days it keeps for going back', async () => {
    const h = harness('2025-05-05T00:00:00Z');
    h.weekly('weekly', 'wed', { time: '10:00', timezone: 'UTC', days: ['mon', 'tue', 'wed', 'thu', 'fri'] });
    await h.runUntil('2025-05-26T00:00:00Z');
    expect(h.times('weekly')).toEqual(['2025-05-07T10:00', '2025-05-14T10:00', '2025-05-21T10:00']);
    const slots = (await h.store.listDeliveries(key('weekly'))).map((d) => d.slot);
    expect(slots).toEqual(['2025-05-21', '2025-05-14', '2025-05-07']);
  });
});
