// Slack escapes what people type in a slash command; Paperboy reads it back before parsing (issue 17).
// The escaped forms follow Slack's "Formatting text for app surfaces" docs (escaping `& < >`, `<url|label>`,
// `<#C123|name>`, `<@U123>`); the command lines themselves are invented edge cases.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSlackText } from '../../../src/platforms/slack/text.js';
import { paper } from '../../digest/fakes.js';
import { type Harness, MEMORY_BARRIER, startRealHarness } from './harness.js';
import { nextTrigger, postSigned, slashBody } from './signed.js';

const catalog = [
  MEMORY_BARRIER,
  paper({
    id: '2410.17244',
    title: 'Automatic mixed precision AMP training at scale',
    abstract: 'AMP amp amp mixed precision for https arxiv org abs.',
    links: { abs: 'https://arxiv.org/abs/2410.17244' },
  }),
  paper({
    id: '2410.17245',
    title: 'Q&A over long documents with retrieval',
    abstract: 'Question answering (Q&A) over long documents.',
    links: { abs: 'https://arxiv.org/abs/2410.17245' },
  }),
];

let h: Harness;
beforeAll(async () => {
  h = await startRealHarness({ catalog });
});
afterAll(async () => {
  await h.close();
});

const text = (res: { json?: unknown }) => JSON.stringify(res.json);

describe('Slack slash-command text is decoded before parsing', () => {
  it('summarises the paper a link typed in angle brackets names', async () => {
    const res = await postSigned(h.events, slashBody('summarize &lt;https://arxiv.org/abs/2410.17243&gt;'));
    expect(text(res)).toContain('Breaking the Memory Barrier');
    expect(text(res)).not.toContain('Automatic mixed precision');
  });

  it('summarises the paper of a link Slack turned into <url|label>', async () => {
    const res = await postSigned(
      h.events,
      slashBody('summarize <https://arxiv.org/abs/2410.17243|arxiv.org/abs/2410.17243>'),
    );
    expect(text(res)).toContain('Breaking the Memory Barrier');
  });

  it('searches for Q&A, not for "amp"', async () => {
    const res = await postSigned(h.events, slashBody('search Q&amp;A long documents'));
    expect(text(res)).toContain('Q&amp;A over long documents');
    expect(text(res)).not.toContain('Automatic mixed precision');
    expect(text(res)).not.toContain('amp;amp;');
  });
});

describe('a recorded slash command from an enterprise install', () => {
  /** bolt-python's recorded body (see test/fixtures/real/README.md) carrying /papers and `text`. */
  function recorded(text: string): string {
    const body = new URLSearchParams(
      readFileSync(
        new URL('../../fixtures/real/slack/slash-command-enterprise.txt', import.meta.url),
        'utf8',
      ),
    );
    body.set('command', '/papers');
    body.set('text', text);
    body.set('trigger_id', nextTrigger());
    return body.toString();
  }

  it('decodes its escaped text too', async () => {
    const res = await postSigned(h.events, recorded('summarize &lt;https://arxiv.org/abs/2410.17243&gt;'));
    expect(res.status).toBe(200);
    expect(text(res)).toContain('Breaking the Memory Barrier');
  });
});

describe('decodeSlackText', () => {
  it('reads links, channels, mentions and entities back as typed', () => {
    expect(decodeSlackText('see <https://x.org/a?b=1&amp;c=2|x.org> in <#C123|papers> for <@U123>')).toBe(
      'see https://x.org/a?b=1&c=2 in #papers for @U123',
    );
    expect(decodeSlackText('<https://arxiv.org/abs/2410.17243>')).toBe('https://arxiv.org/abs/2410.17243');
    expect(decodeSlackText('a &lt;b&gt; &amp;lt; c')).toBe('a <b> &lt; c');
  });
});
