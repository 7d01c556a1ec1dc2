import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { papersCommands } from '../../../commands/index.js';
import { parseLine } from '../../../src/app/parse-line.js';
import { type Harness, startHarness } from './harness.js';
import { postSigned, slashBody } from './signed.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ parseLine: (line) => parseLine(line, papersCommands), admins: ['slack:UBOSS'] });
  h.mock.users.set('U2', {});
});
afterAll(async () => {
  await h.close();
});

const text = (res: { json?: unknown }) => JSON.stringify(res.json);

describe('Slack /papers with the real commands and parse-line', () => {
  it('searches, with quoted phrases parsed by the shared parser', async () => {
    const res = await postSigned(h.events, slashBody('search "diffusion models"'));
    expect(res.status).toBe(200);
    expect(text(res)).toContain('Diffusion models study');
    expect(res.json?.unfurl_links).toBe(false);
  });

  it('answers help privately', async () => {
    const res = await postSigned(h.events, slashBody('help'));
    expect(res.json?.response_type).toBe('ephemeral');
    expect(text(res)).toContain('subscribe');
  });

  it('gives a wrong argument that subcommand’s usage', async () => {
    const res = await postSigned(h.events, slashBody('subscribe diffusion count:99', { user_id: 'UBOSS' }));
    expect(res.json?.response_type).toBe('ephemeral');
    expect(text(res)).toContain('Usage: /papers subscribe');
  });

  it('refuses subscribe to a member and lets PAPERBOY_ADMINS subscribe without users.info', async () => {
    const refused = await postSigned(h.events, slashBody('subscribe diffusion', { user_id: 'U2' }));
    expect(text(refused)).toContain('Only people who can manage this channel');
    const before = h.mock.called('users.info').length;
    const res = await postSigned(h.events, slashBody('subscribe diffusion time:08:30', { user_id: 'UBOSS' }));
    expect(res.status).toBe(200);
    expect(h.mock.called('users.info').length).toBe(before);
    const record = await h.store.getChannel({ platform: 'slack', workspace: 'T1', channel: 'C1' });
    expect(record?.topics).toEqual(['diffusion']);
    expect(record?.time).toBe('08:30');
  });

  it('subscribes without channels:read, and logs the missing scope once for the workspace', async () => {
    // Slack's body for a scope the token lacks (source noted in files.test.ts).
    h.mock.script = (call) =>
      call.method === 'conversations.info'
        ? { json: { ok: false, error: 'missing_scope', needed: 'channels:read', provided: 'commands' } }
        : undefined;
    try {
      for (const channel of ['C7', 'C8']) {
        const res = await postSigned(
          h.events,
          slashBody('subscribe diffusion', { user_id: 'UBOSS', channel_id: channel }),
        );
        expect(res.status).toBe(200);
        const record = await h.store.getChannel({ platform: 'slack', workspace: 'T1', channel });
        expect(record?.topics).toEqual(['diffusion']);
      }
      expect(h.mock.called('conversations.info').length).toBeGreaterThanOrEqual(2);
      const warned = h.logs.filter((l) => String(l.msg).includes('the install lacks channels:read'));
      expect(warned).toHaveLength(1);
    } finally {
      h.mock.script = () => undefined;
    }
  });

  it('shows settings to anyone and unsubscribes for an admin', async () => {
    const settings = await postSigned(h.events, slashBody('settings', { user_id: 'U2' }));
    expect(text(settings)).toContain('diffusion');
    const res = await postSigned(h.events, slashBody('unsubscribe', { user_id: 'UBOSS' }));
    expect(res.status).toBe(200);
    const record = await h.store.getChannel({ platform: 'slack', workspace: 'T1', channel: 'C1' });
    expect(record?.topics ?? []).toEqual([]);
  });
});
