// The console's card buttons: each list card prints its buttons as words, and typing one runs that button's command.
import { describe, expect, it } from 'vitest';
import { cardActions, papersCommands } from '../../../commands/index.js';
import { runLine } from '../../../src/app/line/run.js';
import type { Paper } from '../../../src/catalog/paper.js';
import type { Config } from '../../../src/config.js';
import { consoleSchedulerDeps } from '../../../src/platforms/console/background.js';
import {
  actionWord,
  cardKeys,
  PAPER_BUTTON_WORDS,
  parsePress,
} from '../../../src/platforms/console/card-keys.js';
import { CONSOLE_CHANNEL, ConsoleDelivery, consoleContext } from '../../../src/platforms/console/channel.js';
import { createConsoleSession } from '../../../src/platforms/console/session.js';
import { createScheduler } from '../../../src/schedule/scheduler.js';
import { seedWorld } from '../../app/fakes.js';

type World = Awaited<ReturnType<typeof seedWorld>>;

function sessionOf(world: World) {
  return createConsoleSession({
    services: world.services,
    commands: papersCommands,
    context: () => consoleContext('tester'),
    render: { color: false, width: 100 },
  });
}

/** The start of each card's button line, in order. */
function ids(text: string): string[] {
  return [...text.matchAll(/→ summarize \d+ · more \d+/g)].map((m) => m[0]);
}

describe('console card buttons', () => {
  it('names every button Discord and Slack show under a card with a word to type', () => {
    const card = { id: '2505.01234', title: 'Diffusion steering with rewards' };
    expect(cardActions(card).map(actionWord)).toEqual([
      'summarize',
      'more',
      'save',
      'up',
      'down',
      'nominate',
    ]);
    expect(cardKeys({ actions: cardActions(card) })).toHaveLength(6);
    expect(parsePress('/papers save #2')).toEqual({ word: 'save', n: 2 });
    expect(parsePress('summarise 4')).toEqual({ word: 'summarize', n: 4 });
    expect(parsePress('search diffusion')).toBeUndefined();
  });

  it('prints each search result’s buttons with its number, on every page', async () => {
    const world = await seedWorld();
    const s = sessionOf(world);
    const first = await s.handle('search diffusion limit:2');
    expect(first.text).toContain('→ summarize 1 · more 1 · save 1 · up 1 · down 1 · nominate 1');
    expect(first.text).toContain('→ summarize 2 · more 2 · save 2 · up 2 · down 2 · nominate 2');
    expect(ids((await s.handle('next')).text)).toEqual(['→ summarize 3 · more 3', '→ summarize 4 · more 4']);
  });

  it('save 2, up 1 and nominate 2 run the buttons’ commands on the SQLite store', async () => {
    const world = await seedWorld();
    const s = sessionOf(world);
    const list = await s.handle('search diffusion limit:2');
    const [one, two] = [...list.text.matchAll(/^\d\. (.+)$/gm)].map((m) => m[1]);
    expect(one && two).toBeTruthy();

    const saved = await s.handle('save 2');
    expect(saved.failed).toBe(false);
    const reading = await world.store.listSaved(CONSOLE_CHANNEL);
    expect(reading.map((r) => world.services.search.get(r.paperId)?.title)).toEqual([
      expect.stringContaining((two as string).slice(0, 30)),
    ]);

    expect((await s.handle('up 1')).failed).toBe(false);
    const votes = await world.store.listVotes(CONSOLE_CHANNEL);
    expect(votes).toHaveLength(1);
    expect(votes[0]?.value).toBe(1);
    expect(world.services.search.get(votes[0]?.paperId as string)?.title).toContain(
      (one as string).slice(0, 30),
    );

    expect((await s.handle('nominate 2')).failed).toBe(false);
    const queue = await runLine('readinggroup', consoleContext('tester'), world.services, papersCommands);
    expect(JSON.stringify(queue)).toContain(reading[0]?.paperId);
  });

  it('more 1 searches for papers like result 1, leaving result 1 out', async () => {
    const world = await seedWorld();
    const s = sessionOf(world);
    const list = await s.handle('search diffusion limit:1');
    const more = await s.handle('more 1');
    expect(more.failed).toBe(false);
    const firstTitle = /^1\. (.+)$/m.exec(list.text)?.[1] as string;
    expect(more.text).not.toContain(`1. ${firstTitle}`);
    expect(more.text).toMatch(/^Papers for “/);
  });

  it('says which numbers the last list has, and how to get a list, for a number it cannot press', async () => {
    const world = await seedWorld();
    const s = sessionOf(world);
    const none = await s.handle('summarize 2');
    expect(none).toMatchObject({ failed: true });
    expect(none.text).toContain('There is no list to pick result 2 from yet.');
    await s.handle('search diffusion limit:2');
    const far = await s.handle('save 9');
    expect(far.failed).toBe(true);
    expect(far.text).toContain('The last list shows results 1–2, not 9.');
    expect(far.text).toContain('or save with a number from the list');
    expect(await world.store.listSaved(CONSOLE_CHANNEL)).toEqual([]);
  });

  it('answers save 2 with no list on screen as summarize 2 does, saving no paper called "2"', async () => {
    const world = await seedWorld();
    const s = sessionOf(world);
    for (const line of ['save 2', 'up 2', 'nominate 2', 'more 2']) {
      const none = await s.handle(line);
      expect(none).toMatchObject({ failed: true });
      expect(none.text).toContain('There is no list to pick result 2 from yet.');
      expect(none.text).toContain(`then: ${line}`);
    }
    expect(await world.store.listSaved(CONSOLE_CHANNEL)).toEqual([]);
  });

  it('answers vote 2 like up 2: no list yet without one, 👍 on result 2 with one, Vote on the queue', async () => {
    const world = await seedWorld();
    const s = sessionOf(world);
    const none = await s.handle('vote 2');
    expect(none).toMatchObject({ failed: true });
    expect(none.text).toContain('There is no list to pick result 2 from yet.');
    expect(none.text).toContain('then: vote 2');
    expect(await world.store.listVotes(CONSOLE_CHANNEL)).toEqual([]);

    const list = await s.handle('search diffusion limit:2');
    const two = [...list.text.matchAll(/^\d\. (.+)$/gm)].map((m) => m[1])[1] as string;
    expect((await s.handle('vote 2')).failed).toBe(false);
    const votes = await world.store.listVotes(CONSOLE_CHANNEL);
    expect(votes).toHaveLength(1);
    expect(votes[0]?.value).toBe(1);
    expect(world.services.search.get(votes[0]?.paperId as string)?.title).toContain(two.slice(0, 30));
    expect((await s.handle('vote 9')).text).toContain('The last list shows results 1–2, not 9.');

    // The reading group queue's cards have a Vote button of their own: vote 1 presses it.
    expect((await s.handle('nominate 2')).failed).toBe(false);
    await s.handle('readinggroup');
    const counted = await s.handle('vote 1');
    expect(counted.text).toContain('Vote counted');
    expect(await world.store.listVotes(CONSOLE_CHANNEL)).toHaveLength(1);
  });

  it('knows every paper button word before any list is shown', () => {
    const card = { id: '2505.01234', title: 'Diffusion steering with rewards' };
    expect(new Set(cardActions(card).map(actionWord))).toEqual(PAPER_BUTTON_WORDS);
  });

  it('a word that is no button of the card runs as typed', async () => {
    const world = await seedWorld();
    const s = sessionOf(world);
    await s.handle('search diffusion limit:2');
    const typed = await s.handle('search 2');
    expect(typed.text).not.toContain('The last list shows');
  });
});

describe('the console digest’s buttons', () => {
  it('save 1 after a scheduled digest saves the digest’s first paper', async () => {
    const world = await seedWorld(new Date('2025-05-12T06:00:00Z'));
    await runLine(
      'subscribe diffusion models time:08:30 timezone:Europe/Berlin count:2',
      consoleContext('tester'),
      world.services,
      papersCommands,
    );
    const s = sessionOf(world);
    const printed: string[] = [];
    const port = new ConsoleDelivery(
      (text) => printed.push(text),
      { color: false },
      (view) => s.shown(view),
    );
    const config: Pick<Config, 'digestGraceHours' | 'summarySources'> = {
      digestGraceHours: 6,
      summarySources: ['builtin'],
    };
    const scheduler = createScheduler(consoleSchedulerDeps(world.services, port, config, { cardActions }));
    await scheduler.tick(new Date('2025-05-12T06:31:00Z'));
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('→ summarize 1 · more 1 · save 1');
    const first = /^1\. (.+)$/m.exec(printed[0] as string)?.[1] as string;

    expect((await s.handle('save 1')).failed).toBe(false);
    const [saved] = await world.store.listSaved(CONSOLE_CHANNEL);
    expect(world.services.search.get(saved?.paperId as string)?.title).toContain(first.slice(0, 30));
    await scheduler.stop(1_000);
  });

  it('gets follow-ups and the configured TL;DR sources, as the chat platforms’ scheduler does', async () => {
    const world = await seedWorld(new Date('2025-05-12T06:00:00Z'));
    await runLine(
      'subscribe diffusion models time:08:30 timezone:Europe/Berlin count:1',
      consoleContext('tester'),
      world.services,
      papersCommands,
    );
    const printed: string[] = [];
    const port = new ConsoleDelivery((text) => printed.push(text), { color: false });
    const config: Pick<Config, 'digestGraceHours' | 'summarySources'> = {
      digestGraceHours: 6,
      summarySources: ['builtin'],
    };
    const deps = consoleSchedulerDeps(world.services, port, config, { cardActions });
    expect(deps.tldrSources).toEqual(['builtin']);
    const scheduler = createScheduler(deps);
    world.clock.advance(31 * 60_000);
    await scheduler.tick();
    expect(printed).toHaveLength(1);
    const [sent] = await world.store.sentPaperIds(CONSOLE_CHANNEL);
    const paper = world.services.search.get(sent as string) as Paper;
    // The catalog refresh brings a new arXiv version; the follow-up pass after the next interval says so.
    const version = (paper.version ?? 1) + 1;
    world.services.search.upsert([{ ...paper, version }]);
    world.clock.advance(16 * 60_000);
    await scheduler.tick();
    world.clock.advance(16 * 60_000);
    await scheduler.tick();
    expect(printed).toHaveLength(2);
    expect(printed.at(-1)).toContain(`New arXiv version (v${version})`);
    await scheduler.stop(1_000);
  });
});
