// Test runner configuration: node environment, tests under test/.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // One throwaway PostgreSQL per run, started only if a test asks (test/support/postgres.ts).
    globalSetup: ['test/support/postgres-server.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Test files share a worker's modules instead of each importing src/ (and zod, pino, discord.js…) afresh:
    // on two cores that import was most of the run (per-file import 29 s of 71 s on 38 files; whole suite
    // 10.6 → 3.1 min). Tests hand their code fakes (clock, store, platform) rather than patching modules or
    // globals, so nothing a file does reaches the next; vi.useFakeTimers() is undone in afterEach. What a file
    // opens it closes (a Discord gateway that never became ready included: closable-shards.ts), and Discord's
    // uploads no longer depend on which chat SDK a worker loaded first (rest.ts, sdk-order.test.ts).
    isolate: false,
  },
});
