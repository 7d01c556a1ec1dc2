import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../src/app/types.js';
import { readConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/logger.js';
import { type DiscordRuntime, startDiscord, startGateway } from '../../../src/platforms/discord/index.js';
import { createInteractionCore } from '../../../src/platforms/discord/interaction-core.js';
import { createRest } from '../../../src/platforms/discord/rest.js';
import { channelId, LEARNING_RESET } from '../../../src/store/feedback.js';
import type { ChannelKey } from '../../../src/store/types.js';
import { real } from '../../support/real.js';
import { until } from '../../support/until.js';
import { fakeServices } from './fakes.js';
import { MockDiscord } from './mock-discord.js';
import { MockGateway } from './mock-gateway.js';
import { testCommands, testParseLine } from './test-commands.js';

let rest: MockDiscord;
let gateway: MockGateway;
let runtime: DiscordRuntime | undefined;

beforeEach(async () => {
  rest = await new MockDiscord().start();
  gateway = await new MockGateway().start();
  rest.gatewayUrl = gateway.url;
});

afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
  await gateway.stop();
  await rest.stop();
});

async function start(env: Record<string, string> = {}, services?: Services) {
  const config = readConfig({ DISCORD_TOKEN: 'gateway-token', DISCORD_API_URL: rest.url, ...env }).discord!;
  runtime = await startDiscord({
    config,
    services: services ?? (await fakeServices()),
    commands: testCommands,
    parseLine: testParseLine(testCommands),
    logger: silentLogger(),
    env: {},
  });
  return runtime;
}

function interaction(type: number, data: unknown, permissions = '0') {
  return {
    id: '888888888888888888',
    application_id: gateway.applicationId,
    type,
    token: 'gw-token',
    version: 1,
    guild_id: '222222222222222222',
    channel_id: '333333333333333333',
    member: {
      user: {
        id: '444444444444444444',
        username: 'ada',
        discriminator: '0',
        avatar: null,
        global_name: 'Ada',
      },
      permissions,
      roles: [],
      joined_at: '2025-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
    },
    app_permissions: '2147483647',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': '222222222222222222' },
    context: 0,
    attachment_size_limit: 10485760,
    data,
  };
}

describe('Discord gateway mode', () => {
  it('logs in with the Guilds intent only, through DISCORD_API_URL', async () => {
    const r = await start();
    expect(r.role).toBe('gateway');
    expect(r.runsScheduler).toBe(true);
    expect(r.httpRoutes).toEqual({});
    expect(gateway.identifies).toHaveLength(1);
    expect(gateway.identifies[0]!.intents).toBe(1);
    expect(gateway.identifies[0]!.token).toBe('gateway-token');
    expect(rest.find('GET', /^\/gateway\/bot$/)).toHaveLength(1);
  });

  it('answers a slash command from the gateway with an interaction callback', async () => {
    await start();
    gateway.dispatch(
      'INTERACTION_CREATE',
      interaction(2, {
        id: '1',
        name: 'papers',
        type: 1,
        options: [{ name: 'search', type: 1, options: [{ name: 'query', type: 3, value: 'reward' }] }],
      }),
    );
    const [callback] = await rest.waitFor('POST', /^\/interactions\/888888888888888888\/gw-token\/callback$/);
    const body = callback!.body as { type: number; data: { embeds: { title: string }[] } };
    expect(body.type).toBe(4);
    expect(body.data.embeds[0]!.title).toContain('Reward Hacking in RLHF');
  });

  it('defers slow commands and edits the answer in place, as in HTTP mode', async () => {
    await start();
    gateway.dispatch(
      'INTERACTION_CREATE',
      interaction(2, {
        id: '1',
        name: 'papers',
        type: 1,
        options: [{ name: 'summarize', type: 1, options: [{ name: 'paper', type: 3, value: '2505.00001' }] }],
      }),
    );
    const [callback] = await rest.waitFor('POST', /\/callback$/);
    expect(callback!.body).toEqual({ type: 5 });
    const [edit] = await rest.waitFor(
      'PATCH',
      /^\/webhooks\/111111111111111111\/gw-token\/messages\/@original$/,
    );
    expect(JSON.stringify(edit!.body)).toContain('TL;DR of Diffusion Models Beat GANs Again.');
  });

  /** Starts the gateway alone with a short READY deadline, as main() would, and returns its rejection. */
  async function startGivingUp(): Promise<unknown> {
    const restClient = createRest({ apiUrl: rest.url, token: 't' });
    const services = await fakeServices();
    const core = createInteractionCore({
      commands: testCommands,
      services,
      parseLine: testParseLine(testCommands),
      rest: restClient,
      logger: silentLogger(),
    });
    try {
      await startGateway({
        token: 't',
        apiUrl: rest.url,
        core,
        rest: restClient,
        logger: silentLogger(),
        readyTimeoutMs: 500,
      });
      return undefined;
    } catch (error) {
      return error;
    } finally {
      await services.store.close();
    }
  }

  // discord.js redials 500 ms after a socket goes (@discordjs/ws's reconnect delay): twice that shows none comes.
  const RECONNECT_WINDOW_MS = 1_000;

  it('gives up with a clear message when the gateway never becomes ready, and leaves no shard behind', async () => {
    gateway.answerIdentify = false;
    const error = await startGivingUp();
    expect(String(error)).toMatch(/did not become ready/);
    expect(gateway.connections).toBe(1);
    await until(async () => gateway.openSockets === 0, 'the shard closing its socket');
    await new Promise((resolve) => setTimeout(resolve, RECONNECT_WINDOW_MS));
    expect(gateway.connections).toBe(1);
    expect(gateway.openSockets).toBe(0);
  });

  it('closes a connection still in its handshake when it gives up, rather than leave it open', async () => {
    gateway.stallHandshake = true;
    const error = await startGivingUp();
    expect(String(error)).toMatch(/did not become ready/);
    // Left to @discordjs/ws, the socket stayed open until its handshake timed out (30 s), then threw unhandled.
    await until(async () => gateway.stalledHandshakes === 0, 'the connecting socket closed');
  });

  it('stops redialling a gateway that keeps hanging up once it gives up', async () => {
    gateway.hangUp = true;
    const error = await startGivingUp();
    expect(String(error)).toMatch(/did not become ready/);
    const attempts = gateway.connections;
    expect(attempts).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, RECONNECT_WINDOW_MS));
    expect(gateway.connections).toBe(attempts);
  });

  it('explains a refused token instead of crashing with a stack', async () => {
    rest.script('GET', /^\/gateway\/bot$/, { status: 401, body: { message: '401: Unauthorized', code: 0 } });
    await expect(start()).rejects.toThrow(/Discord refused DISCORD_TOKEN: .*Reset Token/);
  });
});

describe('Discord gateway: forgetting channels and guilds that go', () => {
  // Discord's documented channel and unavailable-guild objects; both name guild 41771983423143937.
  const deletedChannel = JSON.parse(real('discord/channel-guild-text.json')) as {
    id: string;
    guild_id: string;
  };
  const unavailableGuild = JSON.parse(real('discord/unavailable-guild.json')) as { id: string };
  const guild = deletedChannel.guild_id;
  const general: ChannelKey = { platform: 'discord', workspace: guild, channel: deletedChannel.id };
  const random: ChannelKey = { platform: 'discord', workspace: guild, channel: '55555555555555555' };
  const elsewhere: ChannelKey = {
    platform: 'discord',
    workspace: '66666666666666666',
    channel: '7777777777777',
  };

  async function storedWorld() {
    const services = await fakeServices();
    for (const key of [general, random, elsewhere]) {
      await services.store.updateChannel(key, { topics: ['diffusion'] }, 'ada');
      await services.store.setVote(key, '2505.00001', 'ada', 1);
      await services.store.setValue(LEARNING_RESET, channelId(key), '2025-05-01T00:00:00.000Z');
    }
    return services;
  }

  it('forgets a channel when Discord deletes it, and only that channel', async () => {
    const services = await storedWorld();
    // #random still exists: asked about it, Discord answers with the channel.
    rest.channels.set(random.channel, { id: random.channel, guild_id: guild, type: 0 });
    await start({}, services);
    gateway.dispatch('CHANNEL_DELETE', deletedChannel);
    await until(
      async () => (await services.store.getChannel(general)) === undefined,
      "the gateway event's handling",
    );
    expect(await services.store.listVotes(general)).toEqual([]);
    expect(await services.store.getValue(LEARNING_RESET, channelId(general))).toBeUndefined();
    expect(await services.store.getChannel(random)).toBeDefined();
    expect(await services.store.listVotes(random)).toHaveLength(1);
  });

  it('forgets a thread subscribed like a channel when Discord deletes it (THREAD_DELETE)', async () => {
    // Discord's example thread; THREAD_DELETE sends only its id, guild_id, parent_id and type.
    const example = JSON.parse(real('discord/channel-thread.json')) as Record<string, unknown>;
    const { id, guild_id, parent_id, type } = example as {
      id: string;
      guild_id: string;
      parent_id: string;
      type: number;
    };
    const thread: ChannelKey = { platform: 'discord', workspace: guild_id, channel: id };
    const services = await storedWorld();
    await services.store.updateChannel(thread, { topics: ['diffusion'] }, 'ada');
    await start({}, services);
    gateway.dispatch('THREAD_DELETE', { id, guild_id, parent_id, type });
    await until(
      async () => (await services.store.getChannel(thread)) === undefined,
      "the gateway event's handling",
    );
    expect(await services.store.getChannel(random)).toBeDefined();
    expect(await services.store.getChannel(elsewhere)).toBeDefined();
  });

  describe('threads of a deleted channel (Discord sends no THREAD_DELETE for them)', () => {
    const server = '80000000000000001';
    const parent: ChannelKey = { platform: 'discord', workspace: server, channel: '80000000000000002' };
    const thread: ChannelKey = { platform: 'discord', workspace: server, channel: '80000000000000003' };
    const other: ChannelKey = { platform: 'discord', workspace: server, channel: '80000000000000004' };
    const archived: ChannelKey = { platform: 'discord', workspace: server, channel: '80000000000000005' };

    async function subscribed(keys: ChannelKey[]) {
      const services = await fakeServices();
      for (const key of keys) {
        await services.store.updateChannel(key, { topics: ['diffusion'] }, 'ada');
        await services.store.setVote(key, '2505.00001', 'ada', 1);
      }
      return services;
    }

    /** GUILD_CREATE as the Guilds intent sends it: the guild's channels and its active threads. */
    function guildCreate() {
      const text = (id: string, name: string) => ({ id, guild_id: server, name, type: 0, position: 0 });
      gateway.dispatch('GUILD_CREATE', {
        id: server,
        name: 'Reading club',
        owner_id: '80000000000000009',
        unavailable: false,
        member_count: 2,
        roles: [],
        emojis: [],
        stickers: [],
        features: [],
        members: [],
        channels: [text(parent.channel, 'papers'), text(other.channel, 'general')],
        threads: [
          {
            id: thread.channel,
            guild_id: server,
            parent_id: parent.channel,
            name: 'diffusion digest',
            type: 11,
            thread_metadata: { archived: false, auto_archive_duration: 1440, locked: false },
          },
        ],
      });
    }

    it('forgets the channel’s active threads, read from the cache, and keeps its neighbours unasked', async () => {
      const services = await subscribed([parent, thread, other]);
      await start({}, services);
      guildCreate();
      gateway.dispatch('CHANNEL_DELETE', { id: parent.channel, guild_id: server, type: 0 });
      await until(
        async () => (await services.store.getChannel(thread)) === undefined,
        'the thread forgotten with its channel',
      );
      expect(await services.store.getChannel(parent)).toBeUndefined();
      expect(await services.store.listVotes(thread)).toEqual([]);
      expect(await services.store.getChannel(other)).toBeDefined();
      // Every stored channel was in the cache: Discord was not asked about any.
      expect(rest.find('GET', /^\/channels\/\d+$/)).toEqual([]);
    });

    it('forgets an archived thread (not cached) once Discord says it no longer exists', async () => {
      const services = await subscribed([parent, archived, other]);
      rest.channels.set(other.channel, { id: other.channel, guild_id: server, type: 0 });
      await start({}, services);
      gateway.dispatch('CHANNEL_DELETE', { id: parent.channel, guild_id: server, type: 0 });
      await until(
        async () => (await services.store.getChannel(archived)) === undefined,
        'the archived thread forgotten',
      );
      expect(await services.store.getChannel(parent)).toBeUndefined();
      expect(await services.store.getChannel(other)).toBeDefined();
      expect(await services.store.listVotes(other)).toHaveLength(1);
    });

    it('asks Discord about at most 10 uncached channels per delete, going on from there on the next', async () => {
      // Twelve stored channels the cache does not show: eleven still exist, the last one is gone.
      const many: ChannelKey[] = Array.from({ length: 12 }, (_, i) => ({
        ...archived,
        channel: `800000000000001${String(i).padStart(2, '0')}`,
      }));
      const services = await subscribed(many);
      for (const key of many.slice(0, 11)) rest.channels.set(key.channel, { id: key.channel, type: 0 });
      const gone = many[11]!;
      await start({}, services);
      const checked = () => rest.find('GET', /^\/channels\/\d+$/).map((r) => r.path.slice(10));
      gateway.dispatch('CHANNEL_DELETE', { id: parent.channel, guild_id: server, type: 0 });
      await until(async () => checked().length === 10, 'the first delete’s checks');
      expect(await services.store.getChannel(gone)).toBeDefined();
      gateway.dispatch('CHANNEL_DELETE', { id: other.channel, guild_id: server, type: 0 });
      await until(async () => (await services.store.getChannel(gone)) === undefined, 'the next delete');
      await until(async () => checked().length === 20, 'the second delete’s checks');
      const ids = many.map((k) => k.channel);
      expect(checked()).toEqual([...ids.slice(0, 10), ...ids.slice(10), ...ids.slice(0, 8)]);
      expect(await services.store.getChannel(many[0]!)).toBeDefined();
    });

    it('keeps a stored channel when Discord cannot say whether it exists', async () => {
      const gone: ChannelKey = { ...archived, channel: '80000000000000006' };
      const services = await subscribed([parent, archived, gone]);
      // The first check (the lower id, checked first) is refused; the second is answered "Unknown Channel".
      rest.script('GET', /^\/channels\/\d+$/, {
        status: 403,
        body: { message: 'Missing Access', code: 50001 },
      });
      await start({}, services);
      gateway.dispatch('CHANNEL_DELETE', { id: parent.channel, guild_id: server, type: 0 });
      await until(async () => (await services.store.getChannel(gone)) === undefined, 'the later check');
      expect(rest.find('GET', /^\/channels\/\d+$/).map((r) => r.path)).toEqual([
        `/channels/${archived.channel}`,
        `/channels/${gone.channel}`,
      ]);
      expect(await services.store.getChannel(archived)).toBeDefined();
    });
  });

  it('keeps a guild that is only unavailable, and forgets a guild the bot was removed from', async () => {
    const services = await storedWorld();
    await start({}, services);
    // As recorded: `unavailable: true`, an outage. The next dispatch shows the first one was handled.
    gateway.dispatch('GUILD_DELETE', unavailableGuild);
    gateway.dispatch('CHANNEL_DELETE', {
      ...deletedChannel,
      id: elsewhere.channel,
      guild_id: elsewhere.workspace,
    });
    await until(
      async () => (await services.store.getChannel(elsewhere)) === undefined,
      "the gateway event's handling",
    );
    expect(await services.store.storedChannels({ platform: 'discord', workspace: guild })).toEqual([
      general,
      random,
    ]);

    // Without `unavailable` the bot left or was removed (the edge case the recording lacks).
    const { unavailable: _outage, ...removed } = unavailableGuild as { id: string; unavailable?: boolean };
    gateway.dispatch('GUILD_DELETE', removed);
    await until(
      async () =>
        (await services.store.storedChannels({ platform: 'discord', workspace: guild })).length === 0,
    );
    expect(await services.store.listVotes(random)).toEqual([]);
    expect(await services.store.getValue(LEARNING_RESET, channelId(random))).toBeUndefined();
  });
});
