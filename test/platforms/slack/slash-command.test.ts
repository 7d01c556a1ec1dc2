import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';
import { postSigned, slashBody } from './signed.js';
import { timing } from './test-commands.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ answerWithinMs: 300 });
});
afterAll(async () => {
  await h.close();
});

describe('Slack /papers over real Bolt HTTP', () => {
  it('answers a search privately in the acknowledgement, with paging buttons', async () => {
    const res = await postSigned(h.events, slashBody('search diffusion'));
    expect(res.status).toBe(200);
    expect(res.json?.response_type).toBe('ephemeral');
    const json = JSON.stringify(res.json);
    expect(json).toContain('Papers matching “diffusion”');
    expect(json).toContain('"value":"/papers search diffusion page:2"');
    expect(res.json?.text).toBeTruthy();
  });

  it('refuses a request with a bad signature with 401', async () => {
    const res = await postSigned(h.events, slashBody('help'), { signature: 'v0=deadbeef' });
    expect(res.status).toBe(401);
  });

  it('refuses a correctly signed request five minutes old', async () => {
    const old = Math.floor(Date.now() / 1000) - 5 * 60 - 5;
    const res = await postSigned(h.events, slashBody('help'), { timestamp: old });
    expect(res.status).toBe(401);
  });

  it('acknowledges a slow summary at once and answers through response_url', async () => {
    timing.summarizeDelayMs = 800;
    try {
      const started = Date.now();
      const res = await postSigned(
        h.events,
        slashBody('summarize 2505.10003', { response_url: h.mock.responseUrl('slow') }),
      );
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.status).toBe(200);
      expect(res.json?.text).toBe('Working on it…');
      const [answer] = await h.mock.waitFor('/respond/slow');
      expect(answer?.body.response_type).toBe('ephemeral');
      expect(answer?.body.replace_original).toBe(true);
      expect(JSON.stringify(answer?.body)).toContain('TL;DR of Diffusion models study 3.');
    } finally {
      timing.summarizeDelayMs = 0;
    }
  });

  it('answers a missing argument with that subcommand’s usage, privately', async () => {
    const res = await postSigned(h.events, slashBody('search'));
    expect(res.json?.response_type).toBe('ephemeral');
    expect(JSON.stringify(res.json)).toContain('Usage: /papers search &lt;query&gt;');
  });

  it('answers an unknown subcommand privately', async () => {
    const res = await postSigned(h.events, slashBody('frobnicate'));
    expect(res.json?.response_type).toBe('ephemeral');
    expect(JSON.stringify(res.json)).toContain('There is no /papers frobnicate.');
  });

  it('politely refuses subscribe to someone who is not a workspace admin', async () => {
    h.mock.users.set('U2', { is_admin: false });
    const res = await postSigned(h.events, slashBody('subscribe diffusion', { user_id: 'U2' }));
    expect(res.json?.response_type).toBe('ephemeral');
    expect(JSON.stringify(res.json)).toContain('Only people who can manage this channel');
    expect(await h.store.getChannel({ platform: 'slack', workspace: 'T1', channel: 'C1' })).toBeUndefined();
  });

  it('lets a workspace admin subscribe the channel, checking users.info once', async () => {
    h.mock.users.set('UADMIN', { is_admin: true });
    const before = h.mock.called('users.info').length;
    for (const topics of ['diffusion', 'diffusion; rl']) {
      const res = await postSigned(
        h.events,
        slashBody(`subscribe ${topics} time:08:30`, { user_id: 'UADMIN' }),
      );
      expect(res.json?.response_type).toBe('in_channel');
      expect(JSON.stringify(res.json)).toContain('Subscribed');
    }
    expect(h.mock.called('users.info').length - before).toBe(1);
    const record = await h.store.getChannel({ platform: 'slack', workspace: 'T1', channel: 'C1' });
    expect(record?.topics).toEqual(['diffusion', 'rl']);
    expect(record?.time).toBe('08:30');
  });

  it('answers help', async () => {
    const res = await postSigned(h.events, slashBody('help'));
    expect(JSON.stringify(res.json)).toContain('Commands: search, summarize, digest, subscribe, help.');
  });

  it('previews a long digest split across messages, the rest through response_url', async () => {
    const res = await postSigned(
      h.events,
      slashBody('digest', { channel_id: 'C9', response_url: h.mock.responseUrl('digest') }),
    );
    expect(res.json?.response_type).toBe('ephemeral');
    expect((res.json?.blocks as unknown[] | undefined)?.length).toBeLessThanOrEqual(50);
    const more = await h.mock.waitFor('/respond/digest', 2);
    expect(more[0]?.body.replace_original).toBe(false);
    const all = JSON.stringify([res.json, ...more.map((m) => m.body)]);
    expect(all).toContain('/papers digest share:yes');
    expect(all).not.toContain('<!channel>');
    expect(all).toContain('&lt;!channel&gt;');
  });
});
