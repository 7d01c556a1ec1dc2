// Golden console sessions on the bundled seed: paging, summarise-by-number and error messages, as a person sees them.
import { describe, expect, it } from 'vitest';
import { papersCommands } from '../../../commands/index.js';
import { consoleContext } from '../../../src/platforms/console/channel.js';
import { renderView } from '../../../src/platforms/console/render.js';
import { createConsoleSession } from '../../../src/platforms/console/session.js';
import { seedWorld } from '../../app/fakes.js';

/** Runs the lines in one session and returns the transcript: each prompt and line, then the reply. */
async function transcript(lines: string[], width = 80): Promise<{ text: string; failed: boolean[] }> {
  const world = await seedWorld();
  const session = createConsoleSession({
    services: world.services,
    commands: papersCommands,
    context: () => consoleContext('tester'),
    render: { color: false, width },
  });
  const out: string[] = [];
  const failed: boolean[] = [];
  for (const line of lines) {
    const result = await session.handle(line);
    failed.push(result.failed);
    out.push(`papers> ${line}`, result.text, '');
  }
  return { text: out.join('\n'), failed };
}

describe('golden console sessions', () => {
  it('paging numbers results on across pages, and cuts a long query in the paging line', async () => {
    const { text, failed } = await transcript([
      'search reward hacking limit:2',
      'next',
      'next',
      'prev',
      'search reinforcement learning for language model reasoning with verifiable rewards limit:1',
    ]);
    expect(failed).toEqual([false, false, false, false, false]);
    expect(text).toMatch(/page 2 of \d+[^\n]*\n\n3\. /);
    await expect(text).toMatchFileSnapshot('golden/session-paging.txt');
  });

  it('summarize N summarises result N of the last list, on any page', async () => {
    const { text, failed } = await transcript([
      'search diffusion limit:2',
      'summarize 2',
      'next',
      'summarize 3',
      'summarise #4',
    ]);
    expect(failed).toEqual([false, false, false, false, false]);
    await expect(text).toMatchFileSnapshot('golden/session-summarize-number.txt');
  });

  it('errors are one capitalised sentence each, with what to do next', async () => {
    const { text, failed } = await transcript(
      [
        'summarize 2',
        'search',
        'subscribe',
        'search zzzzqqq',
        'search diffusion limit:2',
        'summarize 9',
        'subscribe rl timezone:EST',
        'subscribe rl timezone:America/New York',
        'frobnicate',
        'next',
        // Wide enough that each message is one line, to check it is one sentence.
      ],
      200,
    );
    expect(failed).toEqual([true, true, true, false, false, true, true, true, true, false]);
    for (const block of text.split('\n\n')) {
      const error = /^✗ (.*)$/m.exec(block)?.[1];
      if (error) expect(error).toMatch(/^[A-Z“"][^\n]*[.?]\)?$/);
    }
    await expect(text).toMatchFileSnapshot('golden/session-errors.txt');
  });
});

describe('a delivered console digest', () => {
  it('shows the code link of a paper with no abstract page, as its preview did', () => {
    const text = renderView({
      kind: 'list',
      title: 'Paper digest · Fri 9 May 2025',
      cards: [
        {
          id: 'svdd',
          title: 'Derivative-Free Guidance',
          tldr: 'Guidance without gradients.',
          keyPoints: [],
          authors: [],
          links: { code: 'https://github.com/masa-ue/SVDD' },
          source: 'hf-trending',
        },
      ],
    });
    expect(text).toContain('   https://github.com/masa-ue/SVDD');
  });
});
