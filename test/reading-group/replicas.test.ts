// Two replicas on one PostgreSQL database post each reading group announcement and reminder exactly once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/paper.js';
import { silentLogger } from '../../src/logger.js';
import { createReadingGroupJobs } from '../../src/reading-group/jobs.js';
import { type ChannelKey, type OpenedStore, openStore } from '../../src/store/index.js';
import { createSummarizer } from '../../src/summarize/index.js';
import { RecordingPort } from '../digest/fakes.js';
import { FakeClock } from '../support/fake-clock.js';
import { paper } from '../support/paper.js';
import { createTestDatabase, describeWithPostgres } from '../support/postgres.js';

const MINUTE = 60_000;
const channels: ChannelKey[] = Array.from({ length: 8 }, (_, i) => ({
  platform: 'slack',
  workspace: 'T1',
  channel: `C${i}`,
}));
const papers = new Map<string, Paper>(
  Array.from({ length: 4 }, (_, i) => {
    const id = `2603.2000${i}`;
    return [id, paper({ id, title: `Reading paper ${i}`, abstract: 'We study reading. It helps.' })];
  }),
);

describeWithPostgres('reading group posts with two replicas on PostgreSQL', () => {
  let stores: OpenedStore[] = [];
  const clock = new FakeClock('2026-03-23T08:00:00Z');

  beforeAll(async () => {
    const url = await createTestDatabase('reading-group');
    stores = [await openStore(url, { clock }), await openStore(url, { clock })];
    const [store] = stores;
    for (const key of channels) {
      await store!.setReadingGroup(key, { day: 'thu', time: '15:00', timezone: 'Europe/Berlin' }, 'ada');
      for (const id of papers.keys()) await store!.nominate(key, id, 'ada');
      await store!.joinRotation(key, 'U-ada', 'Ada');
    }
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it('posts each channel’s announcement and reminder once, whichever replica gets there', async () => {
    // One platform: both replicas post through it, as two processes would through Slack's API.
    const port = new RecordingPort('slack');
    const replicas = stores.map((store, i) =>
      createReadingGroupJobs({
        store,
        papers,
        summarizer: createSummarizer({ llm: null, cache: store }),
        ports: [port],
        clock,
        logger: silentLogger(),
        owner: `replica-${i}`,
      }),
    );
    clock.set('2026-03-25T13:55:00Z');
    while (clock.now().getTime() < Date.parse('2026-03-26T14:30:00Z')) {
      clock.advance(5 * MINUTE);
      await Promise.all(replicas.map((r) => r.tick()));
    }
    for (const key of channels) {
      const shown = port.shownIn(`slack:T1:${key.channel}`).map((p) => JSON.stringify(p.view));
      expect(shown).toHaveLength(2);
      expect(shown[0]).toContain('Tomorrow’s paper');
      expect(shown[1]).toContain('Reading group in an hour');
    }
    // Nothing was even attempted twice: the claims kept the second replica off.
    expect(port.calls).toHaveLength(2 * channels.length);
    expect(await stores[0]!.listNominations(channels[0]!)).toHaveLength(papers.size - 1);
  });
});
