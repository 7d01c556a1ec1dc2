// The interaction client is not held to the bot's global limit: Discord exempts interaction answers from it.
import { Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRest } from '../../../src/platforms/discord/rest.js';
import { MockDiscord } from './mock-discord.js';

const APP = '111111111111111111';
let mock: MockDiscord;

beforeAll(async () => {
  mock = await new MockDiscord().start();
});
afterAll(() => mock.stop());

describe('Discord REST clients', () => {
  it('sends a burst of 120 interaction answers at once instead of 50 a second', async () => {
    const rest = createRest({ apiUrl: mock.url, interactions: true });
    await Promise.all(
      Array.from({ length: 120 }, (_, n) =>
        rest.patch(Routes.webhookMessage(APP, `burst-${n}`, '@original'), {
          body: { content: `answer ${n}` },
          auth: false,
        }),
      ),
    );
    const arrivals = mock.find('PATCH', /^\/webhooks\/\d+\/burst-\d+\/messages\/@original$/).map((r) => r.at);
    expect(arrivals).toHaveLength(120);
    // Held to 50/s, the last would arrive two seconds after the first.
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(1_500);
  });
});
