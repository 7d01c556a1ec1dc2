// The console channel's daily digest through the real scheduler and delivery runner.
import { describe, expect, it } from 'vitest';
import { cardActions, papersCommands } from '../../../commands/index.js';
import { runLine } from '../../../src/app/line/run.js';
import type { AppServices } from '../../../src/app/services.js';
import type { Config } from '../../../src/config.js';
import type { DeliveryPort } from '../../../src/digest/types.js';
import { startConsoleBackground } from '../../../src/platforms/console/background.js';
import { CONSOLE_CHANNEL, ConsoleDelivery, consoleContext } from '../../../src/platforms/console/channel.js';
import { createScheduler } from '../../../src/schedule/scheduler.js';
import type { View } from '../../../src/views/types.js';
import { seedWorld } from '../../app/fakes.js';
import { until } from '../../support/until.js';

describe('the console digest', () => {
  it('prints at the set time, once, and never repeats a paper the next day', async () => {
    const world = await seedWorld(new Date('2025-05-12T06:00:00Z'));
    const ctx = consoleContext('tester');
    await runLine(
      'subscribe diffusion models time:08:30 timezone:Europe/Berlin count:2',
      ctx,
      world.services,
      papersCommands,
    );
    const printed: string[] = [];
    const scheduler = createScheduler({
      store: world.store,
      planner: world.services.digest,
      summarizer: world.services.summarizer,
      papers: world.services.search,
      ports: [new ConsoleDelivery((text) => printed.push(text), { color: false })],
      logger: world.services.logger,
      clock: world.clock,
    });

    await scheduler.tick(new Date('2025-05-12T06:29:00Z'));
    expect(printed).toEqual([]);
    await scheduler.tick(new Date('2025-05-12T06:31:00Z'));
    await scheduler.tick(new Date('2025-05-12T06:32:00Z'));
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^Paper digest · Mon 12 May 2025 · 2 papers/);
    const first = new Set((await world.store.sentPaperIds(CONSOLE_CHANNEL)).values());
    expect(first.size).toBe(2);

    await scheduler.tick(new Date('2025-05-13T06:31:00Z'));
    expect(printed).toHaveLength(2);
    const all = await world.store.sentPaperIds(CONSOLE_CHANNEL);
    expect(all.size).toBe(4);
    await scheduler.stop(1_000);
  });
});

describe('the console background', () => {
  it('gives the console digest the same per-card actions as the other platforms', async () => {
    const world = await seedWorld(new Date('2025-05-12T06:00:00Z'));
    await runLine(
      'subscribe diffusion models time:08:30 timezone:Europe/Berlin count:2',
      consoleContext('tester'),
      world.services,
      papersCommands,
    );
    world.clock.advance(31 * 60_000);
    const posted: View[] = [];
    const port: DeliveryPort = {
      platform: 'console',
      async deliver(post) {
        posted.push(post.view);
        return { ok: true, messageIds: [`m${posted.length}`] };
      },
    };
    const config = { digestGraceHours: 6, sources: { enabled: [] } } as unknown as Config;
    // The scheduler ticks once as it starts: the 08:30 digest is due.
    const job = startConsoleBackground(world.services as AppServices, port, config, () => {}, {
      cardActions,
    });
    await until(async () => posted.length > 0, 'the console digest');
    await job.stop();
    const [digest] = posted;
    if (digest?.kind !== 'list') throw new Error('the digest is a list of cards');
    expect(digest.cards).toHaveLength(2);
    for (const card of digest.cards) {
      expect(card.actions).toEqual(cardActions(card));
    }
  });
});
