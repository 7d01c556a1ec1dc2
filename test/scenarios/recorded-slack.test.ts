// Slack's recorded requests replayed through startSlack (real Bolt, signed bodies, the mock Web API): a private
// channel's command, presses from ephemeral and message containers, an Enterprise Grid view_submission and an
// org app's app_home_opened must all work as recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME_EDIT, HOME_PREVIEW, SETTINGS_MODAL } from '../../src/platforms/slack/home.js';
import { interactionBody, nextTrigger, postSigned } from '../platforms/slack/signed.js';
import { type SlackHarness, startSlackHarness } from './drivers/slack.js';
import { slackAppHomeOpened, slackBlockActions, slackSlash, slackViewSubmission } from './recorded.js';
import { scenarioWorld, type World } from './world.js';

let world: World;
let h: SlackHarness;
beforeAll(async () => {
  world = await scenarioWorld();
  h = await startSlackHarness(world.services);
});
afterAll(async () => {
  await h.close();
  await world.close();
});

type Json = Record<string, unknown>;

function buttonsOf(message: unknown): { text: string; action_id: string; value: string }[] {
  const found: { text: string; action_id: string; value: string }[] = [];
  JSON.stringify(message, (_key, value: unknown) => {
    const v = value as { type?: string; text?: { text?: string }; action_id?: string; value?: string } | null;
    if (v?.type === 'button' && v.action_id && v.value) {
      found.push({ text: v.text?.text ?? '', action_id: v.action_id, value: v.value });
    }
    return value;
  });
  return found;
}

/** The recorded private-channel command with Paperboy's command and text, a fresh trigger and the mock's response_url. */
function privateChannelCommand(text: string, responseId: string): string {
  const body = slackSlash('private-channel');
  body.set('command', '/papers');
  body.set('text', text);
  body.set('trigger_id', nextTrigger());
  body.set('response_url', h.mock.responseUrl(responseId));
  return body.toString();
}

/** The recorded press from `container`, carrying Paperboy's button (action_id, value) and the mock's response_url. */
function press(container: 'ephemeral' | 'message', button: { action_id: string; value: string }, id: string) {
  const payload = slackBlockActions(container);
  const [action] = payload.actions as Json[];
  payload.actions = [{ ...action, action_id: button.action_id, value: button.value }];
  payload.trigger_id = nextTrigger();
  payload.response_url = h.mock.responseUrl(id);
  return interactionBody(payload);
}

describe('a slash command recorded in a private channel (channel_name=privategroup)', () => {
  it('is answered privately with the papers', async () => {
    const res = await postSigned(h.events, privateChannelCommand('search memory barrier', 'private-cmd'));
    expect(res.status).toBe(200);
    expect(res.json?.response_type).toBe('ephemeral');
    expect(JSON.stringify(res.json)).toContain('Breaking the Memory Barrier');
  });
});

describe('recorded presses in a private channel', () => {
  it('from an ephemeral container: Next replaces the private page', async () => {
    const res = await postSigned(h.events, privateChannelCommand('search diffusion limit:1', 'eph-cmd'));
    const next = buttonsOf(res.json).find((b) => b.text.startsWith('Next'));
    expect(next).toBeDefined();
    await postSigned(h.events, press('ephemeral', next!, 'eph-next'));
    const [answer] = await h.mock.waitFor('/respond/eph-next');
    expect(answer?.body.replace_original).toBe(true);
    expect(answer?.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer?.body)).toMatch(/page 2 of/i);
  });

  it('from a message container: Next on a shared page replaces it for everyone', async () => {
    const res = await postSigned(h.events, privateChannelCommand('search diffusion limit:1', 'msg-cmd'));
    const share = buttonsOf(res.json).find((b) => b.text === 'Share to channel');
    await postSigned(h.events, press('ephemeral', share!, 'msg-share'));
    const [shared] = await h.mock.waitFor('/respond/msg-share');
    expect(shared?.body.response_type).toBe('in_channel');
    const next = buttonsOf(shared?.body).find((b) => b.text.startsWith('Next'));
    expect(next).toBeDefined();
    await postSigned(h.events, press('message', next!, 'msg-next'));
    const [answer] = await h.mock.waitFor('/respond/msg-next');
    expect(answer?.body.replace_original).toBe(true);
    expect(answer?.body.response_type).toBe('in_channel');
    expect(JSON.stringify(answer?.body)).toMatch(/page 2 of/i);
  });
});

describe('bolt-python’s recorded view_submission (Enterprise Grid team)', () => {
  /** Substituted: callback_id (Paperboy's settings modal), private_metadata (the channel) and the typed state. */
  function submitted(values: Record<string, string>, user?: string): string {
    const payload = slackViewSubmission();
    const view = payload.view as Json;
    view.callback_id = SETTINGS_MODAL;
    view.private_metadata = user ? 'C0REFUSED' : 'C0SETTINGS';
    if (user) payload.user = { ...(payload.user as Json), id: user };
    view.state = {
      values: Object.fromEntries(
        Object.entries(values).map(([block, value]) => [
          block,
          { value: { type: 'plain_text_input', value } },
        ]),
      ),
    };
    payload.trigger_id = nextTrigger();
    return interactionBody(payload);
  }

  it('saves an admin’s settings for the recorded team and republishes their App Home', async () => {
    h.mock.users.set('W111', { is_admin: true });
    // App Home offers the modal for subscribed channels only (it runs /papers settings, which changes topics but
    // leaves starting a subscription to subscribe).
    await world.store.updateChannel(
      { platform: 'slack', workspace: 'T111', channel: 'C0SETTINGS' },
      { topics: ['rl'] },
      'ada',
    );
    // Paperboy's modal comes filled in, so a submission carries every field.
    const res = await postSigned(
      h.events,
      submitted({
        topics: 'diffusion',
        exclude: '',
        time: '07:45',
        timezone: 'UTC',
        days: 'daily',
        count: '5',
      }),
    );
    expect(res.status).toBe(200);
    // Bolt answers on ack(); the save and the App Home follow.
    const [published] = await h.mock.waitFor('views.publish');
    expect(published?.body.user_id).toBe('W111');
    const saved = await world.store.getChannel({
      platform: 'slack',
      workspace: 'T111',
      channel: 'C0SETTINGS',
    });
    expect(saved).toMatchObject({ topics: ['diffusion'], time: '07:45' });
  });

  it('refuses a member who may not manage channels, in the modal', async () => {
    // Substituted: another member of the recorded team (Paperboy remembers W111 is an admin).
    h.mock.users.set('W999', { is_admin: false });
    const res = await postSigned(h.events, submitted({ topics: 'rl', time: '06:00' }, 'W999'));
    expect(res.json?.response_action).toBe('errors');
    expect(JSON.stringify(res.json)).toContain('Only workspace admins and owners');
    expect(
      await world.store.getChannel({ platform: 'slack', workspace: 'T111', channel: 'C0REFUSED' }),
    ).toBeUndefined();
  });
});

describe('bolt-python’s recorded app_home_opened from an org-wide install', () => {
  it('publishes nothing for the Messages tab, as recorded', async () => {
    const before = h.mock.called('views.publish').length;
    const res = await postSigned(h.events, JSON.stringify(slackAppHomeOpened()), {
      contentType: 'application/json',
    });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(h.mock.called('views.publish').length).toBe(before);
  });

  it('publishes the Home tab for the viewer when the Home tab is opened', async () => {
    // Substituted: tab "home" (and a fresh event_id: Paperboy drops a repeated one).
    const event = slackAppHomeOpened();
    (event.event as Json).tab = 'home';
    event.event_id = 'Ev-home-1';
    const before = h.mock.called('views.publish').length;
    const res = await postSigned(h.events, JSON.stringify(event), { contentType: 'application/json' });
    expect(res.status).toBe(200);
    const published = await h.mock.waitFor('views.publish', before + 1);
    const last = published.at(-1)?.body as { user_id?: string; view?: { type?: string } };
    expect(last.user_id).toBe('W111');
    expect(last.view?.type).toBe('home');
  });

  it('lists only the channels the viewer may see: not a private channel they are not in', async () => {
    // A private channel of the recorded team, subscribed through the recorded view_submission (substituted as above).
    const payload = slackViewSubmission();
    const view = payload.view as Json;
    view.callback_id = SETTINGS_MODAL;
    view.private_metadata = 'G0SECRET';
    const fields = {
      topics: 'secret merger',
      exclude: '',
      time: '07:00',
      timezone: 'UTC',
      days: 'daily',
      count: '5',
    };
    view.state = {
      values: Object.fromEntries(
        Object.entries(fields).map(([block, value]) => [
          block,
          { value: { type: 'plain_text_input', value } },
        ]),
      ),
    };
    payload.trigger_id = nextTrigger();
    // Subscribed first, as a channel App Home offers the modal for is.
    await world.store.updateChannel(
      { platform: 'slack', workspace: 'T111', channel: 'G0SECRET' },
      { topics: ['secret'] },
      'ada',
    );
    const saved = h.mock.called('views.publish').length;
    await postSigned(h.events, interactionBody(payload));
    await h.mock.waitFor('views.publish', saved + 1);
    // The bot is in G0SECRET; W111 is in no private channel.
    h.mock.script = (call) =>
      call.method === 'users.conversations'
        ? { json: { ok: true, channels: call.body.user ? [] : [{ id: 'G0SECRET' }] } }
        : undefined;
    const event = slackAppHomeOpened();
    (event.event as Json).tab = 'home';
    event.event_id = 'Ev-home-2';
    const before = h.mock.called('views.publish').length;
    await postSigned(h.events, JSON.stringify(event), { contentType: 'application/json' });
    const published = await h.mock.waitFor('views.publish', before + 1);
    const home = JSON.stringify(published.at(-1)?.body);
    expect(home).toContain('diffusion');
    expect(home).not.toContain('secret merger');
    expect(home).not.toContain('G0SECRET');
    h.mock.script = () => undefined;
  });
});

describe('App Home buttons pressed by a member (the recorded message-container press)', () => {
  /** Substituted: action_id and value (App Home's button and a channel); Paperboy does not read the container. */
  function homePress(actionId: string, channel: string) {
    const payload = slackBlockActions('message');
    const [action] = payload.actions as Json[];
    payload.actions = [{ ...action, action_id: actionId, value: channel }];
    payload.trigger_id = nextTrigger();
    return interactionBody(payload);
  }
  const opened = async (before: number) => {
    const calls = await h.mock.waitFor('views.open', before + 1);
    return JSON.stringify(calls.at(-1)?.body);
  };

  it('Edit refuses a member who may not manage channels', async () => {
    h.mock.users.set('UFYD1NRGE', { is_admin: false });
    const before = h.mock.called('views.open').length;
    await postSigned(h.events, homePress(HOME_EDIT, 'C02T233MQFL'));
    expect(await opened(before)).toContain('Only workspace admins and owners');
  });

  it('Preview refuses a private channel the member is not in', async () => {
    h.mock.script = (call) =>
      call.method === 'users.conversations'
        ? { json: { ok: true, channels: call.body.user ? [] : [{ id: 'G0SECRET' }] } }
        : undefined;
    try {
      const before = h.mock.called('views.open').length;
      await postSigned(h.events, homePress(HOME_PREVIEW, 'G0SECRET'));
      const view = await opened(before);
      expect(view).toContain('only of channels you are in');
      expect(view).not.toContain('secret merger');
    } finally {
      h.mock.script = () => undefined;
    }
  });
});
