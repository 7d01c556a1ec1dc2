import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.js';
import { isShardProcess, startDiscordSharded } from '../../../src/platforms/discord/gateway.js';
import { createRest } from '../../../src/platforms/discord/rest.js';
import { MockDiscord } from './mock-discord.js';

let mock: MockDiscord | undefined;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  await mock?.stop();
});

async function until(check: () => boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Discord sharding', () => {
  it('asks DISCORD_API_URL for the shard count and starts one child per shard, each knowing it is a shard', async () => {
    mock = await new MockDiscord().start();
    mock.script('GET', /^\/gateway\/bot$/, {
      status: 200,
      body: {
        url: 'ws://127.0.0.1:1',
        shards: 2,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-shards-'));
    const script = join(dir, 'shard.mjs');
    // Stands in for main.js: records the environment the ShardingManager gave it, reports ready like a shard's Client.
    writeFileSync(
      script,
      `import { writeFileSync } from 'node:fs';
       const e = process.env;
       writeFileSync(${JSON.stringify(dir)} + '/shard-' + e.SHARDS + '.json',
         JSON.stringify({ SHARDS: e.SHARDS, SHARD_COUNT: e.SHARD_COUNT, SHARDING_MANAGER: e.SHARDING_MANAGER, token: e.DISCORD_TOKEN }));
       process.send?.({ _ready: true });
       setInterval(() => {}, 1000);`,
    );
    const sharded = await startDiscordSharded({
      token: 'shard-token',
      script,
      shards: 'auto',
      rest: createRest({ apiUrl: mock.url, token: 'shard-token' }),
      logger: silentLogger(),
      spawnDelayMs: 0,
    });
    stop = sharded.stop;
    expect(mock.find('GET', /^\/gateway\/bot$/)).toHaveLength(1);
    expect(sharded.manager.totalShards).toBe(2);
    await until(() => readdirSync(dir).filter((f) => f.startsWith('shard-')).length === 2);
    const envs = readdirSync(dir)
      .filter((f) => f.startsWith('shard-'))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));
    expect(envs).toEqual([
      { SHARDS: '0', SHARD_COUNT: '2', SHARDING_MANAGER: 'true', token: 'shard-token' },
      { SHARDS: '1', SHARD_COUNT: '2', SHARDING_MANAGER: 'true', token: 'shard-token' },
    ]);
    for (const env of envs) expect(isShardProcess(env)).toBe(true);
    expect(isShardProcess({})).toBe(false);
  });
});
