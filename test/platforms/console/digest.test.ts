// The console channel's daily digest through the real scheduler and delivery runner.
import { describe, expect, it } from 'vitest';
import { papersCommands } from '../../../commands/index.js';
import { runLine } from '../../../src/app/line/run.js';
import { CONSOLE_CHANNEL, ConsoleDelivery, consoleContext } from '../../../src/platforms/console/channel.js';
import { createScheduler } from '../../../src/schedule/scheduler.js';
import { seedWorld } from '../../app/fakes.js';

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
