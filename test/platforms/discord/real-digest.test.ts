import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/catalog/index.js';
import { createDigestPlanner } from '../../../src/digest/planner.js';
import { buildDigestView, fallbackSummary } from '../../../src/digest/view.js';
import { silentLogger } from '../../../src/logger.js';
import { decodeId } from '../../../src/platforms/discord/custom-id.js';
import { createDiscordDelivery } from '../../../src/platforms/discord/delivery.js';
import { renderView } from '../../../src/platforms/discord/render.js';
import { createRest } from '../../../src/platforms/discord/rest.js';
import { createSearchEngine } from '../../../src/search/index.js';
import { type OpenedStore, openStore } from '../../../src/store/index.js';
import { limitBreaches } from './limits-check.js';
import { MockDiscord } from './mock-discord.js';

// The digest a channel really gets from the bundled seed catalog (real search, planner and digest view),
// rendered and posted to the mock Discord.

let mock: MockDiscord;
let store: OpenedStore;
beforeAll(async () => {
  mock = await new MockDiscord().start();
  store = await openStore('sqlite::memory:');
});
afterAll(async () => {
  await mock.stop();
  await store.close();
});

describe('a real digest from the seed catalog on Discord', () => {
  it('posts ten picks as valid messages with one Summarize row per paper', async () => {
    const { papers } = await loadCatalog([]);
    const planner = createDigestPlanner(createSearchEngine(papers));
    const picks = planner.select({
      topics: ['diffusion', 'agents', 'reinforcement learning'],
      exclude: [],
      count: 10,
      sent: new Set(),
      date: '2025-05-09',
    });
    expect(picks.length).toBe(10);
    const summaries = new Map(picks.map((p) => [p.paper.id, fallbackSummary(p.paper)]));
    const view = buildDigestView(
      picks,
      summaries,
      { topics: ['diffusion', 'agents', 'reinforcement learning'], whenEmpty: 'notice' },
      '2025-05-09',
    );
    expect(view?.kind).toBe('list');

    const rendered = renderView(view!);
    const embeds = rendered.messages.flatMap((m) => m.embeds);
    const summarized = rendered.messages
      .flatMap((m) => m.components)
      .map((row) => row.components[0])
      .map((b) => (b && 'custom_id' in b ? decodeId(b.custom_id) : null))
      // Title-slug ids make lines too long for a custom_id: those are kept in the stash, saved before posting.
      .map((d) =>
        d && 'stashKey' in d ? `/papers ${rendered.stash[d.stashKey]}` : d && 'line' in d ? d.line : d,
      );
    expect(summarized).toEqual(picks.map((p) => `/papers summarize ${p.paper.id}`));
    for (const m of rendered.messages) {
      expect(limitBreaches(m)).toEqual([]);
      expect(m.components).toHaveLength(m.embeds.length);
    }
    expect(embeds.every((e) => e.fields?.some((f) => f.name === 'Matches' && f.value.length > 0))).toBe(true);

    const port = createDiscordDelivery({
      rest: createRest({ apiUrl: mock.url, token: 't' }),
      store,
      logger: silentLogger(),
    });
    const result = await port.deliver({
      channel: { platform: 'discord', workspace: '1', channel: '333333333333333333' },
      view: view!,
      nonce: 'AbCdEfGhIjKlMnOp',
    });
    expect(result).toMatchObject({ ok: true, messageIds: expect.any(Array) });
    expect(mock.find('POST', /\/messages$/)).toHaveLength(rendered.messages.length);
    for (const [key, line] of Object.entries(rendered.stash)) {
      expect(await store.getValue('discord-actions', key)).toBe(line);
    }
  });
});
