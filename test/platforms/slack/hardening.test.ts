// Slack requests a hostile network or member could send: replays, timestamps from the future, retries, floods.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../../src/app/command-quota.js';
import { fixedClock } from '../../digest/fakes.js';
import { type Harness, startHarness } from './harness.js';
import { postSigned, sign, slashBody } from './signed.js';

let h: Harness;
beforeAll(async () => {
  const limiter = createRateLimiter({
    limit: { burst: 1, perMs: 60_000 },
    clock: fixedClock('2025-05-20T09:00:00Z'),
  });
  h = await startHarness({ answerWithinMs: 300, limiter });
});
afterAll(async () => {
  await h.close();
});

describe('Slack requests under attack', () => {
  it('runs a signed slash command replayed within the 5-minute window only once', async () => {
    const body = slashBody('search diffusion', { user_id: 'UREPLAY' });
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = sign(body, timestamp);
    const first = await postSigned(h.events, body, { timestamp, signature });
    expect(JSON.stringify(first.json)).toContain('Papers matching “diffusion”');
    const replay = await postSigned(h.events, body, { timestamp, signature });
    expect(replay.status).toBe(200);
    expect(replay.text).toBe('');
  });

  it('refuses a correctly signed request whose timestamp is in the future', async () => {
    const future = Math.floor(Date.now() / 1000) + 10 * 60;
    const res = await postSigned(h.events, slashBody('help', { user_id: 'UFUTURE' }), { timestamp: future });
    expect(res.status).toBe(401);
  });

  it('answers a retry (X-Slack-Retry-Num) at once without handling the event again', async () => {
    const published = h.mock.called('views.publish').length;
    const event = JSON.stringify({
      type: 'event_callback',
      team_id: 'T1',
      api_app_id: 'A1',
      event_id: 'EvRETRY1',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1.1' },
    });
    const res = await postSigned(h.events, event, {
      contentType: 'application/json',
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.mock.called('views.publish').length).toBe(published);
  });

  it('rate-limits a member before asking Slack whether they are an admin', async () => {
    const before = h.mock.called('users.info').length;
    const first = await postSigned(h.events, slashBody('search diffusion', { user_id: 'UFLOOD' }));
    expect(JSON.stringify(first.json)).toContain('Papers matching');
    const refused = await postSigned(h.events, slashBody('subscribe diffusion', { user_id: 'UFLOOD' }));
    expect(JSON.stringify(refused.json)).toContain('sending commands quickly');
    expect(h.mock.called('users.info').length).toBe(before);
  });
});
