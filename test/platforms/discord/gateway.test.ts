import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/logger.js';
import { type DiscordRuntime, startDiscord } from '../../../src/platforms/discord/index.js';
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

async function start(env: Record<string, string> = {}) {
  const config = readConfig({ DISCORD_TOKEN: 'gateway-token', DISCORD_API_URL: rest.url, ...env }).discord!;
  runtime = await startDiscord({
    config,
    services: await fakeServices(),
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

  it('explains a refused token instead of crashing with a stack', async () => {
    rest.script('GET', /^\/gateway\/bot$/, { status: 401, body: { message: '401: Unauthorized', code: 0 } });
    await expect(start()).rejects.toThrow(/Discord refused DISCORD_TOKEN: .*Reset Token/);
  });
});
