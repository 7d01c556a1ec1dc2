// Discord's recorded interactions (its API docs) replayed through startDiscord in HTTP-interactions mode: the real
// shapes (member or user, context, authorizing_integration_owners, data.version, LABEL components) must work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commandData,
  type DiscordHarness,
  dmInteraction,
  guildInteraction,
  startDiscordHarness,
} from './drivers/discord.js';
import { discordRecorded } from './recorded.js';
import { MEMORY_BARRIER_ID, MEMORY_BARRIER_TITLE, scenarioWorld, type World } from './world.js';

const MEMORY_BARRIER_FULL =
  'Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss';

let world: World;
let h: DiscordHarness;
beforeAll(async () => {
  world = await scenarioWorld();
  h = await startDiscordHarness(world.services);
});
afterAll(async () => {
  await h.close();
  await world.close();
});

type Message = { content?: string; flags?: number; embeds?: { title?: string }[] };

/** The answer: immediate, or what the deferred placeholder became. */
async function answer(payload: Record<string, unknown>): Promise<{ type: number; message: Message }> {
  const { status, json } = await h.post(payload);
  expect(status).toBe(200);
  if (json.type !== 5) return { type: json.type, message: (json.data ?? {}) as Message };
  const [first] = await h.settled(String(payload.token), 1);
  return { type: 5, message: { ...(first?.body as Message), flags: json.data?.flags } };
}

describe('a recorded guild command (docs: "Slash Command Interaction")', () => {
  it('answers /papers search with the papers, privately', async () => {
    // Substituted: id, token, application_id (absent from the example), user id, data (cardsearch → papers search).
    const { message } = await answer(guildInteraction('guild-ada', 2, commandData('search memory barrier')));
    expect(message.flags).toBe(64);
    expect(JSON.stringify(message)).toContain(MEMORY_BARRIER_TITLE);
  });

  it('keeps the recorded member permissions: the docs’ member may subscribe the channel', async () => {
    const payload = guildInteraction('guild-bob', 2, commandData('subscribe diffusion'));
    const { message } = await answer(payload);
    expect(JSON.stringify(message)).toContain('Subscribed');
    // The recorded app_permissions (442368) lack View Channel and Send Messages: Paperboy says what to grant.
    const follow = await h.settled(String(payload.token));
    expect(JSON.stringify(follow.map((r) => r.body))).toMatch(/cannot post here yet/i);
  });
});

describe('a recorded command in the app’s DM (docs: user-installable app tutorial)', () => {
  it('subscribes the DM without asking for channel permissions', async () => {
    // Substituted: id, token, application_id kept from the recording, the user's id (the docs condense `user`), data.
    const payload = dmInteraction('dm-ada', commandData('subscribe diffusion'));
    const { message } = await answer(payload);
    const follow = await h.settled(String(payload.token));
    const all = JSON.stringify(message) + JSON.stringify(follow.map((r) => r.body));
    expect(all).toContain('Subscribed');
    expect(all).not.toMatch(/cannot post here yet|View Channel|grant/i);
    const channels = await world.store.listChannels({ platform: 'discord' });
    expect(channels.find((c) => c.channel === '1234563982236504123')).toMatchObject({ workspace: '@me' });
  });

  it('says plainly that a DM between other people cannot get digests', async () => {
    // Substituted as well: context 2 (the app used in someone else's DM).
    const { message } = await answer(dmInteraction('dm-bob', commandData('subscribe diffusion'), 2));
    expect(message.flags).toBe(64);
    expect(JSON.stringify(message)).toContain('Digests need a channel Paperboy can post in');
  });
});

describe('the recorded guild command where only the user installed the app', () => {
  it('says plainly that digests need a channel the bot is in, and changes nothing', async () => {
    const key = {
      platform: 'discord' as const,
      workspace: '290926798626357999',
      channel: '645027906669510667',
    };
    const before = await world.store.getChannel(key);
    // Substituted: authorizing_integration_owners names only the user's install ("1"), as in a server the bot
    // itself never joined; topics no earlier test used.
    const payload = guildInteraction('userapp-ada', 2, commandData('subscribe protein folding'), {
      authorizing_integration_owners: { '1': '53908232506183680' },
    });
    const { message } = await answer(payload);
    expect(message.flags).toBe(64);
    expect(JSON.stringify(message)).toContain('Digests need a channel Paperboy can post in');
    expect(await world.store.getChannel(key)).toEqual(before);
  });
});

describe('a recorded autocomplete (docs: application commands, autocomplete)', () => {
  /** The recorded type and data (with data.version), on the guild command's fields; name and option substituted. */
  function typed(value: string) {
    const recorded = discordRecorded('autocomplete');
    const data = recorded.data as Record<string, unknown>;
    const [option] = data.options as Record<string, unknown>[];
    return guildInteraction('auto-ada', recorded.type as number, {
      ...data,
      name: 'papers',
      options: [
        {
          name: 'summarize',
          type: 1,
          options: [{ ...option, name: 'paper', type: 3, value, focused: true }],
        },
      ],
    });
  }

  it('finds a paper from part of its arXiv id and shows its title and id', async () => {
    const { status, json } = await h.post(typed('2410.1724'));
    expect(status).toBe(200);
    expect(json.type).toBe(8);
    const choices = (json.data as unknown as { choices: { name: string; value: string }[] }).choices;
    const mine = choices.find((c) => c.name.includes('Breaking the Memory Barrier'));
    expect(mine?.name).toContain(MEMORY_BARRIER_ID);
    expect(mine?.name.length).toBeLessThanOrEqual(100);
    // A title too long for the choice is cut after a whole word.
    const shown = /^(.*?)…/.exec(mine?.name ?? '')?.[1]?.trimEnd();
    if (shown) expect(`${MEMORY_BARRIER_FULL} `.startsWith(`${shown} `)).toBe(true);
  });

  it('finds a paper from part of its title, the title first', async () => {
    const { json } = await h.post(typed('memory barr'));
    const choices = (json.data as unknown as { choices: { name: string }[] }).choices;
    expect(choices[0]?.name).toMatch(/^Breaking the Memory Barrier/);
  });
});

describe('recorded components Paperboy never sent', () => {
  it('answers a press of a button it does not know (custom_id "click_me") without failing', async () => {
    const recorded = discordRecorded('button-press');
    const payload = guildInteraction(
      'stray-ada',
      recorded.type as number,
      recorded.data as Record<string, unknown>,
      {
        message: { id: '700000000000000002', flags: 64 },
      },
    );
    const { status, json } = await h.post(payload);
    expect(status).toBe(200);
    expect([4, 6, 7]).toContain(json.type);
    if (json.type === 4) expect(json.data?.flags).toBe(64);
  });

  it('answers a modal submit (a LABEL wrapping a TEXT_INPUT) without failing', async () => {
    const recorded = discordRecorded('modal-submit');
    const payload = guildInteraction(
      'modal-ada',
      recorded.type as number,
      recorded.data as Record<string, unknown>,
    );
    const { status, json } = await h.post(payload);
    expect(status).toBe(200);
    expect([4, 6]).toContain(json.type);
    if (json.type === 4) expect(json.data?.flags).toBe(64);
  });
});
