import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { STASH_NAMESPACE } from '../../../src/platforms/discord/custom-id.js';
import { pruneStash } from '../../../src/platforms/discord/stash-cleanup.js';
import { openStore } from '../../../src/store/index.js';
import { FakeClock } from '../../support/fake-clock.js';

describe('stashed button lines', () => {
  it('expire a week after they were last stashed', async () => {
    const clock = new FakeClock('2026-03-02T08:00:00Z');
    const store = await openStore('sqlite::memory:', { clock });
    try {
      await store.setValue(STASH_NAMESPACE, 'a', 'search an old long query page:2');
      clock.advance(6 * 24 * 3_600_000);
      await store.setValue(STASH_NAMESPACE, 'b', 'search a newer long query page:2');
      expect(await pruneStash({ store, clock, logger: silentLogger() })).toBe(0);
      clock.advance(2 * 24 * 3_600_000);
      expect(await pruneStash({ store, clock, logger: silentLogger() })).toBe(1);
      expect(await store.getValue(STASH_NAMESPACE, 'a')).toBeUndefined();
      expect(await store.getValue(STASH_NAMESPACE, 'b')).toBe('search a newer long query page:2');
    } finally {
      await store.close();
    }
  });
});
