import { describe, expect, it } from 'vitest';
import { PAPERS, papersCommands } from '../../commands/index.js';
import { fakeWorld, member } from '../app/fakes.js';
import { as, run } from './run.js';

describe('/papers help', () => {
  it('lists every typed command with an example', async () => {
    const view = as(await run(await fakeWorld(), '/papers help', member()), 'notice');
    expect(view.fields?.map((f) => f.name.split(' ')[1])).toEqual(
      papersCommands.map((c) => c.name).filter((n) => n !== 'vote'),
    );
    for (const field of view.fields ?? []) expect(field.value).toMatch(/\nExample: \/papers /);
  });

  it('leaves out vote, which the 👍 / 👎 buttons run, but still explains it when asked', async () => {
    const world = await fakeWorld();
    const list = as(await run(world, '/papers help', member()), 'notice');
    expect(list.fields?.map((f) => f.name).some((n) => n.startsWith('/papers vote'))).toBe(false);
    expect(papersCommands.map((c) => c.name)).toContain('vote');
    expect(as(await run(world, '/papers help vote'), 'notice').title).toBe('/papers vote');
  });

  it('is what a bare /papers shows', async () => {
    const view = as(await run(await fakeWorld(), '/papers'), 'notice');
    expect(view.title).toBe('Paperboy: trending research papers');
  });

  it('explains one command with usage, options and examples', async () => {
    const view = as(await run(await fakeWorld(), '/papers help subscribe'), 'notice');
    expect(view.title).toBe('/papers subscribe');
    expect(view.text).toContain('Only people who can manage the channel can use it.');
    expect(view.fields?.map((f) => f.name)).toEqual(['Usage', 'Options', 'Examples']);
    expect(view.fields?.[1]?.value).toContain('• timezone:…: IANA time zone');
    expect(view.fields?.[1]?.value).toContain('• topics — typed as is, or as topics:"…" (required): Topics');
  });

  it('suggests the closest command for a typo', async () => {
    expect(as(await run(await fakeWorld(), '/papers help subscrbe'), 'error').text).toBe(
      'There is no /papers subscrbe. Did you mean subscribe?',
    );
  });
});

describe('command declarations', () => {
  it('fit Discord: lower-case names, descriptions of 1–100 characters, at most 25 options', () => {
    expect(PAPERS.description.length).toBeLessThanOrEqual(100);
    for (const spec of papersCommands) {
      expect(spec.name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
      expect(spec.description.length).toBeGreaterThan(0);
      expect(spec.description.length).toBeLessThanOrEqual(100);
      const options = Object.entries(spec.options);
      expect(options.length).toBeLessThanOrEqual(25);
      for (const [name, option] of options) {
        expect(name).toMatch(/^[-_\p{Ll}\p{N}]{1,32}$/u);
        expect(option.description.length).toBeLessThanOrEqual(100);
      }
      expect(spec.examples.length).toBeGreaterThan(0);
    }
  });

  it('list required options before optional ones, as Discord requires', () => {
    for (const spec of papersCommands) {
      const required = Object.values(spec.options).map((o) => o.required);
      expect(required).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
    }
  });
});
