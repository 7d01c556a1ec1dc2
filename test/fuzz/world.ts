// The world fuzz tests run commands in: the real search engine and digest planner over the fake catalog, a
// fake summariser and an in-memory SQLite store, shared by a whole file (fast-check runs hundreds of cases).
import type { Services } from '../../src/app/types.js';
import { createDigestPlanner } from '../../src/digest/planner.js';
import { silentLogger } from '../../src/logger.js';
import { createSearchEngine } from '../../src/search/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { FakeSummarizer, FixedClock, PAPERS } from '../app/fakes.js';

/** Monday 13 May 2024, 10:00 UTC. The caller closes the store. */
export async function fuzzWorld(): Promise<{ services: Services; store: Store }> {
  const clock = new FixedClock(new Date('2024-05-13T10:00:00Z'));
  const store = await openStore('sqlite::memory:', { clock });
  const search = createSearchEngine(PAPERS);
  const services: Services = {
    search,
    summarizer: new FakeSummarizer(),
    digest: createDigestPlanner(search),
    store,
    clock,
    logger: silentLogger(),
  };
  return { services, store };
}
