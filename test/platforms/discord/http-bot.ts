// Paperboy behind Discord HTTP interactions, for end-to-end tests: the real commands and services, discord.js REST
// talking to the mock API, and interactions signed with a key pair as Discord signs them.
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { papersCommands } from '../../../commands/index.js';
import { createRuntime, type Runtime } from '../../../src/app/runtime.js';
import { type AppServices, createServices } from '../../../src/app/services.js';
import type { Services } from '../../../src/app/types.js';
import type { Clock } from '../../../src/clock.js';
import { readConfig } from '../../../src/config.js';
import { type RunningServer, startHttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/logger.js';
import type { Metrics } from '../../../src/metrics.js';
import { type DiscordRuntime, startDiscord } from '../../../src/platforms/discord/index.js';
import { MockDiscord } from './mock-discord.js';

/** The application id the bot runs as. */
export const APP = '111111111111111111';

/** The guild and channel the file tests' commands come from. */
export const GUILD = '222222222222222222';
export const CHANNEL = '333333333333333333';

export type SlashOption = { name: string; type: number; value: string | number };

/**
 * The n-th `/papers <sub>` slash command as Discord sends it, in GUILD's CHANNEL, from a member of its own (so the
 * per-user rate limit stays out of the way), with the permissions to post embeds and files.
 */
export function papersCommand(n: number, token: string, sub: string, options: SlashOption[] = []) {
  return {
    id: `9${String(n).padStart(17, '0')}`,
    application_id: APP,
    type: 2,
    token,
    version: 1,
    guild_id: GUILD,
    channel_id: CHANNEL,
    app_permissions: String(0x400 | 0x800 | 0x4000 | 0x8000),
    member: { user: { id: `4${String(n).padStart(17, '0')}`, username: 'ada' }, permissions: '0' },
    data: { id: '1', name: 'papers', type: 1, options: [{ name: sub, type: 1, options }] },
  };
}

export interface HttpBot<S extends Services = AppServices> {
  mock: MockDiscord;
  runtime: DiscordRuntime;
  /** The command pipeline the adapter feeds: its idle() is when every answer has been sent. */
  pipeline: Runtime;
  server: RunningServer;
  services: S;
  /** Posts an interaction signed as Discord signs it to the bot's endpoint. */
  post(payload: Record<string, unknown>): Promise<Response>;
  close(): Promise<void>;
}

/** Signs `payload` with `privateKey` (Ed25519 over timestamp + body) and POSTs it to `url`. */
export function postSignedInteraction(
  url: string,
  privateKey: KeyObject,
  payload: Record<string, unknown>,
): Promise<Response> {
  const body = JSON.stringify(payload);
  // Discord's signature covers the time it was sent; the bot refuses stale ones, so this must be now.
  const timestamp = String(Math.floor(Date.now() / 1000));
  return fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
      'x-signature-timestamp': timestamp,
    },
  });
}

/**
 * Starts the bot with the mock Discord API: on the given services (the caller closes them), else on the bundled
 * catalog and an in-memory SQLite store that close() closes.
 */
/** Stands in for the command pipeline the adapter feeds, given the real one (a fake answering differently). */
type Pipeline = (real: Runtime) => Runtime;

export async function startHttpBot(options?: {
  clock?: Clock;
  metrics?: Metrics;
  pipeline?: Pipeline;
}): Promise<HttpBot>;
export async function startHttpBot<S extends Services>(options: {
  services: S;
  metrics?: Metrics;
  pipeline?: Pipeline;
}): Promise<HttpBot<S>>;
export async function startHttpBot(
  options: { services?: Services; clock?: Clock; metrics?: Metrics; pipeline?: Pipeline } = {},
): Promise<HttpBot<Services>> {
  const keys = generateKeyPairSync('ed25519');
  const publicKey = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
  const mock = await new MockDiscord().start();
  const owned = options.services
    ? undefined
    : await createServices(readConfig({ DATABASE_URL: 'sqlite::memory:' }), {
        logger: silentLogger(),
        ...(options.clock ? { clock: options.clock } : {}),
      });
  const services = options.services ?? (owned as AppServices);
  const metrics = options.metrics ? { metrics: options.metrics } : {};
  const real = createRuntime({ commands: papersCommands, services, logger: silentLogger(), ...metrics });
  const pipeline = options.pipeline ? options.pipeline(real) : real;
  const runtime = await startDiscord({
    config: readConfig({
      DISCORD_INTERACTIONS: 'http',
      DISCORD_PUBLIC_KEY: publicKey,
      DISCORD_APPLICATION_ID: APP,
      DISCORD_TOKEN: 'test-token',
      DISCORD_API_URL: mock.url,
    }).discord!,
    services,
    runtime: pipeline,
    logger: silentLogger(),
    ...metrics,
  });
  const server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: runtime.httpRoutes,
    health: async () => ({ ready: true, checks: {} }),
    logger: silentLogger(),
  });
  return {
    mock,
    runtime,
    pipeline,
    server,
    services,
    post: (payload) =>
      postSignedInteraction(`http://127.0.0.1:${server.port}/discord/interactions`, keys.privateKey, payload),
    async close() {
      await runtime.stop();
      await server.close();
      await mock.stop();
      await owned?.close();
    },
  };
}
