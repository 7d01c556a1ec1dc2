// Every command through the console, on the bundled seed catalog with the real search engine, planner and store.
import { describe, expect, it } from 'vitest';
import { papersCommands } from '../../commands/index.js';
import { CONSOLE_CHANNEL, consoleContext } from '../../src/platforms/console/channel.js';
import { createConsoleSession } from '../../src/platforms/console/session.js';
import { seedWorld } from '../app/fakes.js';

async function console_() {
  const world = await seedWorld();
  const session = createConsoleSession({
    services: world.services,
    commands: papersCommands,
    context: () => consoleContext('tester'),
    render: { color: false, width: 100 },
  });
  return { world, run: (line: string) => session.handle(line) };
}

describe('the console on the seed catalog', () => {
  it('searches, pages and summarises', async () => {
    const { run } = await console_();
    const search = await run('/papers search reinforcement learning limit:3');
    expect(search.failed).toBe(false);
    expect(search.text).toMatch(/Papers for “reinforcement learning” · page 1 of \d+ · \d+ papers/);
    expect(search.text).toContain('→ Next: /papers search reinforcement learning limit:3 page:2');
    const next = await run('next');
    expect(next.text).toContain('page 2 of');

    const paper = await run('summarize stop regressing');
    expect(paper.failed).toBe(false);
    expect(paper.text).toMatch(
      /^Stop Regressing: Training Value Functions via Classification for Scalable Deep RL/,
    );
    expect(paper.text).toContain('TL;DR');
  });

  it('runs every example the help gives for reading commands, on the bundled catalog', async () => {
    const { run } = await console_();
    const reading = papersCommands.filter((c) => ['search', 'summarize', 'digest', 'help'].includes(c.name));
    expect(reading).toHaveLength(4);
    for (const spec of reading) {
      for (const example of spec.examples) {
        const result = await run(example);
        expect({ example, failed: result.failed }).toEqual({ example, failed: false });
        expect(result.text).not.toMatch(/could not find|no papers match/i);
      }
    }
  });

  it('suggests close titles for a paper it cannot find', async () => {
    const { run } = await console_();
    const result = await run('summarize 9999.99999');
    expect(result.failed).toBe(true);
    expect(result.text).toContain('I could not find a paper matching “9999.99999”.');
  });

  it('subscribes the console channel, previews its digest, changes settings and unsubscribes', async () => {
    const { world, run } = await console_();
    const subscribed = await run(
      'subscribe diffusion models; reward hacking time:08:30 timezone:Europe/Berlin count:3',
    );
    expect(subscribed.text).toContain('Subscribed to “diffusion models” and “reward hacking”.');
    expect(subscribed.text).toContain('Next digest  Tue 13 May, 08:30 Europe/Berlin (in 20 h 30 min)');

    const digest = await run('digest');
    expect(digest.failed).toBe(false);
    expect(digest.text).toMatch(/Digest preview: “diffusion models” and “reward hacking” · [1-3] papers?/);
    // Nobody else reads the console: no Share button there.
    expect(digest.text).not.toContain('Share to channel');
    expect(await world.store.listDeliveries(CONSOLE_CHANNEL)).toEqual([]);

    const settings = await run('settings days:weekdays exclude:survey');
    expect(settings.text).toContain('Changed days daily → weekdays, exclude none → survey.');
    expect(await world.store.getChannel(CONSOLE_CHANNEL)).toMatchObject({
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      exclude: ['survey'],
    });

    const gone = await run('unsubscribe');
    expect(gone.text).toContain('This channel gets no digests now.');
  });

  it('previews topics given inline without a subscription', async () => {
    const { run } = await console_();
    const result = await run('/papers digest value functions');
    expect(result.failed).toBe(false);
    expect(result.text).toContain('Digest preview: “value functions”');
  });

  it('answers help and bad input politely', async () => {
    const { run } = await console_();
    expect((await run('help')).text).toContain('Paperboy: trending research papers');
    const bad = await run('/papers subscribe rl count:99');
    expect(bad.failed).toBe(true);
    expect(bad.text).toContain('✗ Count must be at most 10.');
    expect(bad.text).toContain('Usage: /papers subscribe <topics>');
  });
});
