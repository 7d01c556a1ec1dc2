// Personal pings: a digest names only the members who opted in and whose topics a paper matches, once each.
import { describe, expect, it } from 'vitest';
import { createDeliveryRunner } from '../../src/digest/runner.js';
import { mentionsFor } from '../../src/feedback/pings.js';
import type { NotifySetting } from '../../src/store/types.js';
import { captureLogger, MemoryStore, paper, RecordingPort, WordSearch, wordDigest } from '../digest/fakes.js';

const at = '2025-05-01T00:00:00.000Z';
const setting = (user: string, topics: string[]): NotifySetting => ({ user, topics, updatedAt: at });

describe('who a digest mentions', () => {
  const papers = [
    paper({ id: 'a', title: 'Offline RL at scale', abstract: 'We study offline RL.' }),
    paper({ id: 'b', title: 'Conservative offline RL', abstract: 'More offline RL.' }),
    paper({ id: 'c', title: 'Diffusion for images', abstract: 'Images.' }),
  ];

  it('mentions each member whose topic a paper has, once, and nobody else', () => {
    const settings = [setting('U-rl', ['offline RL']), setting('U-graphs', ['graph neural networks'])];
    expect(mentionsFor(papers, settings)).toEqual(['U-rl']);
  });

  it('matches topics as whole words, so "RL" does not ping on "RLHF"', () => {
    const rlhf = [paper({ id: 'x', title: 'RLHF for chat', abstract: 'RLHF.' })];
    expect(mentionsFor(rlhf, [setting('U1', ['RL'])])).toEqual([]);
  });

  it('mentions nobody when nobody opted in', () => {
    expect(mentionsFor(papers, [])).toEqual([]);
  });
});

describe('the delivered digest', () => {
  it('carries the opted-in member whose topics it matches in its mentions', async () => {
    const store = new MemoryStore();
    const catalog = [
      paper({ id: 'p1', title: 'Diffusion for offline RL', abstract: 'diffusion', listed: '2025-05-01' }),
      paper({ id: 'p2', title: 'Diffusion for images', abstract: 'diffusion', listed: '2025-05-01' }),
    ];
    const search = new WordSearch(catalog);
    const port = new RecordingPort('discord');
    const runner = createDeliveryRunner({
      store,
      ...wordDigest(search),
      ports: [port],
      logger: captureLogger().logger,
    });
    const channel = store.addChannel(
      { platform: 'discord', workspace: 'w', channel: 'c' },
      { topics: ['diffusion'], count: 2 },
    );
    await store.setNotify(channel, 'U-rl', ['offline RL']);
    await store.setNotify(channel, 'U-audio', ['audio']);
    expect(await runner.run({ channel, slot: '2025-05-09' })).toBe('sent');
    const view = port.calls[0]?.view;
    expect(view?.kind === 'list' && view.mentions).toEqual(['U-rl']);
  });
});
