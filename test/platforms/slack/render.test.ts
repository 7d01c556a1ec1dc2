import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LIMITS, renderView } from '../../../src/platforms/slack/render.js';
import { escapeText, truncateEscaped } from '../../../src/platforms/slack/text.js';
import { limitProblems } from './limits.js';
import { card, hostileCard, views } from './views.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/slack');

function golden(name: string, value: unknown) {
  const file = join(FIXTURES, `${name}.json`);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(FIXTURES, { recursive: true });
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('Slack renderer', () => {
  for (const [name, view] of Object.entries(views)) {
    it(`renders a ${name} view like its golden file, within Block Kit's limits`, () => {
      const messages = renderView(view);
      for (const m of messages) expect(limitProblems(m)).toEqual([]);
      golden(name, messages);
    });
  }

  it('makes <!channel>, user mentions and links in paper text inert', () => {
    const [message] = renderView({ kind: 'list', title: 'Digest <!channel>', cards: [hostileCard] });
    // Slack parses mentions in mrkdwn and in the fallback text; plain_text headers and button values are literal.
    const mrkdwn = JSON.stringify(message, (k, v) =>
      k === 'value' || v?.type === 'plain_text' ? undefined : v,
    );
    expect(mrkdwn).not.toMatch(/<!channel>|<!here>|<!everyone>|<@U123|<!subteam|<https:\/\/evil/);
    expect(mrkdwn).toContain('Attention &lt;!channel&gt; &amp; &lt;@U123|boss&gt;');
    expect(message?.text).toContain('&lt;!channel&gt;');
  });

  it('lets a "Code: <url>" key point give way to the starred Code button, and keeps it without stars', () => {
    const keyPoints = ['Method: fewer steps.', 'Code: https://github.com/example/repo'];
    const links = { ...card(1).links, code: 'https://github.com/example/repo' };
    const starred = { ...card(1), keyPoints, links, stars: 1234 };
    const [message] = renderView({ kind: 'list', title: 'Today’s papers', cards: [starred] });
    const json = JSON.stringify(message?.blocks);
    expect(json.match(/github\.com\/example\/repo/g)).toHaveLength(1);
    expect(json).toContain('"text":"Code ★ 1234"');
    expect(json).toContain('• Method: fewer steps.');
    const [plain] = renderView({
      kind: 'list',
      title: 'Today’s papers',
      cards: [{ ...starred, stars: undefined }],
    });
    expect(JSON.stringify(plain?.blocks)).toContain('• Code: https://github.com/example/repo');
  });

  it('links the title to the abstract and carries command lines in button values', () => {
    const [message] = renderView(views['search-page'] as never);
    const json = JSON.stringify(message);
    expect(json).toContain('*<https://arxiv.org/abs/2505.10001|Diffusion Models for Protein Design 1>*');
    expect(json).toContain('"value":"/papers summarize 2505.10001"');
    expect(json).toContain('"value":"/papers search diffusion page:3"');
    expect(json).toContain('"url":"https://arxiv.org/pdf/2505.10001"');
  });

  it('splits an oversized digest across messages, each within 50 blocks, no paper lost', () => {
    const cards = Array.from({ length: 30 }, (_, i) => card(i));
    const messages = renderView({ kind: 'list', title: 'Today’s papers', cards });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
      expect(limitProblems(m)).toEqual([]);
    }
    const json = JSON.stringify(messages);
    for (const c of cards) expect(json).toContain(`/papers summarize ${c.id}`);
    expect(messages[1]?.text).toContain('(continued)');
  });

  it('cuts huge titles, abstracts and key points to the header and section limits', () => {
    const long = 'word '.repeat(2000);
    const [message] = renderView({
      kind: 'paper',
      card: card(1, { title: long, tldr: long, keyPoints: [long, long] }),
    });
    expect(message && limitProblems(message)).toEqual([]);
    const header = message?.blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    expect(header.text.text.endsWith('…')).toBe(true);
  });

  it('never cuts an escaped entity in half', () => {
    const text = escapeText('a'.repeat(8) + '<<<<');
    expect(truncateEscaped(text, 12)).toBe('aaaaaaaa…');
  });

  it('drops link buttons whose URL is not http(s)', () => {
    const [message] = renderView({
      kind: 'paper',
      card: card(1, { links: { abs: 'javascript:alert(1)', pdf: 'https://arxiv.org/pdf/1' } }),
    });
    const json = JSON.stringify(message);
    expect(json).not.toContain('javascript:');
    expect(json).toContain('"text":"PDF"');
  });

  it('answers errors privately with the usage hint', () => {
    const [message] = renderView({
      kind: 'error',
      text: 'Missing query.',
      hint: 'Usage: /papers search <q>',
    });
    expect(message?.ephemeral).toBe(true);
    expect(JSON.stringify(message)).toContain('Usage: /papers search &lt;q&gt;');
  });
});
