import { describe, expect, it } from 'vitest';
import { splitTopicWeeks } from '../../commands/trends.js';
import { renderView as renderConsole } from '../../src/platforms/console/render.js';
import { renderView as renderDiscord } from '../../src/platforms/discord/render.js';
import { renderView as renderSlack } from '../../src/platforms/slack/render.js';
import { seedWorld } from '../app/fakes.js';
import { as, run } from './run.js';

/** The bundled seed is Hugging Face trending papers listed on Thu 8 May 2025; now is Mon 12 May 2025. */
describe('/papers trends', () => {
  it('answers with a PNG chart of the topic’s weeks, its text table and the rising papers', async () => {
    const world = await seedWorld();
    const view = as(await run(world as never, '/papers trends diffusion 4'), 'notice');
    expect(view.title).toBe('Trends on “diffusion” · last 4 weeks');
    expect(view.text).toMatch(/^\d+ papers?, \d+ upvotes?\. Busiest: the week of 2025-05-05/);
    const [file] = view.files ?? [];
    expect(file).toMatchObject({ name: 'trends-diffusion.png', contentType: 'image/png' });
    expect(Buffer.from(file!.data.subarray(0, 4)).toString('hex')).toBe('89504e47');
    expect(file!.alt).toMatch(/^Bar chart of \d+ papers? on “diffusion” per week over 4 weeks/);
    expect(file!.fallback.split('\n')).toHaveLength(5);
    expect(file!.fallback).toContain('week of 5 May 2025');
    // Rising papers: listed that week, hottest first, each with its id and upvotes.
    expect(view.fields?.length).toBeGreaterThan(0);
    expect(view.fields?.[0]?.name).toMatch(/^1\. /);
    expect(view.fields?.[0]?.value).toMatch(/(^|· )8 May 2025$/);
  });

  it('takes the weeks as an option too, and the whole catalog without a topic', async () => {
    const world = await seedWorld();
    const view = as(await run(world as never, '/papers trends weeks:2'), 'notice');
    expect(view.title).toBe('Trends in the catalog · last 2 weeks');
    expect(view.files?.[0]?.name).toBe('trends-all.png');
  });

  it('refuses weeks out of range, saying the range', async () => {
    const world = await seedWorld();
    const view = as(await run(world as never, '/papers trends diffusion 40'), 'error');
    expect(view.text).toBe('weeks must be from 2 to 26 (got 40).');
  });

  it('says so when nothing matches in the window', async () => {
    const world = await seedWorld(new Date('2026-01-12T10:00:00Z'));
    const view = as(await run(world as never, '/papers trends diffusion'), 'notice');
    expect(view.title).toBe('No papers on “diffusion” in the last 8 weeks');
    expect(view.files).toBeUndefined();
  });

  it('reads a trailing number as the weeks', () => {
    expect(splitTopicWeeks('reward hacking 12')).toEqual({ topic: 'reward hacking', weeks: 12 });
    expect(splitTopicWeeks('gpt 4o')).toEqual({ topic: 'gpt 4o' });
    expect(splitTopicWeeks('6')).toEqual({ weeks: 6 });
    expect(splitTopicWeeks(undefined)).toEqual({});
  });

  it('renders on every platform: the PNG attached on Discord, the table carried for a failed upload', async () => {
    const world = await seedWorld();
    const view = as(await run(world as never, '/papers trends diffusion 3'), 'notice');
    const table = view.files![0]!.fallback;
    const discord = renderDiscord(view);
    expect(discord.files?.[0]?.name).toBe('trends-diffusion.png');
    // Discord shows the chart in the embed; its text table would only repeat it.
    expect(discord.messages[0]!.embeds[0]!.image?.url).toBe('attachment://trends-diffusion.png');
    expect(discord.messages[0]!.embeds[0]!.description).not.toContain(table);
    // Slack's interactive answer uploads the PNG; a post without uploads (a delivery) shows the table.
    const [slack] = renderSlack(view, { uploads: true });
    expect(slack!.files?.[0]?.contentType).toBe('image/png');
    expect(JSON.stringify(slack!.blocks)).not.toContain('week of 5 May 2025');
    const [posted] = renderSlack(view);
    expect(posted!.files).toBeUndefined();
    expect(JSON.stringify(posted!.blocks)).toContain('week of 5 May 2025');
    const text = renderConsole(view, { width: 100 });
    expect(text).toContain(table);
    expect(text).toContain('Bar chart of');
  });
});
