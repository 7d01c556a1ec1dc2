import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config.js';
import { discordRole } from '../../../src/platforms/discord/index.js';

const KEY = 'a'.repeat(64);
const APP = '111111111111111111';

describe('Discord configuration', () => {
  it('is off without DISCORD_TOKEN, and an empty DISCORD_TOKEN= counts as unset', () => {
    expect(readConfig({}).discord).toBeNull();
    expect(readConfig({ DISCORD_TOKEN: '' }).discord).toBeNull();
  });

  it('uses the gateway and Discord’s API by default when a token is set', () => {
    expect(readConfig({ DISCORD_TOKEN: 't' }).discord).toEqual({
      token: 't',
      applicationId: undefined,
      publicKey: undefined,
      interactions: 'gateway',
      apiUrl: 'https://discord.com/api',
      shards: undefined,
    });
  });

  it('points every REST call at DISCORD_API_URL, without a trailing slash', () => {
    expect(
      readConfig({ DISCORD_TOKEN: 't', DISCORD_API_URL: 'http://127.0.0.1:9/api/' }).discord?.apiUrl,
    ).toBe('http://127.0.0.1:9/api');
  });

  it('names every variable HTTP interactions still need', () => {
    expect(() => readConfig({ DISCORD_INTERACTIONS: 'http' })).toThrow(
      /DISCORD_PUBLIC_KEY .*DISCORD_APPLICATION_ID .*DISCORD_TOKEN/,
    );
    const config = readConfig({
      DISCORD_INTERACTIONS: 'http',
      DISCORD_PUBLIC_KEY: KEY.toUpperCase(),
      DISCORD_APPLICATION_ID: APP,
      DISCORD_TOKEN: 't',
    }).discord!;
    expect(config.publicKey).toBe(KEY);
    expect(discordRole(config)).toBe('http');
  });

  it('refuses a malformed public key, application id or interactions mode with a fix-it message', () => {
    expect(() => readConfig({ DISCORD_TOKEN: 't', DISCORD_PUBLIC_KEY: 'xyz' })).toThrow(
      /64-hex-digit Public Key/,
    );
    expect(() => readConfig({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: 'my-bot' })).toThrow(
      /Application ID/,
    );
    expect(() => readConfig({ DISCORD_TOKEN: 't', DISCORD_INTERACTIONS: 'webhook' })).toThrow(
      /gateway .* or http/,
    );
  });

  it('asks for the token when Discord settings are given without it', () => {
    expect(() => readConfig({ DISCORD_APPLICATION_ID: APP })).toThrow(/DISCORD_TOKEN/);
  });

  it('runs shards under a manager, and knows a shard child by its environment', () => {
    const config = readConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: 'auto' }).discord!;
    expect(config.shards).toBe('auto');
    expect(readConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: '4' }).discord?.shards).toBe(4);
    expect(discordRole(config, {})).toBe('shard-manager');
    expect(discordRole(config, { SHARDING_MANAGER: 'true', SHARDS: '[1]', SHARD_COUNT: '4' })).toBe('shard');
    expect(discordRole(readConfig({ DISCORD_TOKEN: 't' }).discord!, {})).toBe('gateway');
    expect(() => readConfig({ DISCORD_TOKEN: 't', DISCORD_SHARDS: 'many' })).toThrow(/DISCORD_SHARDS/);
  });
});
