// Personal pings on the wire: a digest mentions exactly the members who opted in, never roles or everyone.
import { describe, expect, it } from 'vitest';
import { renderView as renderDiscord } from '../../src/platforms/discord/render.js';
import { renderView as renderSlack } from '../../src/platforms/slack/render.js';
import { paperCard } from '../../src/views/paper-card.js';
import type { View } from '../../src/views/types.js';
import { paper } from '../support/paper.js';

const card = paperCard(paper({ id: '2405.04233', title: 'Offline RL at scale', abstract: 'Offline RL.' }), {
  tldr: 'Offline RL works.',
  keyPoints: [],
  by: 'builtin',
});

function digest(mentions?: string[]): View {
  return {
    kind: 'list',
    title: 'Paper digest · Fri 9 May 2025',
    intro: '1 new paper on offline RL.',
    cards: [card],
    ...(mentions ? { mentions } : {}),
  };
}

describe('Discord digest pings', () => {
  it('names only the opted-in member in content and allowed_mentions', () => {
    const [first, ...rest] = renderDiscord(digest(['123456789012345678'])).messages;
    expect(first?.content?.startsWith('<@123456789012345678> ')).toBe(true);
    expect(first?.allowed_mentions).toEqual({ parse: [], users: ['123456789012345678'] });
    for (const m of rest) expect(m.allowed_mentions).toEqual({ parse: [] });
  });

  it('allows no mention at all when nobody opted in, nor for an id that is not a user id', () => {
    for (const view of [digest(), digest(['@everyone'])]) {
      const { messages } = renderDiscord(view);
      expect(messages.map((m) => m.allowed_mentions)).toEqual(messages.map(() => ({ parse: [] })));
      expect(messages[0]?.content ?? '').not.toContain('<@');
    }
  });
});

describe('Slack digest pings', () => {
  it('names the opted-in member once, by id', () => {
    const [first] = renderSlack(digest(['U0123ABC']));
    const text = JSON.stringify(first?.blocks);
    expect(text.match(/<@U0123ABC>/g)).toHaveLength(1);
    expect(text).not.toMatch(/<!channel>|<!here>|<!everyone>/);
  });

  it('names nobody without opt-ins, and drops anything that is not a user id', () => {
    for (const view of [digest(), digest(['<!channel>'])]) {
      expect(JSON.stringify(renderSlack(view)[0]?.blocks)).not.toMatch(/<@|<!channel>/);
    }
  });
});
