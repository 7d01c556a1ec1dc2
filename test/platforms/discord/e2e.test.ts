import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { papersCommands } from '../../../commands/index.js';
import type { AppServices } from '../../../src/app/services.js';
import { decodeId } from '../../../src/platforms/discord/custom-id.js';
import type { DiscordRuntime } from '../../../src/platforms/discord/index.js';
import { registrationJson, registrationProblems } from '../../../src/platforms/discord/registration.js';
import { PAPERS } from './fakes.js';
import { APP, type HttpBot, startHttpBot } from './http-bot.js';
import { limitBreaches } from './limits-check.js';
import type { MockDiscord } from './mock-discord.js';

// Every /papers subcommand, as Discord would send it over HTTP interactions, answered by the real commands over
// the real services (bundled seed catalog, search engine, digest planner, SQLite store).

const GUILD = '222222222222222222';
const CHANNEL = '333333333333333333';
const MANAGE_CHANNELS = String(0x10);

let bot: HttpBot;
let mock: MockDiscord;
let services: AppServices;
let runtime: DiscordRuntime;
let seq = 0;

beforeAll(async () => {
  bot = await startHttpBot();
  ({ mock, services, runtime } = bot);
});

afterAll(() => bot.close());

type Message = { content?: string; embeds?: { title?: string; description?: string }[]; flags?: number };

/** Sends a signed interaction; returns the immediate answer and, for a deferred one, the message it became. */
async function interact(payload: Record<string, unknown>): Promise<{ type: number; message?: Message }> {
  const res = await bot.post(payload);
  expect(res.status).toBe(200);
  const json = (await res.json()) as { type: number; data?: Message };
  if (json.type !== 5 && json.type !== 6) {
    if (json.data && json.type !== 8) expect(limitBreaches(json.data)).toEqual([]);
    return { type: json.type, ...(json.data ? { message: json.data } : {}) };
  }
  const token = payload.token as string;
  const route = new RegExp(`^/webhooks/${APP}/${token}(/messages/@original)?$`);
  // The answer lands as an edit of the placeholder, or as a follow-up when its visibility had to change.
  const [first] = await mock.waitUntil(
    (r) => (r.method === 'PATCH' || r.method === 'POST') && route.test(r.path),
  );
  const message = first!.body as Message;
  expect(limitBreaches(message)).toEqual([]);
  return {
    type: json.type,
    message: { ...message, ...(json.data?.flags ? { flags: json.data.flags } : {}) },
  };
}

type Opt = { name: string; type: number; value: string | number | boolean; focused?: boolean };

/** Each interaction comes from its own user unless one is named, so the default rate limit (5/10 s) stays out of the way. */
function command(sub: string, options: Opt[] = [], permissions = '0', type = 2, user?: string) {
  seq += 1;
  return {
    id: `9${String(seq).padStart(17, '0')}`,
    application_id: APP,
    type,
    token: `e2e-${seq}`,
    version: 1,
    guild_id: GUILD,
    channel_id: CHANNEL,
    app_permissions: String(0x400 | 0x800 | 0x4000),
    member: {
      user: { id: user ?? `4${String(seq).padStart(17, '0')}`, username: 'ada', global_name: 'Ada' },
      permissions,
    },
    data: { id: '1', name: 'papers', type: 1, options: [{ name: sub, type: 1, options }] },
  };
}

const text = (m: Message | undefined) => JSON.stringify(m ?? {});

describe('Discord end to end with the real /papers commands', () => {
  it('registers within Discord limits', () => {
    const json = registrationJson(papersCommands);
    expect(registrationProblems(json)).toEqual([]);
    expect(json[0]!.options?.map((o) => o.name)).toEqual([
      'search',
      'summarize',
      'save',
      'vote',
      'list',
      'cite',
      'digest',
      'trends',
      'subscribe',
      'unsubscribe',
      'follow',
      'unfollow',
      'notify',
      'readinggroup',
      'settings',
      'help',
    ]);
  });

  it('help', async () => {
    const { message } = await interact(command('help'));
    expect(text(message)).toMatch(/search/);
    expect(text(message)).toMatch(/subscribe/);
  });

  it('search, then Next page in place', async () => {
    const { message } = await interact(
      command('search', [
        { name: 'query', type: 3, value: 'diffusion' },
        { name: 'limit', type: 4, value: 1 },
      ]),
    );
    const first = message?.embeds?.[0]?.title ?? '';
    expect(first).toMatch(/diffusion/i);
    expect(message?.content).toMatch(/Page 1 of \d+/);
    const rows = (message as { components: { components: { custom_id?: string }[] }[] }).components;
    const next = rows
      .flatMap((r) => r.components)
      .map((c) => (c.custom_id ? decodeId(c.custom_id) : null))
      .find((d) => d && d.mode === 'u' && 'line' in d && d.line.includes('page:2'));
    expect(next).toBeTruthy();
    const pressed = await interact({
      ...command('search'),
      type: 3,
      message: { id: '5' },
      data: {
        custom_id: rows.flatMap((r) => r.components).find((c) => c.custom_id?.includes('page:2'))!.custom_id,
        component_type: 2,
      },
    });
    expect(pressed.type).toBe(6);
    expect(pressed.message?.content).toMatch(/Page 2 of \d+/);
    expect(pressed.message?.embeds?.[0]?.title).toMatch(/diffusion/i);
    expect(pressed.message?.embeds?.[0]?.title).not.toBe(first);
  });

  /** Presses a button of a message only its reader sees (Discord sends the message's flags, 64). */
  async function pressPrivate(customId: string) {
    const payload = {
      ...command('search'),
      type: 3,
      message: { id: '6', flags: 64 },
      data: { custom_id: customId, component_type: 2 },
    };
    const route = new RegExp(`^/webhooks/${APP}/${payload.token}(/messages/@original)?$`);
    const res = await bot.post(payload);
    return { json: (await res.json()) as { type: number; data?: Message }, route };
  }

  async function privateSearch() {
    const { message } = await interact(
      command('search', [
        { name: 'query', type: 3, value: 'diffusion' },
        { name: 'limit', type: 4, value: 1 },
      ]),
    );
    expect(message?.flags).toBe(64);
    const buttons = (
      message as { components: { components: { custom_id?: string; label?: string }[] }[] }
    ).components.flatMap((r) => r.components);
    const id = (label: string) => buttons.find((b) => b.label === label)?.custom_id ?? '';
    return { next: id('Next ▶'), share: id('Share to channel') };
  }

  it('pages private results in place instead of adding a message', async () => {
    const { next } = await privateSearch();
    const { json, route } = await pressPrivate(next);
    expect(json.type).toBe(6);
    const [answer] = await mock.waitUntil((r) => route.test(r.path));
    expect(answer!.method).toBe('PATCH');
    expect(answer!.path).toMatch(/@original$/);
    expect(JSON.stringify(answer!.body)).toMatch(/Page 2 of \d+/);
  });

  it('shares results publicly in the channel and says so in the private message', async () => {
    const { share } = await privateSearch();
    const { json, route } = await pressPrivate(share);
    expect(json.type).toBe(6);
    const [post] = await mock.waitUntil((r) => r.method === 'POST' && route.test(r.path));
    const posted = post!.body as Message & { allowed_mentions?: unknown; components?: unknown[] };
    expect(posted.flags).toBeUndefined();
    expect(posted.allowed_mentions).toEqual({ parse: [] });
    expect(posted.content).toMatch(/Page 1 of \d+/);
    expect(JSON.stringify(posted)).not.toContain('Share to channel');
    const [edit] = await mock.waitUntil((r) => r.method === 'PATCH' && route.test(r.path));
    expect(edit!.path).toMatch(/@original$/);
    expect(JSON.stringify(edit!.body)).toContain('Shared to the channel');
  });

  it('shares a digest preview publicly in the channel', async () => {
    const preview = command('digest', [{ name: 'topics', type: 3, value: 'diffusion' }]);
    const { message } = await interact(preview);
    expect(message?.flags).toBe(64);
    // A long preview spans messages; the Share button sits on the last one.
    const carrying = await mock.waitUntil(
      (r) => r.path.includes(preview.token) && JSON.stringify(r.body).includes('share:yes'),
    );
    const sent = carrying.map((r) => JSON.stringify(r.body));
    const share = /"custom_id":"(pb:[a-z]:digest[^"]*share:yes[^"]*)"/.exec(sent.join('\n'))?.[1];
    expect(share).toBeDefined();
    const { json, route } = await pressPrivate(share ?? '');
    expect(json.type).toBe(6);
    const [post] = await mock.waitUntil((r) => r.method === 'POST' && route.test(r.path));
    const posted = post!.body as Message & { allowed_mentions?: unknown };
    expect(posted.flags).toBeUndefined();
    expect(posted.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(posted)).toContain("Today's papers on");
  });

  it('summarize with autocomplete, deferred and edited', async () => {
    const auto = await interact(
      command('summarize', [{ name: 'paper', type: 3, value: 'stop regress', focused: true }], '0', 4),
    );
    expect(auto.type).toBe(8);
    const choice = (auto.message as unknown as { choices: { value: string }[] }).choices[0]!;
    expect(choice.value).toBe(
      'stop-regressing-training-value-functions-via-classification-for-scalable-deep-rl',
    );
    const { type, message } = await interact(
      command('summarize', [{ name: 'paper', type: 3, value: choice.value }]),
    );
    expect(type).toBe(5);
    expect(message?.embeds?.[0]?.title).toBe(
      'Stop Regressing: Training Value Functions via Classification for Scalable Deep RL',
    );
    expect(message?.embeds?.[0]?.description?.length).toBeGreaterThan(40);
  });

  it('suggests IANA time zones as the timezone option is typed', async () => {
    const auto = await interact(
      command('subscribe', [{ name: 'timezone', type: 3, value: 'berl', focused: true }], '0', 4),
    );
    expect(auto.type).toBe(8);
    expect((auto.message as unknown as { choices: { value: string }[] }).choices).toEqual([
      { name: 'Europe/Berlin', value: 'Europe/Berlin' },
    ]);
    const sub = registrationJson(papersCommands)[0]!.options!.find(
      (o) => o.name === 'subscribe',
    ) as unknown as {
      options: { name: string; autocomplete?: boolean }[];
    };
    expect(sub.options.find((o) => o.name === 'timezone')?.autocomplete).toBe(true);
  });

  it('subscribe is refused without Manage Channels and works with it', async () => {
    const topics: Opt = { name: 'topics', type: 3, value: 'diffusion; value functions' };
    const refused = await interact(command('subscribe', [topics]));
    expect(refused.message?.flags).toBe(64);
    expect(text(refused.message)).toMatch(/Only people who can manage this channel/);
    const ok = await interact(
      command(
        'subscribe',
        [
          topics,
          { name: 'time', type: 3, value: '08:30' },
          { name: 'timezone', type: 3, value: 'Europe/Berlin' },
        ],
        MANAGE_CHANNELS,
      ),
    );
    expect(ok.message?.flags).toBe(64);
    expect(text(ok.message)).toMatch(/Subscribed/);
    const [channel] = await services.store.listChannels();
    expect(channel).toMatchObject({
      workspace: GUILD,
      channel: CHANNEL,
      time: '08:30',
      timezone: 'Europe/Berlin',
    });
    expect(channel!.topics).toEqual(['diffusion', 'value functions']);
  });

  it('digest previews what the channel would get, privately unless shared', async () => {
    const payload = command('digest');
    const { message } = await interact(payload);
    expect(message?.flags).toBe(64);
    expect(mock.find('DELETE', /@original$/)).toEqual([]);
    expect(text(message)).toMatch(/Diffusion/);
    // Six buttons a card take two rows, so a preview may go on in private follow-ups: the papers are across them.
    await bot.pipeline.idle();
    const answers = mock.requests.filter((r) => r.path.includes(`/${String(payload.token)}`));
    for (const r of answers.slice(1)) expect(((r.body as Message).flags ?? 0) & 64).toBe(64);
    expect(JSON.stringify(answers.map((r) => r.body))).toMatch(/Value Function/);
    const shared = await interact(command('digest', [{ name: 'share', type: 5, value: true }]));
    expect(shared.message?.flags).toBeUndefined();
    expect(text(shared.message)).toMatch(/Diffusion/);
  });

  it('settings: anyone may look, only managers may change', async () => {
    const look = await interact(command('settings'));
    expect(text(look.message)).toMatch(/08:30/);
    const change = [{ name: 'time', type: 3, value: '07:45' }];
    const refused = await interact(command('settings', change));
    expect(text(refused.message)).toMatch(/Only people who can manage this channel/);
    await interact(command('settings', change, MANAGE_CHANNELS));
    expect((await services.store.listChannels())[0]?.time).toBe('07:45');
  });

  it('unsubscribe needs Manage Channels too', async () => {
    const refused = await interact(
      command('unsubscribe', [{ name: 'topics', type: 3, value: 'value functions' }]),
    );
    expect(text(refused.message)).toMatch(/Only people who can manage this channel/);
    await interact(
      command('unsubscribe', [{ name: 'topics', type: 3, value: 'value functions' }], MANAGE_CHANNELS),
    );
    expect((await services.store.listChannels())[0]?.topics).toEqual(['diffusion']);
  });

  it('a digest posted through the delivery port stays within limits and pings nobody', async () => {
    const result = await runtime.deliveryPort.deliver({
      channel: { platform: 'discord', workspace: GUILD, channel: CHANNEL },
      nonce: 'e2e-nonce-0001',
      view: {
        kind: 'list',
        title: 'Paper digest · Fri 2 May 2025',
        cards: PAPERS.map((p) => ({
          id: p.id,
          title: p.title,
          tldr: p.abstract,
          keyPoints: [],
          authors: p.authors,
          links: p.links,
          source: p.source,
        })),
      },
    });
    expect(result.ok).toBe(true);
    const [posted] = mock.find('POST', new RegExp(`^/channels/${CHANNEL}/messages$`));
    expect(limitBreaches(posted!.body)).toEqual([]);
    expect(JSON.stringify(posted!.body)).not.toMatch(/@everyone|<@\d+>/);
  });

  it('tells a user who floods commands to slow down, privately, while others are served', async () => {
    const FLOODER = '555555555555555555';
    const search = () => command('search', [{ name: 'query', type: 3, value: 'diffusion' }], '0', 2, FLOODER);
    for (let i = 0; i < 5; i++) {
      const { message } = await interact(search());
      expect(message?.embeds?.[0]?.title).toMatch(/diffusion/i);
    }
    const { message: refused } = await interact(search());
    expect(refused?.content).toMatch(/You're sending commands quickly — try again in \d+ s\./);
    expect(refused?.flags).toBe(64);
    expect(refused?.embeds ?? []).toEqual([]);
    const { message: other } = await interact(
      command('search', [{ name: 'query', type: 3, value: 'diffusion' }]),
    );
    expect(other?.embeds?.[0]?.title).toMatch(/diffusion/i);
  });
});
