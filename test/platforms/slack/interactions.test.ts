import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';
import type { MockSlack } from './mock-slack.js';
import { buttonPressBody, interactionBody, nextTrigger, postSigned } from './signed.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.mock.users.set('UADMIN', { is_owner: true });
  h.mock.users.set('U2', {});
});
afterAll(async () => {
  await h.close();
});

function buttonPress(value: string, responseId: string, extra: Record<string, unknown> = {}) {
  return buttonPressBody(value, h.mock.responseUrl(responseId), { extra });
}

function homeEvent(user: string) {
  return JSON.stringify({
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${user}${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user, channel: 'D1', tab: 'home', event_ts: '1.1' },
  });
}

/** A click by `user` on an App Home button (`actionId`, for `channel`). */
function homePress(user: string, actionId: string, channel: string, trigger: string) {
  return interactionBody({
    type: 'block_actions',
    user: { id: user, team_id: 'T1' },
    team: { id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: trigger,
    container: { type: 'view', view_id: 'VHOME' },
    actions: [{ type: 'button', action_id: actionId, block_id: 'b', value: channel, action_ts: '1' }],
  });
}

function submission(user: string, values: Record<string, string>, paused = false, channel = 'C1') {
  const state: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) state[k] = { value: { type: 'plain_text_input', value: v } };
  state.paused = { value: { type: 'checkboxes', selected_options: paused ? [{ value: 'paused' }] : [] } };
  return interactionBody({
    type: 'view_submission',
    team: { id: 'T1', domain: 't1' },
    user: { id: user, team_id: 'T1' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: nextTrigger(),
    view: {
      id: 'V1',
      type: 'modal',
      callback_id: 'papers.settings',
      private_metadata: channel,
      state: { values: state },
      hash: 'h',
    },
  });
}

const good = {
  topics: 'diffusion; rl',
  exclude: '',
  time: '07:45',
  timezone: 'Europe/Paris',
  days: 'mon-fri',
  count: '3',
};

describe('Slack buttons, App Home and the settings modal', () => {
  it('runs the command a paging button carries and replaces the private results', async () => {
    const res = await postSigned(h.events, buttonPress('/papers search diffusion page:2', 'page'));
    expect(res.status).toBe(200);
    const [answer] = await h.mock.waitFor('/respond/page');
    expect(answer?.body.replace_original).toBe(true);
    expect(JSON.stringify(answer?.body)).toContain('Page 2 of');
  });

  it('shares a digest preview to the channel with the Share button', async () => {
    await postSigned(h.events, buttonPress('/papers digest share:yes', 'share'));
    const [answer] = await h.mock.waitFor('/respond/share');
    expect(answer?.body.response_type).toBe('in_channel');
    expect(answer?.body.replace_original).toBe(false);
    expect(answer?.body.unfurl_links).toBe(false);
    expect(JSON.stringify(answer?.body)).toContain("Today's papers on diffusion");
  });

  it('publishes App Home with the workspace’s subscribed channels and edit/preview buttons', async () => {
    const key = { platform: 'slack' as const, workspace: 'T1', channel: 'C7' };
    await h.store.updateChannel(key, { topics: ['protein <design>'], time: '10:15' }, 'test');
    await h.store.updateChannel({ ...key, workspace: 'T-OTHER' }, { topics: ['elsewhere'] }, 'test');
    const res = await postSigned(h.events, homeEvent('U1'), { contentType: 'application/json' });
    expect(res.status).toBe(200);
    const [publish] = await h.mock.waitFor('views.publish');
    expect(publish?.body.user_id).toBe('U1');
    const view = JSON.stringify(publish?.body.view);
    expect(view).toContain('<#C7>');
    expect(view).toContain('protein &lt;design&gt;');
    expect(view).toContain('10:15');
    expect(view).toContain('"action_id":"home.edit"');
    expect(view).not.toContain('elsewhere');
  });

  it('opens the settings modal from App Home with the channel’s current settings', async () => {
    await h.store.updateChannel(
      { platform: 'slack', workspace: 'T1', channel: 'C1' },
      { topics: ['graphs'] },
      't',
    );
    await postSigned(h.events, homePress('UADMIN', 'home.edit', 'C1', 'trigger-home'));
    const [open] = await h.mock.waitFor('views.open');
    expect(open?.body.trigger_id).toBe('trigger-home');
    expect(JSON.stringify(open?.body.view)).toContain('"initial_value":"graphs"');
  });

  it('shows validation errors in the modal and saves nothing', async () => {
    const res = await postSigned(h.events, submission('UADMIN', { ...good, time: '25:00', count: '99' }));
    expect(res.json?.response_action).toBe('errors');
    const errors = res.json?.errors as Record<string, string>;
    expect(errors.time).toMatch(/HH:MM/);
    expect(errors.count).toMatch(/1 to 10/);
    const record = await h.store.getChannel({ platform: 'slack', workspace: 'T1', channel: 'C1' });
    expect(record?.time).not.toBe('25:00');
  });

  it('refuses a modal submission from someone who is not an admin', async () => {
    const res = await postSigned(h.events, submission('U2', good));
    expect(res.json?.response_action).toBe('errors');
    expect(JSON.stringify(res.json)).toContain('Only workspace admins');
  });

  it('saves a valid submission and republishes App Home', async () => {
    const before = h.mock.called('views.publish').length;
    const res = await postSigned(h.events, submission('UADMIN', good, true));
    expect(res.status).toBe(200);
    const record = await h.store.getChannel({ platform: 'slack', workspace: 'T1', channel: 'C1' });
    expect(record).toMatchObject({
      topics: ['diffusion', 'rl'],
      time: '07:45',
      timezone: 'Europe/Paris',
      count: 3,
    });
    expect(record?.paused).toBe(true);
    expect(record?.days).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    await h.mock.waitFor('views.publish', before + 1);
  });

  it('records today as skipped when the modal moves the time to one already past, so no digest goes out at once', async () => {
    const key = { platform: 'slack' as const, workspace: 'T1', channel: 'C9' };
    // The harness clock reads 09:00 UTC; the channel's 10:00 digest has not gone out yet.
    h.store.addChannel(key, { topics: ['diffusion'], time: '10:00', timezone: 'UTC' });
    const before = h.mock.called('views.publish').length;
    const res = await postSigned(
      h.events,
      submission('UADMIN', { ...good, time: '08:00', timezone: 'UTC' }, false, 'C9'),
    );
    expect(res.status).toBe(200);
    await h.mock.waitFor('views.publish', before + 1);
    expect((await h.store.getChannel(key))?.time).toBe('08:00');
    expect(await h.store.getDelivery(key, '2025-05-20')).toMatchObject({ status: 'skipped' });
  });

  it('previews today’s digest in a modal from App Home', async () => {
    const before = h.mock.called('views.open').length;
    await postSigned(h.events, homePress('U1', 'home.preview', 'C1', 'trigger-preview'));
    const opens = await h.mock.waitFor('views.open', before + 1);
    const view = opens.at(-1)?.body.view as { blocks: unknown[]; title: { text: string } };
    expect(view.title.text).toBe("Today's digest");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view)).not.toContain('papers.run.');
  });
});

/** Slack's users.conversations: CPRIV is among the bot's private channels (no `user`) and UMEMBER's only. */
const onlyMemberInPrivate: MockSlack['script'] = (call) =>
  call.method === 'users.conversations'
    ? {
        json: {
          ok: true,
          channels: call.body.user === 'UMEMBER' || !call.body.user ? [{ id: 'CPRIV' }] : [],
        },
      }
    : undefined;

describe('Slack App Home and private channels', () => {
  it('shows a private channel’s digest only to its members', async () => {
    await h.store.updateChannel(
      { platform: 'slack', workspace: 'T1', channel: 'CPRIV' },
      { topics: ['secret merger plans'] },
      'test',
    );
    h.mock.script = onlyMemberInPrivate;
    try {
      const home = async (user: string) => {
        const before = h.mock.called('views.publish').length;
        await postSigned(h.events, homeEvent(user), { contentType: 'application/json' });
        const calls = await h.mock.waitFor('views.publish', before + 1);
        return JSON.stringify(calls.at(-1)?.body.view);
      };
      expect(await home('UOUTSIDER')).not.toContain('secret merger plans');
      expect(await home('UMEMBER')).toContain('secret merger plans');
    } finally {
      h.mock.script = () => undefined;
    }
  });

  it('says App Home cannot list channels until an admin reinstalls for groups:read, logged once', async () => {
    await h.store.updateChannel(
      { platform: 'slack', workspace: 'T1', channel: 'C1' },
      { topics: ['graphs'] },
      'test',
    );
    // Slack's body for a scope the token lacks (source noted in files.test.ts).
    h.mock.script = (call) =>
      call.method === 'users.conversations'
        ? {
            json: {
              ok: false,
              error: 'missing_scope',
              needed: 'groups:read',
              provided: 'commands,chat:write',
            },
          }
        : undefined;
    try {
      for (const user of ['UADMIN', 'U2']) {
        const before = h.mock.called('views.publish').length;
        await postSigned(h.events, homeEvent(user), { contentType: 'application/json' });
        const calls = await h.mock.waitFor('views.publish', before + 1);
        const view = JSON.stringify(calls.at(-1)?.body.view);
        expect(view).toContain('Paperboy cannot tell who may see which channel');
        expect(view).toContain('asked for `groups:read`');
        expect(view).toContain('reinstall the app');
        expect(view).not.toContain('No channel gets a digest yet');
        expect(view).not.toContain('graphs');
      }
      const refused = await opened(homePress('UADMIN', 'home.edit', 'C1', 'trigger-edit-noscope'));
      expect(refused).toContain('asked for `groups:read`');
      const warned = h.logs.filter((l) => String(l.msg).includes('the install lacks groups:read'));
      expect(warned).toHaveLength(1);
    } finally {
      h.mock.script = () => undefined;
    }
  });

  async function opened(body: string) {
    const before = h.mock.called('views.open').length;
    await postSigned(h.events, body);
    const opens = await h.mock.waitFor('views.open', before + 1);
    return JSON.stringify(opens.at(-1)?.body.view);
  }

  it('refuses Edit to a member who may not manage the channel', async () => {
    await h.store.updateChannel(
      { platform: 'slack', workspace: 'T1', channel: 'C1' },
      { topics: ['graphs'] },
      't',
    );
    const view = await opened(homePress('U2', 'home.edit', 'C1', 'trigger-edit-refused'));
    expect(view).toContain('Only workspace admins and owners');
    expect(view).not.toContain('"initial_value":"graphs"');
  });

  it('refuses Preview of a private channel to someone outside it', async () => {
    await h.store.updateChannel(
      { platform: 'slack', workspace: 'T1', channel: 'CPRIV' },
      { topics: ['diffusion'] },
      'test',
    );
    h.mock.script = onlyMemberInPrivate;
    try {
      const refused = await opened(homePress('UOUTSIDER', 'home.preview', 'CPRIV', 'trigger-prev-out'));
      expect(refused).toContain('only of channels you are in');
      expect(refused).not.toContain('Diffusion');
      const shown = await opened(homePress('UMEMBER', 'home.preview', 'CPRIV', 'trigger-prev-in'));
      expect(shown).toContain("Today's digest");
    } finally {
      h.mock.script = () => undefined;
    }
  });
});
