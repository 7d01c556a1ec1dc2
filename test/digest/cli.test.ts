import { describe, expect, it } from 'vitest';
import { type DigestCliDeps, digestCommand } from '../../src/cli/digest.js';
import { type CliIO, UsageError } from '../../src/cli/kit.js';
import { FakeClock } from '../support/fake-clock.js';
import { echoSummarizer, MemoryStore, paper, WordSearch } from './fakes.js';

const papers = [
  ...Array.from({ length: 6 }, (_, i) =>
    paper({
      id: `d${i}`,
      title: `Diffusion trick ${i}`,
      abstract: 'diffusion',
      listed: '2025-05-01',
      trending: { rank: i + 1 },
    }),
  ),
  ...Array.from({ length: 3 }, (_, i) =>
    paper({
      id: `r${i}`,
      title: `RLHF lesson ${i}`,
      abstract: 'rlhf',
      listed: '2025-05-01',
      trending: { rank: 20 + i },
    }),
  ),
  paper({
    id: 'survey',
    title: 'A diffusion survey',
    abstract: 'diffusion',
    listed: '2025-05-01',
    trending: { rank: 1 },
  }),
];

function setup() {
  const store = new MemoryStore();
  let opened = 0;
  let closed = 0;
  store.close = async () => {
    closed++;
  };
  const deps: DigestCliDeps = {
    loadSearch: async () => new WordSearch(papers),
    openStore: async (_io, required) => {
      if (!required) return undefined;
      opened++;
      return store;
    },
    summarizer: () => echoSummarizer,
    clock: new FakeClock('2025-05-08T12:00:00Z'),
  };
  const out: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: () => {}, env: {} };
  const command = digestCommand(deps);
  return {
    store,
    out,
    stores: () => ({ opened, closed }),
    run: async (...args: string[]) => {
      out.length = 0;
      const code = await command.run(args, io);
      return { code, text: out.join('') };
    },
  };
}

describe('paperboy digest', () => {
  it('prints the selection as JSON with id, title, TL;DR and reason', async () => {
    const cli = setup();
    const { code, text } = await cli.run('--topics', 'diffusion; rlhf', '--count', '4', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(text);
    expect(json.channel).toBeNull();
    expect(json.date).toBe('2025-05-08');
    expect(json.papers).toHaveLength(4);
    expect(json.papers[0]).toEqual({
      id: expect.any(String),
      title: expect.any(String),
      tldr: expect.stringMatching(/^TL;DR of /),
      reason: expect.stringMatching(/^matches: /),
    });
    const reasons = json.papers.map((p: { reason: string }) => p.reason);
    expect(reasons).toContain('matches: rlhf');
    expect(reasons).toContain('matches: diffusion');
    expect(cli.stores().opened).toBe(0);
  });

  it('prints a readable preview, honouring exclude words', async () => {
    const cli = setup();
    const { text } = await cli.run(
      '--topics',
      'diffusion',
      '--exclude',
      'survey',
      '--count',
      '2',
      '--date',
      '2025-05-08',
    );
    expect(text).toContain('Digest · Thu 8 May 2025');
    expect(text).toContain('1. Diffusion trick 0 [d0]');
    expect(text).toContain('   matches: diffusion');
    expect(text).not.toContain('survey');
  });

  it('never repeats a paper across two committed runs for a channel', async () => {
    const cli = setup();
    const args = ['--topics', 'diffusion', '--channel', 'slack:T1:C1', '--count', '3', '--commit', '--json'];
    const first = JSON.parse((await cli.run(...args)).text);
    const second = JSON.parse((await cli.run(...args)).text);
    expect(first.channel).toBe('slack:T1:C1');
    const ids = [...first.papers, ...second.papers].map((p: { id: string }) => p.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(cli.stores()).toEqual({ opened: 2, closed: 2 });
    // Preview without --commit changes nothing.
    const preview = JSON.parse(
      (await cli.run('--topics', 'diffusion', '--channel', 'slack:T1:C1', '--json')).text,
    );
    const again = JSON.parse(
      (await cli.run('--topics', 'diffusion', '--channel', 'slack:T1:C1', '--json')).text,
    );
    expect(preview.papers).toEqual(again.papers);
  });

  it("uses the channel's own topics, count and time zone when none are given", async () => {
    const cli = setup();
    cli.store.addChannel(
      { platform: 'discord', workspace: 'G', channel: 'C' },
      { topics: ['rlhf'], count: 2, timezone: 'Pacific/Kiritimati' },
    );
    const json = JSON.parse((await cli.run('--channel', 'discord:G:C', '--json')).text);
    expect(json.papers.map((p: { id: string }) => p.id)).toEqual(['r0', 'r1']);
    // 12:00Z on the 8th is already the 9th in Kiritimati (UTC+14).
    expect(json.date).toBe('2025-05-09');
  });

  it("previews a weekly channel's round-up: only the week ending on the date", async () => {
    const cli = setup();
    cli.store.addChannel(
      { platform: 'discord', workspace: 'G', channel: 'W' },
      { topics: ['rlhf'], count: 3, cadence: 'weekly', weeklyDay: 'fri' },
    );
    const week = JSON.parse(
      (await cli.run('--channel', 'discord:G:W', '--date', '2025-05-07', '--json')).text,
    );
    expect(week.papers.map((p: { id: string }) => p.id)).toEqual(['r0', 'r1', 'r2']);
    // Papers listed on 1 May are not of the week ending 8 May (2–8 May).
    const later = await cli.run('--channel', 'discord:G:W');
    expect(later.text).toContain('Nothing new on rlhf this week.');
  });

  it('says nothing is new in one line instead of printing an empty digest', async () => {
    const cli = setup();
    const { text } = await cli.run('--topics', 'quantum');
    expect(text).toContain('Nothing new on quantum today.');
  });

  it('refuses bad input with a one-line fix', async () => {
    const cli = setup();
    await expect(cli.run()).rejects.toThrow(/--topics/);
    await expect(cli.run('--topics', 'x', '--channel', 'C123')).rejects.toThrow(/PLATFORM:WORKSPACE:CHANNEL/);
    await expect(cli.run('--topics', 'x', '--commit')).rejects.toThrow(/--commit needs --channel/);
    await expect(cli.run('--topics', 'x', '--date', '2025-02-30')).rejects.toThrow(UsageError);
    await expect(cli.run('--topics', 'x', '--count', '0')).rejects.toThrow(/--count must be/);
  });
});
