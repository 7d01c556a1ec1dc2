import { afterEach, describe, expect, it } from 'vitest';
import { PRIVATE_FILE_NOTE, renderView } from '../../../src/platforms/slack/render.js';
import type { View } from '../../../src/views/types.js';
import { paper } from '../../support/paper.js';
import { type Harness, startRealHarness } from './harness.js';
import { postSigned, slashBody } from './signed.js';

// /papers trends answers a PNG: real Bolt and @slack/web-api upload it with files.uploadV2 against the mock
// Slack API (files.getUploadURLExternal → the bytes → files.completeUploadExternal, answered with Slack's
// documented responses), and fall back to the text table when Slack refuses.

const PNG_MAGIC = '89504e470d0a1a0a';
/** The harness clock says 2025-05-20: these papers fall in the last weeks. */
const catalog = ['2025-05-06', '2025-05-13', '2025-05-14'].map((published, i) =>
  paper({
    id: `2505.2000${i}`,
    title: `Diffusion planners ${i}`,
    abstract: 'Diffusion for planning.',
    published,
    links: { abs: `https://arxiv.org/abs/2505.2000${i}` },
  }),
);

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const blocksOf = (json: unknown) => JSON.stringify((json as { blocks?: unknown }).blocks ?? []);

describe('Slack file uploads', () => {
  it('answers trends in the channel, then uploads the PNG there with its alt text', async () => {
    h = await startRealHarness({ catalog });
    const res = await postSigned(
      h.events,
      slashBody('trends diffusion 4', { response_url: h.mock.responseUrl('trends') }),
    );
    expect(res.json?.response_type).toBe('in_channel');
    // The chart comes as a file, so the message leaves out its table.
    expect(blocksOf(res.json)).not.toContain('```');
    const [asked] = await h.mock.waitFor('files.getUploadURLExternal');
    expect(asked!.body).toMatchObject({ filename: 'trends-diffusion.png' });
    expect(String(asked!.body.alt_text)).toMatch(/^Bar chart of 3 papers on “diffusion” per week/);
    const [done] = await h.mock.waitFor('files.completeUploadExternal');
    expect(done!.body.channel_id).toBe('C1');
    expect(done!.body.files).toEqual([
      { id: 'F012AB3CDE4', title: expect.stringMatching(/^Bar chart of 3 papers/) },
    ]);
    const [upload] = h.mock.uploads;
    expect(upload!.path).toBe('/upload/v1/abcdefghi');
    expect(upload!.data.subarray(0, 8).toString('hex')).toBe(PNG_MAGIC);
    expect(Number(asked!.body.length)).toBe(upload!.data.byteLength);
  });

  it('tells the person who asked which scope is missing and to reinstall, and logs it once per workspace', async () => {
    h = await startRealHarness({ catalog });
    // Slack's body for a scope the token lacks, as recorded in slackapi/java-slack-sdk
    // (src/test/java/com/github/seratch/jslack/Slack_users_Test.java): error, needed, provided.
    h.mock.script = (call) =>
      call.method === 'files.getUploadURLExternal'
        ? {
            json: {
              ok: false,
              error: 'missing_scope',
              needed: 'files:write',
              provided: 'commands,chat:write,chat:write.public',
            },
          }
        : undefined;
    for (const id of ['first', 'second']) {
      await postSigned(h.events, slashBody('trends diffusion 4', { response_url: h.mock.responseUrl(id) }));
      const [fallback, note] = await h.mock.waitFor(`/respond/${id}`, 2);
      expect(blocksOf(fallback!.body)).toMatch(/```[^`]*week of/);
      expect(note!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(String(note!.body.text)).toMatch(
        /^Sorry, the file could not be uploaded here, so it came as text/,
      );
      expect(String(note!.body.text)).toContain('asked for `files:write`');
      expect(String(note!.body.text)).toContain('A workspace admin can reinstall the app');
    }
    const warned = h.logs.filter((l) => String(l.msg).includes('the install lacks files:write'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ team: 'T1', needed: 'files:write', level: 40 });
  });

  it('sends the table instead when the app lacks files:write, and logs how to fix it', async () => {
    h = await startRealHarness({ catalog });
    // Slack's answer to a call the token's scopes do not allow.
    h.mock.script = (call) =>
      call.method === 'files.getUploadURLExternal'
        ? {
            json: {
              ok: false,
              error: 'missing_scope',
              needed: 'files:write',
              provided: 'commands,chat:write',
            },
          }
        : undefined;
    await postSigned(
      h.events,
      slashBody('trends diffusion 4', { response_url: h.mock.responseUrl('scope') }),
    );
    const [fallback] = await h.mock.waitFor('/respond/scope');
    expect(fallback!.body.response_type).toBe('in_channel');
    expect(fallback!.body.replace_original).toBe(false);
    expect(blocksOf(fallback!.body)).toMatch(/```[^`]*week of/);
    expect(h.mock.called('files.completeUploadExternal')).toEqual([]);
    expect(JSON.stringify(h.logs)).toContain('files:write');
  });

  it('sends the table instead when the upload itself fails', async () => {
    h = await startRealHarness({ catalog });
    h.mock.script = (call) =>
      call.method === 'files.completeUploadExternal'
        ? { json: { ok: false, error: 'not_in_channel' } }
        : undefined;
    await postSigned(h.events, slashBody('trends diffusion 4', { response_url: h.mock.responseUrl('nic') }));
    const [fallback] = await h.mock.waitFor('/respond/nic');
    expect(blocksOf(fallback!.body)).toContain('week of');
  });

  it('keeps a private answer’s file as text with a note, and gives nothing to upload', () => {
    const view: View = {
      kind: 'notice',
      title: 'Reading list as BibTeX',
      text: '1 entry in reading-list.bib.',
      files: [
        {
          name: 'reading-list.bib',
          contentType: 'application/x-bibtex',
          data: new TextEncoder().encode('@misc{a2025,\n}'),
          alt: 'BibTeX of the 1 paper saved in this channel',
          fallback: '@misc{a2025,\n}',
        },
      ],
      ephemeral: true,
    };
    const [message] = renderView(view, { uploads: true });
    expect(message!.files).toBeUndefined();
    expect(blocksOf(message)).toContain('@misc{a2025');
    expect(blocksOf(message)).toContain(PRIVATE_FILE_NOTE.slice(0, 40));
    // Shared, the same answer uploads the file and leaves its text out.
    const [shared] = renderView({ ...view, ephemeral: false }, { uploads: true });
    expect(shared!.files?.[0]?.name).toBe('reading-list.bib');
    expect(blocksOf(shared)).not.toContain('@misc');
  });
});
