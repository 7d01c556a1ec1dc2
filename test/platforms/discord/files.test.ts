import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../src/app/services.js';
import { silentLogger } from '../../../src/logger.js';
import { createDiscordDelivery } from '../../../src/platforms/discord/delivery.js';
import { renderView } from '../../../src/platforms/discord/render.js';
import { createRest } from '../../../src/platforms/discord/rest.js';
import type { View } from '../../../src/views/types.js';
import { FixedClock } from '../../app/fakes.js';
import {
  APP,
  CHANNEL,
  GUILD,
  type HttpBot,
  papersCommand,
  type SlashOption,
  startHttpBot,
} from './http-bot.js';
import type { MockDiscord, RecordedRequest } from './mock-discord.js';

// Files of a View (the trends chart, the BibTeX export) reach Discord as real attachments: multipart/form-data
// with payload_json and files[n], sent by discord.js's REST client to the mock, which parses it as Discord does.

const PNG_MAGIC = '89504e470d0a1a0a';

let bot: HttpBot;
let mock: MockDiscord;
let services: AppServices;
let seq = 0;

beforeAll(async () => {
  // The bundled seed is listed on 8 May 2025: trends look back from the Monday after.
  bot = await startHttpBot({ clock: new FixedClock(new Date('2025-05-12T10:00:00Z')) });
  ({ mock, services } = bot);
});

afterAll(() => bot.close());

function command(sub: string, options: SlashOption[] = []) {
  seq += 1;
  return papersCommand(seq, `files-${seq}`, sub, options);
}

/** Sends a signed interaction; returns the immediate answer type and the request that delivered the answer. */
async function interact(payload: ReturnType<typeof command>) {
  const res = await bot.post(payload);
  const json = (await res.json()) as { type: number; data?: { flags?: number } };
  const route = new RegExp(`^/webhooks/${APP}/${payload.token}(/messages/@original)?$`);
  const [delivered] = await mock.waitUntil(
    (r) => (r.method === 'PATCH' || r.method === 'POST') && route.test(r.path),
  );
  return { json, delivered: delivered! };
}

type Sent = {
  embeds?: { image?: { url: string }; description?: string }[];
  attachments?: { id: number; filename: string; description?: string }[];
};

function sent(r: RecordedRequest): Sent {
  return r.body as Sent;
}

describe('Discord file delivery', () => {
  it('attaches the trends chart as a PNG shown in the embed, instead of the text table', async () => {
    const { json, delivered } = await interact(
      command('trends', [
        { name: 'topic', type: 3, value: 'diffusion' },
        { name: 'weeks', type: 4, value: 4 },
      ]),
    );
    // A JSON response cannot carry a file: the answer is deferred and edited in with the attachment.
    expect(json.type).toBe(5);
    expect(delivered.method).toBe('PATCH');
    expect(delivered.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const [file] = delivered.files;
    expect(file).toMatchObject({ key: 'files[0]', filename: 'trends-diffusion.png' });
    expect(file!.data.subarray(0, 8).toString('hex')).toBe(PNG_MAGIC);
    expect(file!.data.byteLength).toBeGreaterThan(1000);
    const message = sent(delivered);
    expect(message.attachments).toEqual([
      { id: 0, filename: 'trends-diffusion.png', description: expect.stringMatching(/^Bar chart of /) },
    ]);
    expect(message.embeds?.[0]?.image?.url).toBe('attachment://trends-diffusion.png');
    expect(message.embeds?.[0]?.description).not.toContain('```');
  });

  it('attaches the reading list as reading-list.bib, privately', async () => {
    const channel = { platform: 'discord', workspace: GUILD, channel: CHANNEL } as const;
    const found = services.search.search('diffusion', { limit: 1 });
    if (!found.ok) throw new Error('the seed catalog has diffusion papers');
    await services.store.savePaper(channel, found.hits[0]!.paper.id, 'discord:4');
    const { json, delivered } = await interact(
      command('list', [{ name: 'export', type: 3, value: 'bibtex' }]),
    );
    expect(json).toEqual({ type: 5, data: { flags: 64 } });
    const [file] = delivered.files;
    expect(file).toMatchObject({ key: 'files[0]', filename: 'reading-list.bib' });
    expect(file!.data.toString('utf8')).toMatch(/^@\w+\{/);
    expect(sent(delivered).attachments?.[0]?.filename).toBe('reading-list.bib');
  });

  it('posts a scheduled View with a file as one multipart message', async () => {
    const rest = createRest({ apiUrl: mock.url, token: 'test-token', retries: 0 });
    const delivery = createDiscordDelivery({ rest, store: services.store, logger: silentLogger() });
    const png = Uint8Array.from(Buffer.from(`${PNG_MAGIC}0000000d49484452`, 'hex'));
    const view: View = {
      kind: 'notice',
      title: 'Weekly trend',
      text: 'The week in one chart.',
      files: [{ name: 'week.png', contentType: 'image/png', data: png, alt: 'A chart', fallback: 'a | b' }],
    };
    const result = await delivery.deliver({
      channel: { platform: 'discord', workspace: GUILD, channel: '444444444444444444' },
      view,
      nonce: 'files-delivery-1',
    });
    expect(result.ok).toBe(true);
    const [post] = mock.find('POST', /^\/channels\/444444444444444444\/messages$/);
    expect(post!.files).toHaveLength(1);
    expect(post!.files[0]!.filename).toBe('week.png');
    expect(Uint8Array.from(post!.files[0]!.data)).toEqual(png);
    expect((post!.body as { nonce?: string }).nonce).toBe('files-delivery-1');
  });
});

describe('Discord attachment limits', () => {
  const file = (name: string, bytes: number) => ({
    name,
    contentType: 'application/octet-stream',
    data: new Uint8Array(bytes),
    alt: name,
    fallback: `text of ${name}`,
  });

  it('shows a file over 25 MiB as its text and attaches nothing', () => {
    const rendered = renderView({
      kind: 'notice',
      title: 'Export',
      text: 'Here it is.',
      files: [file('huge.bib', 25 * 1024 * 1024 + 1)],
    });
    expect(rendered.files).toBeUndefined();
    expect(rendered.messages[0]!.attachments).toBeUndefined();
    expect(rendered.messages[0]!.embeds[0]!.description).toContain('text of huge.bib');
  });

  it('attaches at most 10 files and gives the rest as text', () => {
    const files = Array.from({ length: 11 }, (_, i) => file(`f${i}.txt`, 10));
    const rendered = renderView({ kind: 'notice', text: 'Many files.', files });
    expect(rendered.files?.map((f) => f.name)).toHaveLength(10);
    expect(rendered.messages[0]!.attachments?.at(-1)).toMatchObject({ id: 9, filename: 'f9.txt' });
    expect(rendered.messages[0]!.content).toContain('text of f10.txt');
    expect(rendered.messages[0]!.content).not.toContain('text of f9.txt');
  });
});
