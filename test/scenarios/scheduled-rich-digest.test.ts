// A scheduled digest end to end on Discord (discord.js REST) and Slack (Bolt's Web API client), from recorded HF and
// arXiv answers: what the mock APIs received shows the thumbnail, the code link with stars, the Hub line and the venue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActions } from '../../commands/index.js';
import type { Services } from '../../src/app/types.js';
import type { Paper } from '../../src/catalog/paper.js';
import { silentLogger } from '../../src/logger.js';
import { createScheduler, type Scheduler } from '../../src/schedule/scheduler.js';
import { parseArxivFeed } from '../../src/sources/arxiv.js';
import { createHfSource } from '../../src/sources/hf.js';
import { createHubLookup } from '../../src/sources/hf-repos.js';
import type { ChannelKey } from '../../src/store/types.js';
import { type HttpBot, startHttpBot } from '../platforms/discord/http-bot.js';
import { fastDeps, startServer } from '../sources/helpers.js';
import { HUB_REPOS_ANSWER } from '../support/hub-repos.js';
import { real } from '../support/real.js';
import { type SlackHarness, startSlackHarness } from './drivers/slack.js';
import { scenarioWorld, type World } from './world.js';

const HF_ID = '2602.23229';
const THUMBNAIL = `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${HF_ID}.png`;
const CODE = 'https://github.com/marco-garosi/CIRCLE';
const VENUE = 'Phys. Rev. B 74, 024520 (2006)';
/** The day after the recorded paper was on HF's daily list; both channels want their digest at 09:00 UTC. */
const NOW = new Date('2026-03-07T08:00:00Z');
const DUE = new Date('2026-03-07T09:01:00Z');

/**
 * The catalog as the live sources build it: the recorded current-shape HF item fetched through the HF source, with
 * its Hub repositories looked up at `/api/arxiv/<id>/repos` (the documented shape: no recording exists), plus the
 * recorded arXiv answer whose paper carries a journal reference (its venue).
 */
async function recordedCatalog(): Promise<Paper[]> {
  const item = real(`hf/daily-papers-item-${HF_ID}-current-shape.json`);
  const server = await startServer((url) => ({
    body: url.pathname === `/api/arxiv/${HF_ID}/repos` ? HUB_REPOS_ANSWER : `[${item}]`,
  }));
  try {
    const { deps } = fastDeps();
    const http = { apiUrl: `${server.url}/api`, deps, logger: silentLogger() };
    const hf = createHfSource({ ...http, days: 1, timeZone: 'UTC', hub: createHubLookup(http) });
    const fetched = await hf.fetch({ now: NOW, date: '2026-03-06' });
    expect(fetched.problems).toEqual([]);
    const feed = parseArxivFeed(real('arxiv/query-del-maestro-checkerboard.xml'));
    if ('error' in feed) throw new Error(feed.error);
    return [...fetched.papers, ...feed.papers];
  } finally {
    await server.close();
  }
}

const discordChannel: ChannelKey = {
  platform: 'discord',
  workspace: '613425648685547541',
  channel: '333333333333333333',
};
const slackChannel: ChannelKey = { platform: 'slack', workspace: 'T0123ABCD', channel: 'C0123ABCDEF' };
const settings = {
  topics: ['in-context classifiers', 'checkerboard order'],
  count: 2,
  time: '09:00',
  timezone: 'UTC',
};

let world: World;
let discord: HttpBot<Services>;
let slack: SlackHarness;
let scheduler: Scheduler;
beforeAll(async () => {
  world = await scenarioWorld({ papers: await recordedCatalog(), now: NOW });
  discord = await startHttpBot({ services: world.services });
  slack = await startSlackHarness(world.services);
  await world.store.updateChannel(discordChannel, settings, 'admin');
  await world.store.updateChannel(slackChannel, settings, 'admin');
  scheduler = createScheduler({
    store: world.store,
    planner: world.services.digest,
    summarizer: world.services.summarizer,
    papers: world.services.search,
    ports: [discord.runtime.deliveryPort, slack.runtime.deliveryPort],
    logger: silentLogger(),
    clock: world.clock,
    cardActions,
  });
  const report = await scheduler.tick(DUE);
  expect(report.outcomes).toEqual({ sent: 2 });
});
afterAll(async () => {
  await scheduler?.stop(1_000);
  await discord?.close();
  await slack?.close();
  await world?.close();
});

type Embed = {
  title?: string;
  description?: string;
  thumbnail?: { url?: string };
  fields?: { name: string; value: string }[];
};

describe('a scheduled digest on Discord, as the mock API received it', () => {
  const posted = () =>
    discord.mock
      .find('POST', new RegExp(`^/channels/${discordChannel.channel}/messages$`))
      .flatMap((r) => ((r.body as { embeds?: Embed[] }).embeds ?? []) as Embed[]);

  it('posts both picks in the channel, the HF paper with its thumbnail in the corner', () => {
    const embeds = posted();
    expect(embeds).toHaveLength(2);
    const hf = embeds.find((e) => e.title?.includes('In-Context Classifiers'));
    expect(hf?.thumbnail?.url).toBe(THUMBNAIL);
  });

  it('links the code with its stars, and lists the Hub’s models, datasets and Spaces with their top links', () => {
    const hf = posted().find((e) => e.title?.includes('In-Context Classifiers'));
    expect(hf?.description).toContain(`[Code ★ 9](${CODE})`);
    // The summary's "Code: <url>" key point gives way to the starred link rather than hiding it.
    expect(hf?.description).not.toContain(`Code: ${CODE}`);
    expect(hf?.fields?.find((f) => f.name === 'On the Hub')?.value).toBe(
      '[3 models](https://huggingface.co/marco-garosi/circle-llava) · ' +
        '[1 dataset](https://huggingface.co/datasets/marco-garosi/circle-bench) · ' +
        '[2 Spaces](https://huggingface.co/spaces/marco-garosi/circle-demo)',
    );
    expect(hf?.fields?.find((f) => f.name === 'Source')?.value).toContain('★ 9');
  });

  it('shows the arXiv paper’s venue on its context line', () => {
    const arxiv = posted().find((e) => e.title?.includes('checkerboard'));
    expect(arxiv?.fields?.find((f) => f.name === 'Source')?.value).toContain(VENUE);
    expect(arxiv?.thumbnail).toBeUndefined();
  });
});

describe('a scheduled digest on Slack, as the mock Web API received it', () => {
  const blocks = () =>
    slack.mock
      .called('chat.postMessage')
      .filter((c) => c.body.channel === slackChannel.channel)
      .map((c) => (typeof c.body.blocks === 'string' ? c.body.blocks : JSON.stringify(c.body.blocks)))
      .join('\n');

  it('posts with the bot token, the HF paper’s thumbnail as an image beside its text, with alt text', () => {
    const [post] = slack.mock
      .called('chat.postMessage')
      .filter((c) => c.body.channel === slackChannel.channel);
    expect(post?.body.token).toBe('xoxb-test');
    const sections = (
      JSON.parse(blocks().split('\n')[0] ?? '[]') as { accessory?: Record<string, unknown> }[]
    )
      .map((b) => b.accessory)
      .filter((a) => a?.type === 'image');
    expect(sections).toEqual([
      {
        type: 'image',
        image_url: THUMBNAIL,
        alt_text: expect.stringContaining('Large Multimodal Models as General In-Context Classifiers'),
      },
    ]);
  });

  it('links the code with its stars, the Hub’s models, datasets and Spaces, and the venue', () => {
    const text = blocks();
    expect(text).toContain('Code ★ 9');
    expect(text).toContain(CODE);
    expect(text).toContain('<https://huggingface.co/marco-garosi/circle-llava|3 models>');
    expect(text).toContain('<https://huggingface.co/datasets/marco-garosi/circle-bench|1 dataset>');
    expect(text).toContain('<https://huggingface.co/spaces/marco-garosi/circle-demo|2 Spaces>');
    expect(text).toContain(VENUE);
  });
});
