// Fuzz: interaction payloads into the Discord interaction core and its signed HTTP endpoint.
import { generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { papersCommands } from '../../commands/index.js';
import { parseLine } from '../../src/app/parse-line.js';
import { type RunningServer, startHttpServer } from '../../src/http/server.js';
import { silentLogger } from '../../src/logger.js';
import {
  createDiscordInteractionHandler,
  createInteractionCore,
  createRest,
  type InteractionCore,
} from '../../src/platforms/discord/index.js';
import type { Store } from '../../src/store/types.js';
import { fuzzWorld } from './world.js';

const keys = generateKeyPairSync('ed25519');
const PUBLIC_KEY = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');

let store: Store;
let core: InteractionCore;
let server: RunningServer;

beforeAll(async () => {
  const world = await fuzzWorld();
  store = world.store;
  const services = world.services;
  core = createInteractionCore({
    commands: papersCommands,
    services,
    parseLine: (l) => {
      const parsed = parseLine(l, papersCommands);
      return parsed.ok ? parsed : { ok: false, view: parsed.view };
    },
    // Follow-ups go nowhere: nothing listens on port 9.
    rest: createRest({ apiUrl: 'http://127.0.0.1:9/api', retries: 0, timeoutMs: 200 }),
    logger: silentLogger(),
    deferAfterMs: 2_000,
  });
  server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: {
      '/discord/interactions': createDiscordInteractionHandler({
        publicKey: PUBLIC_KEY,
        core,
        logger: silentLogger(),
        maxBodyBytes: 100_000,
      }),
    },
    health: async () => ({ ready: true, checks: {} }),
    logger: silentLogger(),
  });
});

afterAll(async () => {
  await core.idle();
  await server.close();
  await store.close();
});

const name = fc.constantFrom('search', 'summarize', 'digest', 'subscribe', 'settings', 'help', 'nope', '');
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const option = fc.record(
  {
    name: fc.oneof(fc.constantFrom('query', 'paper', 'count', 'page', 'topics', 'time', 'tz'), fc.string()),
    type: fc.oneof(fc.integer({ min: 1, max: 11 }), fc.string()),
    value,
    focused: fc.boolean(),
  },
  { requiredKeys: ['name', 'type'] },
);
/** Interactions shaped like Discord's, with any field possibly missing, mistyped or huge. */
const interaction = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 20 }), fc.integer()),
    application_id: fc.constant('111111111111111111'),
    type: fc.oneof(fc.constantFrom(1, 2, 3, 4, 5), fc.integer(), fc.string()),
    token: fc.string({ maxLength: 30 }),
    guild_id: fc.string({ maxLength: 20 }),
    channel_id: fc.string({ maxLength: 20 }),
    member: fc.record(
      {
        user: fc.record({ id: fc.string({ maxLength: 20 }), username: fc.string() }),
        permissions: fc.oneof(fc.constantFrom('0', '16', '8', 'abc', '-1'), fc.string({ maxLength: 30 })),
      },
      { requiredKeys: [] },
    ),
    data: fc.record(
      {
        name: fc.oneof(fc.constant('papers'), fc.string()),
        type: fc.integer({ min: 0, max: 5 }),
        custom_id: fc.oneof(fc.string({ maxLength: 120 }), fc.constantFrom('p:1', 'stash:x', '')),
        component_type: fc.integer({ min: 0, max: 10 }),
        options: fc.array(
          fc.record({
            name,
            type: fc.constantFrom(1, 2, 3),
            options: fc.array(option, { maxLength: 4 }),
          }),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: [] },
    ),
    app_permissions: fc.oneof(fc.constantFrom('0', '2048'), fc.string({ maxLength: 10 })),
  },
  { requiredKeys: ['type'] },
);

const payload = fc.oneof(interaction, fc.jsonValue(), fc.anything());

function signed(body: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    'content-type': 'application/json',
    'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), keys.privateKey).toString('hex'),
    'x-signature-timestamp': timestamp,
  };
}

async function post(body: string, headers: Record<string, string>) {
  const res = await fetch(`http://127.0.0.1:${server.port}/discord/interactions`, {
    method: 'POST',
    body,
    headers,
  });
  return { status: res.status, text: await res.text() };
}

describe('fuzz: Discord interactions', () => {
  it('the core answers any payload with a response type and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(payload, async (p) => {
        const reply = await core.handle(p);
        expect(typeof reply.body.type).toBe('number');
        if (reply.after) core.runAfter(reply);
      }),
      { numRuns: 300 },
    );
  });

  it('the endpoint never answers 500 or shows a stack to signed garbage', async () => {
    const body = fc.oneof(
      interaction.map((i) => JSON.stringify(i)),
      fc.string({ maxLength: 200 }),
      fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
      fc.string({ unit: 'binary', maxLength: 100 }),
    );
    // The endpoint runs an interaction id once (a second copy is a replay: 409), and the generator repeats ids.
    const seen = new Set<string>();
    const idOf = (b: string): string | undefined => {
      try {
        const id = (JSON.parse(b) as { id?: unknown } | null)?.id;
        return typeof id === 'string' ? id : undefined;
      } catch {
        return undefined;
      }
    };
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const { status, text } = await post(b, signed(b));
        const id = idOf(b);
        if (status === 409) expect(id !== undefined && seen.has(id)).toBe(true);
        else expect([200, 400, 413]).toContain(status);
        if (id !== undefined && status !== 400) seen.add(id);
        expect(text).not.toMatch(/\n\s+at |stack/i);
      }),
      { numRuns: 120 },
    );
  });

  it('refuses anything unsigned or wrongly signed with 401', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.oneof(
          fc.constant(undefined),
          fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 128 }),
          fc.string(),
        ),
        fc.oneof(fc.constant(undefined), fc.string({ maxLength: 12 })),
        async (b, signature, timestamp) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (signature !== undefined)
            headers['x-signature-ed25519'] = signature.replace(/[^\x20-\x7e]/g, '');
          if (timestamp !== undefined)
            headers['x-signature-timestamp'] = timestamp.replace(/[^\x20-\x7e]/g, '');
          const { status } = await post(b, headers);
          expect(status).toBe(401);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('refuses a huge body with 413 before reading it whole', async () => {
    const huge = JSON.stringify({ type: 2, data: { name: 'x'.repeat(200_000) } });
    const { status } = await post(huge, signed(huge));
    expect(status).toBe(413);
  });
});
