// The reading group end to end on every adapter: the real command and buttons, and the scheduled posts through each
// platform's delivery port on the fake clock, read back from what the platform's API received.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { createReadingGroupJobs, type ReadingGroupJobs } from '../../src/reading-group/jobs.js';
import type { AdapterName, ChannelSide, Driver, Reply } from './driver.js';
import { consoleDriver } from './drivers/console.js';
import { discordDriver } from './drivers/discord.js';
import { slackDriver } from './drivers/slack.js';
import { MEMORY_BARRIER_ID, MEMORY_BARRIER_TITLE, scenarioWorld, type World } from './world.js';

const drivers: Record<AdapterName, (world: World) => Promise<Driver>> = {
  discord: (w) => discordDriver(w.services, w.metrics),
  slack: (w) => slackDriver(w.services, w.metrics),
  console: (w) => consoleDriver(w.services),
};

/** The invented Q&A paper (2410.99001); its words without the "&" Slack escapes. */
const QA_ID = '2410.99001';
const QA_WORDS = 'over long documents with retrieval';

// The world's clock starts on Monday 12 May 2025, 10:00 UTC. The group meets on Thursdays at 15:00 in Berlin
// (13:00 UTC in summer): announced Wednesday 14 May at 15:00 Berlin time, reminded Thursday at 14:00.
const ANNOUNCE = '2025-05-14T13:00:00Z';
const REMIND = '2025-05-15T12:00:00Z';

describe.each(['discord', 'slack', 'console'] as const)('the reading group on %s', (adapter) => {
  let world: World;
  let d: Driver;
  let side: ChannelSide;
  let jobs: ReadingGroupJobs;
  const chat = adapter !== 'console';

  beforeAll(async () => {
    world = await scenarioWorld();
    d = await drivers[adapter](world);
    side = d.channel();
    jobs = createReadingGroupJobs({
      store: world.store,
      papers: world.services.search,
      summarizer: world.services.summarizer,
      ports: [side.port],
      clock: world.clock,
      logger: silentLogger(),
    });
  });
  afterAll(async () => {
    await d?.close();
    await world?.close();
  });

  /** Presses a button where the platform has one; the console types the command the button runs. */
  async function pressOr(on: Reply, label: string, line: string, user: string): Promise<Reply> {
    if (!chat) return d.command(line, { user });
    return (await d.press(on, label, { user })).reply;
  }

  it('runs a week: schedule, nominate, vote, join, announce, volunteer, remind — each post once', async () => {
    const scheduled = await d.command('readinggroup schedule day:thu time:15:00 timezone:Europe/Berlin', {
      user: 'rg-admin',
    });
    expect(scheduled.text).toContain('Reading group scheduled');
    expect(scheduled.text).toContain('Thu 15 May, 15:00 (Europe/Berlin)');
    expect(scheduled.private).toBe(true);

    // "Nominate" under a paper's summary; the console types it.
    const summary = await d.command(`summarize ${MEMORY_BARRIER_ID}`, { user: 'rg-ada' });
    if (chat) expect(summary.buttons).toContain('Nominate');
    const nominated = await pressOr(
      summary,
      'Nominate',
      `readinggroup nominate ${MEMORY_BARRIER_ID}`,
      'rg-ada',
    );
    expect(nominated.text).toContain('Nominated for the reading group');
    expect(nominated.private).toBe(true);
    const second = await d.command(`readinggroup nominate ${QA_ID}`, { user: 'rg-bob' });
    expect(second.text).toContain('(2 of 2)');

    // The queue: both papers, a Vote button on each (Discord numbers them like the cards; Slack shows "Vote").
    const queue = await d.command('readinggroup', { user: 'rg-bob' });
    expect(queue.text).toContain(MEMORY_BARRIER_TITLE);
    expect(queue.text).toContain(QA_WORDS);
    expect(queue.text).toContain('Thu 15 May, 15:00 (Europe/Berlin)');
    if (chat) expect(queue.buttons.filter((b) => b.startsWith('Vote'))).toHaveLength(2);
    if (chat) expect(queue.buttons).toContain('Join the rotation');
    const voted = await pressOr(queue, 'Vote', `readinggroup vote ${MEMORY_BARRIER_ID}`, 'rg-cy');
    expect(voted.text).toContain('Vote counted');
    expect(voted.text).toMatch(/1 vote:\s+1\s+of 2/);
    const again = await pressOr(queue, 'Vote', `readinggroup vote ${MEMORY_BARRIER_ID}`, 'rg-cy');
    expect(again.text).toContain('You voted for it already');
    // Two votes put the Q&A paper on top.
    for (const user of ['rg-dee', 'rg-eve']) await d.command(`readinggroup vote ${QA_ID}`, { user });

    for (const user of ['rg-dee', 'rg-eve']) {
      const joined = await d.command('readinggroup join', { user });
      expect(joined.text).toContain('You joined the presenter rotation');
    }

    // Wednesday 15:00 in Berlin: the announcement, once however often the scheduler ticks.
    world.clock.set(new Date(Date.parse(ANNOUNCE) - 60_000));
    await jobs.tick();
    expect(side.posts()).toHaveLength(0);
    world.clock.set(ANNOUNCE);
    await jobs.tick();
    await jobs.tick();
    const [announcement, ...more] = side.posts();
    expect(more).toHaveLength(0);
    expect(announcement!.private).toBe(false);
    expect(announcement!.text).toContain(QA_WORDS);
    expect(announcement!.text).toContain('Presenting:');
    expect(announcement!.text).not.toContain(MEMORY_BARRIER_TITLE);
    if (chat) expect(announcement!.buttons).toContain('I’ll present');
    // Discord pings the presenter and nobody else.
    if (adapter === 'discord') {
      const [message] = announcement!.raw as { allowed_mentions?: { parse?: unknown[]; users?: string[] } }[];
      expect(message?.allowed_mentions?.parse).toEqual([]);
      expect(message?.allowed_mentions?.users).toHaveLength(1);
    }

    // A member takes the presentation over from the rotation's pick.
    const took = await pressOr(announcement!, 'I’ll present', 'readinggroup present', 'rg-eve');
    expect(took.text).toContain('You present');
    expect(took.private).toBe(true);
    const late = await pressOr(announcement!, 'I’ll present', 'readinggroup present', 'rg-fay');
    expect(late.text).toMatch(/volunteered to present already/);

    // The posted paper left the queue; the other is still there.
    const after = await d.command('readinggroup', { user: 'rg-fay' });
    expect(after.text).toContain(MEMORY_BARRIER_TITLE);
    expect(after.text).not.toContain(QA_WORDS);

    // Thursday 14:00: the reminder names the volunteer, once.
    world.clock.set(REMIND);
    await jobs.tick();
    await jobs.tick();
    const posts = side.posts();
    expect(posts).toHaveLength(2);
    expect(posts[1]!.text).toContain('Reading group in an hour');
    expect(posts[1]!.text).toContain(QA_WORDS);
    expect(posts[1]!.text).toContain(' presents.');
    if (adapter === 'console') expect(posts[1]!.text).toContain('rg-eve presents.');
    if (adapter === 'slack') expect(posts[1]!.text).toContain('<@URGEVE>');
  });
});
