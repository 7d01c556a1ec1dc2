import { describe, expect, it } from 'vitest';
import { colorSetting } from '../../../src/config.js';
import { colorEnabled, inert, renderView, wrap } from '../../../src/platforms/console/render.js';
import type { View } from '../../../src/views/types.js';
import { CHANNEL, fakeWorld } from '../../app/fakes.js';
import { run } from '../../commands/run.js';

async function golden(line: string, setup?: (world: Awaited<ReturnType<typeof fakeWorld>>) => Promise<void>) {
  const world = await fakeWorld(new Date('2024-05-13T10:00:00Z'));
  await setup?.(world);
  return renderView(await run(world, line), { color: false, width: 80 });
}

describe('console renderer (golden, no colour)', () => {
  it('renders search results with paging', async () => {
    await expect(await golden('/papers search rl limit:1')).toMatchFileSnapshot('golden/search.txt');
  });

  it('renders one paper', async () => {
    await expect(await golden('/papers summarize 2405.04233')).toMatchFileSnapshot('golden/summarize.txt');
  });

  it('renders a digest preview', async () => {
    const text = await golden('/papers digest', async (w) => {
      await w.store.updateChannel(CHANNEL, { topics: ['reinforcement', 'diffusion'] }, 'ada');
    });
    await expect(text).toMatchFileSnapshot('golden/digest.txt');
  });

  it('renders settings as aligned fields', async () => {
    const text = await golden(
      '/papers subscribe topics:"diffusion models; reward hacking" time:08:30 timezone:Europe/Berlin',
    );
    await expect(text).toMatchFileSnapshot('golden/subscribe.txt');
  });

  it('renders an error with its hint', async () => {
    await expect(await golden('/papers subscribe rl time:25:00')).toMatchFileSnapshot('golden/error.txt');
  });

  it('renders help', async () => {
    await expect(await golden('/papers help')).toMatchFileSnapshot('golden/help.txt');
  });
});

describe('console renderer', () => {
  const view: View = { kind: 'error', text: 'Nope', hint: 'Try again' };

  it('colours only when asked', () => {
    expect(renderView(view, { color: false })).not.toContain('\x1b[');
    expect(renderView(view, { color: true })).toContain('\x1b[31m✗ Nope\x1b[39m');
  });

  it('respects NO_COLOR, then FORCE_COLOR, then the terminal', () => {
    const colour = (isTTY: boolean, env: NodeJS.ProcessEnv) => colorEnabled({ isTTY }, colorSetting(env));
    expect(colour(true, { NO_COLOR: '1', FORCE_COLOR: '1' })).toBe(false);
    expect(colour(true, { NO_COLOR: '' })).toBe(true);
    expect(colour(false, { FORCE_COLOR: '1' })).toBe(true);
    expect(colour(false, { FORCE_COLOR: '0' })).toBe(false);
    expect(colour(false, {})).toBe(false);
    expect(colour(true, { TERM: 'dumb' })).toBe(false);
    expect(colour(true, { TERM: 'dumb', FORCE_COLOR: '1' })).toBe(true);
  });

  it('makes escape sequences in paper text inert', () => {
    const evil: View = { kind: 'notice', title: 'Title\x1b[2J\x1b]0;pwned\x07', text: 'a\x1b[31mred\rb' };
    const text = renderView(evil);
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f]/);
    expect(inert('x\x1b[1;31my')).toBe('xy');
  });

  it('wraps at the width and keeps long URLs whole', () => {
    const lines = wrap(`see https://example.org/${'x'.repeat(90)} for more words here`, 40, '  ');
    expect(lines[0]).toBe('  see');
    expect(lines[1]).toMatch(/^ {2}https:\/\/example\.org\/x+$/);
    for (const line of lines.slice(2)) expect(line.length).toBeLessThanOrEqual(40);
  });
});
