// Gateway mode: a discord.js Client (Guilds intent only) feeding INTERACTION_CREATE to the shared core, forgetting
// deleted channels and left guilds, and sharding.
import {
  Client,
  DiscordAPIError,
  GatewayDispatchEvents,
  GatewayIntentBits,
  type REST,
  Routes,
  ShardingManager,
} from 'discord.js';
import type { Logger } from 'pino';
import { type ForgettingStore, forgetDeletedChannel, forgetWorkspace } from '../../app/channel-gone.js';
import { ClosableShardingStrategy } from './closable-shards.js';
import type { InteractionCore } from './interaction-core.js';
import { makeRequest } from './rest.js';

export interface GatewayOptions {
  token: string;
  apiUrl: string;
  core: InteractionCore;
  /** Sends interaction callbacks (shared with everything else, so rate limits are tracked in one place). */
  rest: REST;
  logger: Logger;
  /** Forgets a channel when Discord deletes it, and a guild's channels when the bot leaves it. */
  store?: ForgettingStore;
  /** Give up when READY has not arrived by then (default 2 min: big bots wait for many guilds). */
  readyTimeoutMs?: number;
}

/** Explains the usual login failures in words that say what to do. */
function loginProblem(error: unknown): Error {
  const text = error instanceof Error ? error.message : String(error);
  if (/token/i.test(text)) {
    return new Error(
      'Discord refused DISCORD_TOKEN: copy a fresh one from https://discord.com/developers/applications → your app → Bot → Reset Token',
    );
  }
  return new Error(`Could not connect to the Discord gateway: ${text}`);
}

/**
 * Connects to the gateway and answers interactions through the core. Within a ShardingManager child, discord.js
 * picks its shard ids from the environment the manager set.
 */
export async function startGateway(
  options: GatewayOptions,
): Promise<{ client: Client; stop(): Promise<void> }> {
  const { core, rest, logger } = options;
  let shards: ClosableShardingStrategy | undefined;
  const client = new Client({
    // Slash commands and buttons need no privileged intent; Guilds keeps the channel cache coherent.
    intents: [GatewayIntentBits.Guilds],
    rest: { api: options.apiUrl, version: '10', makeRequest },
    allowedMentions: { parse: [] },
    ws: {
      buildStrategy: (manager) => {
        shards = new ClosableShardingStrategy(manager);
        return shards;
      },
    },
  });
  /** Closes the shards first: Client.destroy() alone can leave one reconnecting (see closable-shards.ts). */
  const close = async () => {
    await shards?.close();
    await client.destroy();
  };
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: unknown) => {
    void (async () => {
      const reply = await core.handle(data);
      const i = data as { id?: string; token?: string };
      if (!i.id || !i.token) return;
      try {
        await rest.post(Routes.interactionCallback(i.id, i.token), { body: reply.body, auth: false });
        core.runAfter(reply);
      } catch (error) {
        logger.warn({ err: error, interaction: i.id }, 'discord interaction callback failed');
      }
    })();
  });
  if (options.store) forgetWhatGoes(client, options.store, logger);
  client.on('error', (error) => logger.error({ err: error }, 'discord client error'));
  client.on('warn', (message) => logger.warn({ message }, 'discord client warning'));
  client.on('shardDisconnect', (event, shard) =>
    logger.warn({ code: event.code, shard }, 'discord shard disconnected'),
  );
  client.on('shardResume', (shard) => logger.info({ shard }, 'discord shard resumed'));
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  // login() itself waits for the shards to connect, so the deadline covers both.
  const connected = client.login(options.token).then(
    () => ready.then(() => 'ready' as const),
    (error: unknown) => ({ error }),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), options.readyTimeoutMs ?? 120_000);
  });
  const outcome = await Promise.race([connected, late]);
  clearTimeout(timer);
  if (outcome !== 'ready') {
    // Everything this opened is closed before the failure is reported, so nothing redials a gateway given up on.
    await close();
    if (outcome === 'late') {
      throw new Error(
        'The Discord gateway did not become ready in time: check the network and DISCORD_API_URL',
      );
    }
    throw loginProblem(outcome.error);
  }
  logger.info(
    { user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.ws.shards.size },
    'discord gateway ready',
  );
  return {
    client,
    stop: close,
  };
}

/** Uncached stored channels of a guild one CHANNEL_DELETE asks Discord about, at most (see forgetWhatGoes). */
export const CHECKS_PER_DELETE = 10;

/** Discord's code for "Unknown Channel": the channel is gone (deleted, or with the channel it was a thread of). */
const UNKNOWN_CHANNEL = 10003;

/** Whether Discord says the channel no longer exists; any other answer or failure keeps it. */
async function channelGone(client: Client, id: string, logger: Logger): Promise<boolean> {
  try {
    await client.rest.get(Routes.channel(id));
    return false;
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === UNKNOWN_CHANNEL) return true;
    logger.warn({ err: error, channel: id }, 'discord channel delete: could not check a stored channel');
    return false;
  }
}

/**
 * CHANNEL_DELETE (a channel object) and THREAD_DELETE (id, guild_id, parent_id, type) forget that channel or
 * thread. Discord sends no THREAD_DELETE for the threads of a deleted channel: those go with it, the active ones
 * read from the cache, and any other stored channel of the guild the cache does not show (an archived thread) is
 * forgotten when Discord answers that it no longer exists. GUILD_DELETE (an unavailable guild object) without
 * `unavailable` means the bot was removed from the guild, so every channel stored for it goes. With
 * `unavailable: true` the guild is only down for an outage and comes back: nothing is forgotten.
 */
function forgetWhatGoes(client: Client, store: ForgettingStore, logger: Logger): void {
  /**
   * Per guild, the stored channel the last CHANNEL_DELETE checked last. Each delete asks Discord about at most
   * CHECKS_PER_DELETE uncached channels (one REST call each), going on from there and around: a server with
   * hundreds of stored archived threads costs a few calls per delete, never hundreds, and the rest are looked at
   * on the following deletes. No sweep runs between deletes: a channel left over until then is only unused rows.
   */
  const lastChecked = new Map<string, string>();
  const nextChecks = <C extends { channel: string }>(guild: string, unseen: C[]): C[] => {
    if (unseen.length <= CHECKS_PER_DELETE) {
      lastChecked.delete(guild);
      return unseen;
    }
    const after = lastChecked.get(guild);
    const start = after === undefined ? 0 : unseen.findIndex((c) => c.channel > after);
    const from = Math.max(start, 0);
    const batch = [...unseen.slice(from), ...unseen.slice(0, from)].slice(0, CHECKS_PER_DELETE);
    lastChecked.set(guild, batch[batch.length - 1]!.channel);
    return batch;
  };
  const guarded = (what: string, work: () => Promise<unknown>) => {
    work().catch((error: unknown) => logger.error({ err: error }, `discord ${what}: forgetting failed`));
  };
  // A thread can be subscribed like a channel; THREAD_DELETE carries its id and guild_id as CHANNEL_DELETE does.
  const forgetChannel = (event: 'CHANNEL_DELETE' | 'THREAD_DELETE', what: string) => {
    return (data: { id?: unknown; guild_id?: unknown }) => {
      if (typeof data.id !== 'string' || typeof data.guild_id !== 'string') return;
      const key = { platform: 'discord' as const, workspace: data.guild_id, channel: data.id };
      guarded(what, () => forgetDeletedChannel(store, key, event, logger));
    };
  };
  client.ws.on(GatewayDispatchEvents.ChannelDelete, (data: { id?: unknown; guild_id?: unknown }) => {
    if (typeof data.id !== 'string' || typeof data.guild_id !== 'string') return;
    const { id, guild_id: guild } = data;
    const key = (channel: string) => ({ platform: 'discord' as const, workspace: guild, channel });
    // Read now: this listener runs before discord.js handles the event, which drops the channel's threads.
    const cached = [...(client.guilds.cache.get(guild)?.channels.cache.values() ?? [])];
    const threads = new Set(cached.filter((c) => c.isThread() && c.parentId === id).map((c) => c.id));
    const alive = new Set(cached.map((c) => c.id).filter((c) => c !== id && !threads.has(c)));
    guarded('channel delete', async () => {
      await forgetDeletedChannel(store, key(id), 'CHANNEL_DELETE', logger);
      for (const thread of threads) {
        await forgetDeletedChannel(store, key(thread), 'CHANNEL_DELETE of its parent', logger);
      }
      const stored = await store.storedChannels({ platform: 'discord', workspace: guild });
      const unseen = stored.filter(
        (c) => !alive.has(c.channel) && !threads.has(c.channel) && c.channel !== id,
      );
      for (const other of nextChecks(guild, unseen)) {
        if (await channelGone(client, other.channel, logger)) {
          await forgetDeletedChannel(store, other, 'CHANNEL_DELETE: no longer exists', logger);
        }
      }
    });
  });
  client.ws.on(GatewayDispatchEvents.ThreadDelete, forgetChannel('THREAD_DELETE', 'thread delete'));
  client.ws.on(GatewayDispatchEvents.GuildDelete, (data: { id?: unknown; unavailable?: unknown }) => {
    if (typeof data.id !== 'string' || data.unavailable === true) return;
    const guild = { platform: 'discord' as const, workspace: data.id };
    guarded('guild delete', () => forgetWorkspace(store, guild, 'GUILD_DELETE', logger));
  });
}

/**
 * Whether this process is a shard child started by discord.js's ShardingManager. SHARDING_MANAGER and SHARDS
 * are set by discord.js itself for its children (and read by its Client there), not by whoever runs Paperboy,
 * so they are read here rather than in config.ts.
 */
export function isShardProcess(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.SHARDING_MANAGER === 'true' && env.SHARDS !== undefined;
}

export interface ShardedOptions {
  token: string;
  /** The entry script each shard runs (main.js): it sees isShardProcess() and starts the gateway only. */
  script: string;
  shards: 'auto' | number;
  /** Used to ask Discord for the recommended shard count, through DISCORD_API_URL. */
  rest: REST;
  logger: Logger;
  /** Pause between shard starts: Discord allows one identify per 5 s (per concurrency bucket). */
  spawnDelayMs?: number;
}

/**
 * Starts one child process per shard. The digest scheduler and deliveries stay in this (manager) process, so a
 * digest slot runs once however many shards there are.
 */
export async function startDiscordSharded(
  options: ShardedOptions,
): Promise<{ manager: ShardingManager; stop(): Promise<void> }> {
  let total = options.shards;
  if (total === 'auto') {
    const info = (await options.rest.get(Routes.gatewayBot())) as { shards: number };
    total = Math.max(1, info.shards);
  }
  const manager = new ShardingManager(options.script, {
    token: options.token,
    totalShards: total,
    respawn: true,
  });
  manager.on('shardCreate', (shard) => {
    // Shards only talk to the gateway: the manager serves HTTP on PORT, so a shard must not try to bind it too.
    (shard.env as NodeJS.ProcessEnv).PORT = '0';
    options.logger.info({ shard: shard.id, of: total }, 'discord shard started');
    shard.on('death', () => options.logger.warn({ shard: shard.id }, 'discord shard exited; respawning'));
  });
  manager
    .spawn({ amount: total, delay: options.spawnDelayMs ?? 5_500, timeout: 60_000 })
    .catch((error: unknown) => {
      options.logger.error({ err: error }, 'discord shards failed to start');
    });
  return {
    manager,
    async stop() {
      manager.respawn = false;
      for (const shard of manager.shards.values()) shard.kill();
    },
  };
}
