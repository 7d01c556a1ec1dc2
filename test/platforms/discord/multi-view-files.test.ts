// Files of an answer made of several views reach Discord each with its own view: immediate answers, deferred ones,
// shared posts — read from what discord.js's REST client sent to the mock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result, Runtime } from '../../../src/app/runtime.js';
import { buttonId } from '../../../src/platforms/discord/custom-id.js';
import type { View } from '../../../src/views/types.js';
import { FixedClock } from '../../app/fakes.js';
import { APP, type HttpBot, papersCommand, type SlashOption, startHttpBot } from './http-bot.js';
import type { RecordedRequest } from './mock-discord.js';

/** The second view every answer gets here: a notice with a file of its own. */
const EXTRA: View = {
  kind: 'notice',
  title: 'And the raw numbers',
  text: 'The same weeks as a table.',
  files: [
    {
      name: 'weeks.csv',
      contentType: 'text/csv',
      data: new TextEncoder().encode('week,papers\n2025-05-05,3\n'),
      alt: 'Papers per week as CSV',
      fallback: 'week | papers',
    },
  ],
};

/**
 * The real pipeline, with EXTRA after each answer's own views. No Paperboy command answers with two views that
 * both carry files yet (the second view today is a permissions heads-up); this stands for the next one that does.
 */
function withExtraView(real: Runtime): Runtime {
  const more = (r: Result): Result => ({
    ...r,
    views: [...r.views, { ...EXTRA, ...(r.views[0]?.ephemeral ? { ephemeral: true } : {}) }],
  });
  return {
    ...real,
    run: async (invocation) => more(await real.run(invocation)),
    answer: async (invocation, timing) => {
      const given = await real.answer(invocation, timing);
      return given.at === 'once'
        ? { ...more(given), at: 'once' }
        : { ...given, result: given.result.then(more) };
    },
  };
}

let bot: HttpBot;
let seq = 0;
beforeAll(async () => {
  // The bundled seed is listed on 8 May 2025: trends look back from the Monday after.
  bot = await startHttpBot({
    clock: new FixedClock(new Date('2025-05-12T10:00:00Z')),
    pipeline: withExtraView,
  });
});
afterAll(() => bot.close());

function interaction(sub: string, options: SlashOption[] = [], extra: Record<string, unknown> = {}) {
  seq += 1;
  return { ...papersCommand(seq, `multi-${seq}`, sub, options), ...extra };
}

/** The answer type, then every webhook request of this interaction once the pipeline is idle, in order. */
async function sendAndSettle(payload: ReturnType<typeof interaction>, atLeast: number) {
  const res = await bot.post(payload);
  const json = (await res.json()) as { type: number };
  const mine = (r: RecordedRequest) => r.path.startsWith(`/webhooks/${APP}/${payload.token}`);
  await bot.mock.waitUntil(mine, atLeast);
  await bot.pipeline.idle();
  return { json, requests: bot.mock.requests.filter(mine) };
}

const fileNames = (r: RecordedRequest | undefined) => (r?.files ?? []).map((f) => f.filename);
const attachmentNames = (r: RecordedRequest | undefined) =>
  (((r?.body ?? {}) as { attachments?: { filename: string }[] }).attachments ?? []).map((a) => a.filename);

describe('an answer of several views on Discord', () => {
  it('sends a later view’s file with that view’s follow-up when the first view answered at once', async () => {
    const { json, requests } = await sendAndSettle(interaction('help'), 1);
    expect(json.type).toBe(4);
    const [followUp] = requests.filter((r) => r.method === 'POST');
    expect(fileNames(followUp)).toEqual(['weeks.csv']);
    expect(attachmentNames(followUp)).toEqual(['weeks.csv']);
  });

  it('edits the first view in with its chart, and sends the second view with its own file', async () => {
    const { json, requests } = await sendAndSettle(
      interaction('trends', [
        { name: 'topic', type: 3, value: 'diffusion' },
        { name: 'weeks', type: 4, value: 4 },
      ]),
      2,
    );
    expect(json.type).toBe(5);
    const edit = requests.find((r) => r.method === 'PATCH' && r.path.endsWith('/messages/@original'));
    expect(fileNames(edit)).toEqual(['trends-diffusion.png']);
    const followUps = requests.filter((r) => r.method === 'POST');
    expect(followUps.map(fileNames)).toEqual([['weeks.csv']]);
    expect(attachmentNames(followUps[0])).toEqual(['weeks.csv']);
  });

  it('shares every view to the channel, each with its own file', async () => {
    const press = interaction('trends', [], {
      type: 3,
      message: { id: '700000000000000001', flags: 64 },
      data: { custom_id: buttonId('/papers trends diffusion weeks:4', 'p', {}), component_type: 2 },
    });
    const { json, requests } = await sendAndSettle(press, 2);
    expect(json.type).toBe(6);
    const posts = requests.filter((r) => r.method === 'POST');
    expect(posts.map(fileNames)).toEqual([['trends-diffusion.png'], ['weeks.csv']]);
  });
});
