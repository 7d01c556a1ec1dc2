import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../../src/config.js';
import { type RunningServer, startHttpServer } from '../../../src/http/server.js';
import { silentLogger } from '../../../src/logger.js';
import { createMetrics } from '../../../src/metrics.js';
import { decodeId } from '../../../src/platforms/discord/custom-id.js';
import { type DiscordRuntime, startDiscord } from '../../../src/platforms/discord/index.js';
import { fakeServices, paper } from './fakes.js';
import { limitBreaches } from './limits-check.js';
import { MockDiscord } from './mock-discord.js';
import { testCommands, testParseLine } from './test-commands.js';

const keys = generateKeyPairSync('ed25519');
/** The raw 32-byte key, hex, as the Developer Portal shows it: the tail of the SPKI DER. */
const PUBLIC_KEY = keys.publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
const APP = '111111111111111111';
const GUILD = '222222222222222222';
const CHANNEL = '333333333333333333';

let mock: MockDiscord;
let server: RunningServer;
let runtime: DiscordRuntime;
let services: Awaited<ReturnType<typeof fakeServices>>;
let metrics: ReturnType<typeof createMetrics>;
let seq = 0;

beforeEach(async () => {
  mock = await new MockDiscord().start();
  services = await fakeServices();
  metrics = createMetrics({ defaults: false });
  const config = readConfig({
    DISCORD_INTERACTIONS: 'http',
    DISCORD_PUBLIC_KEY: PUBLIC_KEY,
    DISCORD_APPLICATION_ID: APP,
    DISCORD_TOKEN: 'test-token',
    DISCORD_API_URL: mock.url,
  }).discord!;
  runtime = await startDiscord({
    config,
    services,
    commands: testCommands,
    parseLine: testParseLine(testCommands),
    logger: silentLogger(),
    metrics,
    deferAfterMs: 300,
    admins: ['discord:777777777777777777'],
  });
  server = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    routes: runtime.httpRoutes,
    health: async () => ({ ready: true, checks: {} }),
    logger: silentLogger(),
  });
});

afterEach(async () => {
  await runtime.stop();
  await server.close();
  await mock.stop();
  await services.store.close();
});

function signed(body: string, timestamp = String(Math.floor(Date.now() / 1000))) {
  return {
    'content-type': 'application/json',
    'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), keys.privateKey).toString('hex'),
    'x-signature-timestamp': timestamp,
  };
}

async function post(payload: unknown, headers?: Record<string, string>) {
  const body = JSON.stringify(payload);
  const res = await fetch(`http://127.0.0.1:${server.port}/discord/interactions`, {
    method: 'POST',
    body,
    headers: headers ?? signed(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

type Opt = { name: string; type: number; value?: unknown; focused?: boolean };

function base(type: number, permissions = '0') {
  seq += 1;
  return {
    id: `9${String(seq).padStart(17, '0')}`,
    application_id: APP,
    type,
    token: `token-${seq}`,
    version: 1,
    guild_id: GUILD,
    channel_id: CHANNEL,
    app_permissions: '2147483647',
    member: { user: { id: '444444444444444444', username: 'ada' }, permissions },
  };
}

function command(sub: string, options: Opt[] = [], permissions = '0') {
  return {
    ...base(2, permissions),
    data: { id: '1', name: 'papers', type: 1, options: [{ name: sub, type: 1, options }] },
  };
}

function press(customId: string, values?: string[]) {
  return {
    ...base(3),
    message: { id: '555555555555555555' },
    data: { custom_id: customId, component_type: values ? 3 : 2, ...(values ? { values } : {}) },
  };
}

describe('Discord HTTP interactions: security', () => {
  it('answers 401 to a bad signature', async () => {
    const body = JSON.stringify({ ...base(1) });
    const headers = signed(body);
    const tampered = JSON.stringify({ ...base(1), type: 2 });
    const res = await post(JSON.parse(tampered), headers);
    expect(res.status).toBe(401);
  });

  it('answers 401 without signature headers and to a replayed old timestamp', async () => {
    const body = JSON.stringify(base(1));
    expect((await post(base(1), { 'content-type': 'application/json' })).status).toBe(401);
    const old = String(Math.floor(Date.now() / 1000) - 3600);
    expect((await post(JSON.parse(body), signed(body, old))).status).toBe(401);
  });

  it('runs a signed interaction replayed within the window only once, refusing the copy with 409', async () => {
    const payload = command('search', [{ name: 'query', type: 3, value: 'diffusion' }]);
    const body = JSON.stringify(payload);
    const headers = signed(body);
    expect((await post(payload, headers)).status).toBe(200);
    const replay = await post(payload, headers);
    expect(replay.status).toBe(409);
    expect(replay.json).toEqual({ error: 'interaction already received' });
  });

  it('answers PING with PONG', async () => {
    const res = await post(base(1));
    expect(res).toEqual({ status: 200, json: { type: 1 } });
  });
});

describe('Discord HTTP interactions: commands', () => {
  it('answers /papers search with embeds, paging buttons and no mentions', async () => {
    const res = await post(command('search', [{ name: 'query', type: 3, value: 'diffusion' }]));
    expect(res.status).toBe(200);
    expect(res.json.type).toBe(4);
    const data = res.json.data;
    expect(limitBreaches(data)).toEqual([]);
    expect(data.flags).toBeUndefined();
    expect(data.embeds[0].title).toContain('Diffusion Models Beat GANs Again');
    const next = data.components[1].components[2];
    expect(decodeId(next.custom_id)).toEqual({ mode: 'u', line: '/papers search diffusion page:2' });
    const counted = await metrics.registry.getSingleMetricAsString('paperboy_commands_total');
    expect(counted).toContain('command="search",platform="discord",outcome="ok"} 1');
  });

  it('updates the message in place when Next is pressed', async () => {
    const res = await post(press('pb:u:search diffusion page:2'));
    expect(res.json.type).toBe(7);
    expect(res.json.data.content).toContain('Page 2 of 2');
    expect(res.json.data.embeds[0].title).toContain('Diffusion Policies for Robots');
  });

  it('defers a slow command and edits the original answer', async () => {
    const res = await post(command('summarize', [{ name: 'paper', type: 3, value: '2505.00002' }]));
    expect(res.json).toEqual({ type: 5 });
    const [edit] = await mock.waitFor(
      'PATCH',
      /^\/webhooks\/111111111111111111\/token-\d+\/messages\/@original$/,
    );
    const body = edit!.body as { embeds: { title: string; description: string }[] };
    expect(body.embeds[0]!.title).toBe('Reward Hacking in RLHF');
    expect(body.embeds[0]!.description).toContain('TL;DR of Reward Hacking in RLHF.');
    expect(edit!.headers.authorization).toBeUndefined();
    expect(limitBreaches(body)).toEqual([]);
  });

  it('retries a rate-limited edit after Retry-After', async () => {
    mock.script('PATCH', /@original$/, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 0.5, global: false },
      headers: { 'retry-after': '0.5' },
    });
    await post(command('summarize', [{ name: 'paper', type: 3, value: '2505.00002' }]));
    const [limited, edit] = await mock.waitFor('PATCH', /@original$/, 2);
    expect(edit!.at - limited!.at).toBeGreaterThanOrEqual(450);
    expect(JSON.stringify(edit!.body)).toContain('Reward Hacking in RLHF');
    expect(mock.find('POST', /^\/webhooks\//)).toEqual([]);
  });

  it('defers a command that misses the deadline, then edits', async () => {
    const res = await post(command('ponder', [{ name: 'ms', type: 4, value: 700 }]));
    expect(res.json.type).toBe(5);
    const [edit] = await mock.waitFor('PATCH', /@original$/);
    expect((edit!.body as { content: string }).content).toBe('Done pondering.');
  });

  it('answers a quick command directly when it beats the deadline', async () => {
    const res = await post(command('ponder', [{ name: 'ms', type: 4, value: 10 }]));
    expect(res.json).toMatchObject({ type: 4, data: { content: 'Done pondering.' } });
  });

  it('replaces a public "thinking…" with an ephemeral error when a slow command fails', async () => {
    const res = await post(command('explode'));
    expect(res.json).toEqual({ type: 5 });
    await mock.waitFor('POST', /^\/webhooks\/111111111111111111\/token-\d+$/);
    expect(mock.find('DELETE', /@original$/)).toHaveLength(1);
    const [follow] = mock.find('POST', /^\/webhooks\//);
    expect(follow!.body).toMatchObject({ content: '⚠️ That did not work.', flags: 64 });
  });

  it('waits privately for a command that answers privately unless shared', async () => {
    expect((await post(command('preview'))).json).toEqual({ type: 5, data: { flags: 64 } });
    const [edit] = await mock.waitFor('PATCH', /@original$/);
    expect(edit!.body).toMatchObject({ content: 'A preview.' });
    const shared = await post(command('preview', [{ name: 'share', type: 5, value: true }]));
    expect(shared.json).toEqual({ type: 5 });
    await mock.waitFor('PATCH', /@original$/, 2);
    expect(mock.find('DELETE', /@original$/)).toEqual([]);
  });

  it('answers a Summarize press only to the person who pressed it', async () => {
    const res = await post(press('pb:e:summarize 2505.00001'));
    expect(res.json).toEqual({ type: 5, data: { flags: 64 } });
    const [edit] = await mock.waitFor('PATCH', /@original$/);
    expect((edit!.body as { embeds: { title: string }[] }).embeds[0]!.title).toBe(
      'Diffusion Models Beat GANs Again',
    );
  });

  it('runs the paper picked in the summarize menu', async () => {
    const res = await post(press('pb:e:@', ['summarize 2505.00003']));
    expect(res.json.type).toBe(5);
    const [edit] = await mock.waitFor('PATCH', /@original$/);
    expect((edit!.body as { embeds: { title: string }[] }).embeds[0]!.title).toBe(
      'Diffusion Policies for Robots',
    );
  });

  it('reads a long command line back from the store, and says so when it has expired', async () => {
    await services.store.setValue('discord-actions', 'abc', 'search robots');
    const res = await post(press('pb:u:#abc'));
    expect(res.json.type).toBe(7);
    expect(res.json.data.content).toContain('robots');
    const gone = await post(press('pb:u:#missing'));
    expect(gone.json).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(gone.json.data.content).toContain('This button has expired');
  });

  it('acknowledges presses on disabled or foreign components without changing anything', async () => {
    expect((await post(press('pb:x:page'))).json).toEqual({ type: 6 });
    expect((await post(press('someone-else:42'))).json).toEqual({ type: 6 });
  });
});

describe('Discord HTTP interactions: permissions', () => {
  const subscribe = (permissions: string) =>
    command(
      'subscribe',
      [
        { name: 'topics', type: 3, value: 'diffusion; rlhf' },
        { name: 'when_empty', type: 3, value: 'silent' },
      ],
      permissions,
    );

  it('politely refuses subscribe without Manage Channels, ephemerally', async () => {
    const res = await post(subscribe(String(0x400 | 0x800)));
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags).toBe(64);
    expect(res.json.data.content).toMatch(/Only people who can manage this channel/);
    expect(await services.store.listChannels()).toEqual([]);
  });

  it('lets Manage Channels (0x10) and Administrator (0x8) subscribe', async () => {
    const manage = await post(subscribe(String(0x10)));
    expect(manage.json.data).toMatchObject({ flags: 64 });
    expect(manage.json.data.embeds[0].title).toBe('Subscribed');
    const admin = await post(subscribe(String(0x8)));
    expect(admin.json.data.embeds[0].title).toBe('Subscribed');
    const [channel] = await services.store.listChannels();
    expect(channel).toMatchObject({ platform: 'discord', workspace: GUILD, channel: CHANNEL });
    expect(channel!.topics).toEqual(['diffusion', 'rlhf']);
  });

  it('lets people listed in PAPERBOY_ADMINS subscribe without the permission', async () => {
    const payload = subscribe('0');
    payload.member.user.id = '777777777777777777';
    const res = await post(payload);
    expect(res.json.data.embeds[0].title).toBe('Subscribed');
  });

  it('warns the admin when the bot cannot post digests in this channel', async () => {
    const payload = { ...subscribe(String(0x10)), app_permissions: String(0x400) };
    const res = await post(payload);
    expect(res.json.data.embeds[0].title).toBe('Subscribed');
    const [follow] = await mock.waitFor('POST', /^\/webhooks\//);
    expect(follow!.body).toMatchObject({ flags: 64 });
    expect(JSON.stringify(follow!.body)).toContain('Send Messages, Embed Links');
  });
});

describe('Discord HTTP interactions: DMs and user-installed contexts', () => {
  /**
   * /papers subscribe outside a server: `user` instead of `member`, no guild_id, and `context` and
   * `authorizing_integration_owners` as Discord's interaction docs describe them (invented values).
   */
  function dmSubscribe(context: number) {
    const { guild_id: _guild, member: _member, ...rest } = base(2);
    return {
      ...rest,
      channel_id: '888888888888888888',
      context,
      authorizing_integration_owners: { '1': '444444444444444444' },
      app_permissions: '0',
      user: { id: '444444444444444444', username: 'ada' },
      data: {
        id: '1',
        name: 'papers',
        type: 1,
        options: [{ name: 'subscribe', type: 1, options: [{ name: 'topics', type: 3, value: 'diffusion' }] }],
      },
    };
  }

  it('subscribes in a DM with the bot without asking for channel permissions', async () => {
    const payload = dmSubscribe(1);
    const res = await post(payload);
    expect(res.json.data.embeds[0].title).toBe('Subscribed');
    // A second interaction's answer proves the first one's follow-ups, if any, had their turn.
    await post(command('help'));
    await new Promise((r) => setTimeout(r, 100));
    const followUps = mock.requests.filter((r) => r.path.includes(payload.token));
    expect(followUps.map((r) => JSON.stringify(r.body))).toEqual([]);
  });

  it('says plainly that subscribe needs a channel in another person’s DM or group DM', async () => {
    const res = await post(dmSubscribe(2));
    expect(res.json.data.flags).toBe(64);
    expect(res.json.data.content).toContain('Digests need a channel Paperboy can post in');
    expect(await services.store.listChannels()).toEqual([]);
  });
});

describe('Discord metrics', () => {
  it('counts digests posted by the Discord delivery port and the live catalog', async () => {
    const result = await runtime.deliveryPort.deliver({
      channel: { platform: 'discord', workspace: GUILD, channel: CHANNEL },
      view: { kind: 'notice', title: "Today's papers", text: 'Nothing new.' },
      nonce: 'metrics-1',
    });
    expect(result.ok).toBe(true);
    const posted = await metrics.registry.getSingleMetricAsString('paperboy_digests_posted_total');
    expect(posted).toContain('platform="discord"} 1');
    const before = services.search.size;
    services.search.upsert([paper('2506.00009', 'Arrived while serving')]);
    const size = await metrics.registry.getSingleMetricAsString('paperboy_catalog_papers');
    expect(size).toContain(`paperboy_catalog_papers ${before + 1}`);
  });
});

describe('Discord HTTP interactions: autocomplete', () => {
  /** An autocomplete request while the user types `value` into /papers summarize's paper option. */
  const typing = (value: string) => ({
    ...base(4),
    data: {
      name: 'papers',
      type: 1,
      options: [{ name: 'summarize', type: 1, options: [{ name: 'paper', type: 3, value, focused: true }] }],
    },
  });

  it('suggests papers for the summarize option from search', async () => {
    const res = await post(typing('diff'));
    expect(res.json.type).toBe(8);
    expect(res.json.data.choices).toEqual([
      { name: 'Diffusion Models Beat GANs Again · 2505.00001', value: '2505.00001' },
      { name: 'Diffusion Policies for Robots · 2505.00003', value: '2505.00003' },
    ]);
    expect(services.search.suggestCalls).toEqual(['diff']);
  });

  const slugged = () =>
    paper(
      'stop-summation-min-form-credit-assignment-is-all-process-reward-model-needs-for-reasoning',
      'Stop Summation: Min-Form Credit Assignment Is All Process Reward Model Needs for Reasoning Models',
      { arxivId: '2504.15275' },
    );

  it('names a choice by its title cut at a word and its arXiv id, never its slug', async () => {
    services.search.upsert([slugged()]);
    const res = await post(typing('stop summ'));
    const [choice] = res.json.data.choices as { name: string; value: string }[];
    expect(choice?.value).toBe(slugged().id);
    expect(choice?.name).toBe(
      'Stop Summation: Min-Form Credit Assignment Is All Process Reward Model Needs for… · 2504.15275',
    );
    expect(choice!.name.length).toBeLessThanOrEqual(100);
  });

  it('finds a paper by part of its arXiv id or by words from the middle of its title', async () => {
    services.search.upsert([slugged()]);
    for (const typed of ['2504.1527', 'credit assign']) {
      const res = await post(typing(typed));
      const values = (res.json.data.choices as { value: string }[]).map((c) => c.value);
      expect(values, typed).toContain(slugged().id);
    }
  });

  it('offers trending papers before anything is typed', async () => {
    const res = await post(typing(''));
    expect(res.json.data.choices.map((c: { value: string }) => c.value)).toEqual([
      '2505.00001',
      '2505.00002',
      '2505.00003',
      '2505.00004',
    ]);
  });
});
