// Slack says a channel or the install is gone (recorded Events API bodies through real Bolt): its data is forgotten.
import type { Installation } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createInstallationStore,
  installedBotToken,
} from '../../../src/platforms/slack/installation-store.js';
import { channelId, LEARNING_RESET } from '../../../src/store/feedback.js';
import { type OpenedStore, openStore } from '../../../src/store/index.js';
import type { ChannelKey } from '../../../src/store/types.js';
import { real } from '../../support/real.js';
import { until } from '../../support/until.js';
import { type Harness, startHarness } from './harness.js';
import { postSigned } from './signed.js';

let h: Harness<OpenedStore>;
beforeEach(async () => {
  h = await startHarness({ store: await openStore('sqlite::memory:') });
});
afterEach(async () => {
  await h.close();
  await h.store.close();
});

// bolt-python's team is T111; the java-slack-sdk samples leave ids blank, and the tests fill them in.
const TEAM = 'T111';
const deleted: ChannelKey = { platform: 'slack', workspace: TEAM, channel: 'C111' };
const neighbour: ChannelKey = { platform: 'slack', workspace: TEAM, channel: 'G222' };
const otherTeam: ChannelKey = { platform: 'slack', workspace: 'T999', channel: 'C111' };

let events = 0;
type Body = Record<string, unknown> & { event: Record<string, unknown> };

/** A recorded body with a fresh event id (Paperboy drops an id it has seen) and the ids a test names. */
function recorded(file: string, fill: (body: Body) => void = () => {}): string {
  const body = JSON.parse(real(file)) as Body;
  body.event_id = `EvGone${++events}`;
  fill(body);
  return JSON.stringify(body);
}

async function post(body: string) {
  const res = await postSigned(h.events, body, { contentType: 'application/json' });
  expect(res.status).toBe(200);
}

async function storeSomething(key: ChannelKey) {
  await h.store.updateChannel(key, { topics: ['diffusion'] }, 'slack:U1');
  await h.store.setVote(key, '2505.10001', 'U1', -1);
  await h.store.setValue(LEARNING_RESET, channelId(key), '2025-05-01T00:00:00.000Z');
}

async function stored(key: ChannelKey) {
  const channel = await h.store.getChannel(key);
  const votes = await h.store.listVotes(key);
  const reset = await h.store.getValue(LEARNING_RESET, channelId(key));
  return channel !== undefined || votes.length > 0 || reset !== undefined;
}

describe('Slack events that say a channel is gone', () => {
  beforeEach(async () => {
    for (const key of [deleted, neighbour, otherTeam]) await storeSomething(key);
  });

  it('forgets a deleted public channel (channel_deleted), and nothing else', async () => {
    await post(
      recorded('slack/channel-deleted-sample.json', (b) => {
        b.type = 'event_callback';
        b.team_id = TEAM;
        b.event.channel = deleted.channel;
      }),
    );
    await until(async () => !(await stored(deleted)), "the Slack event's handling");
    expect(await stored(neighbour)).toBe(true);
    expect(await stored(otherTeam)).toBe(true);
  });

  it('forgets a deleted private channel (group_deleted), naming the team in its authorizations', async () => {
    await post(
      recorded('slack/group-deleted-sample.json', (b) => {
        b.team_id = TEAM;
        (b.authorizations as { team_id: string }[])[0]!.team_id = TEAM;
        b.event.channel = neighbour.channel;
      }),
    );
    await until(async () => !(await stored(neighbour)), "the Slack event's handling");
    expect(await stored(deleted)).toBe(true);
  });
});

describe('Slack events that say the install is gone', () => {
  beforeEach(async () => {
    for (const key of [deleted, neighbour, otherTeam]) await storeSomething(key);
    // A channel with only a vote (never subscribed) is forgotten too.
    await h.store.setVote({ ...deleted, channel: 'C333' }, '2505.10002', 'U2', 1);
  });

  it('forgets every channel of a workspace that uninstalls the app (app_uninstalled)', async () => {
    await post(recorded('slack/app-uninstalled-team.json'));
    await until(
      async () => (await h.store.storedChannels({ platform: 'slack', workspace: TEAM })).length === 0,
    );
    expect(await stored(deleted)).toBe(false);
    expect(await stored(neighbour)).toBe(false);
    expect(await stored(otherTeam)).toBe(true);
  });

  it('forgets them when the bot token is revoked (tokens_revoked)', async () => {
    await post(recorded('slack/tokens-revoked-team.json'));
    await until(
      async () => (await h.store.storedChannels({ platform: 'slack', workspace: TEAM })).length === 0,
    );
    expect(await stored(otherTeam)).toBe(true);
  });

  it('keeps them when only user tokens are revoked: the bot still works', async () => {
    await post(
      recorded('slack/tokens-revoked-team.json', (b) => {
        (b.event.tokens as { bot: string[] }).bot = [];
      }),
    );
    // The next event shows the first was handled (Bolt runs them in order of arrival here).
    await post(
      recorded('slack/channel-deleted-sample.json', (b) => {
        b.type = 'event_callback';
        b.team_id = otherTeam.workspace;
        b.event.channel = otherTeam.channel;
      }),
    );
    await until(async () => !(await stored(otherTeam)), "the Slack event's handling");
    expect(await h.store.storedChannels({ platform: 'slack', workspace: TEAM })).toEqual([
      deleted,
      { ...deleted, channel: 'C333' },
      neighbour,
    ]);
  });
});

describe('Slack events that say the install is gone, with OAuth installs', () => {
  let oauth: Harness<OpenedStore>;
  beforeEach(async () => {
    oauth = await startHarness({
      store: await openStore('sqlite::memory:'),
      config: {
        botToken: undefined,
        oauth: { clientId: 'c', clientSecret: 'cs', stateSecret: 'st' },
      } as never,
    });
    const installs = createInstallationStore(oauth.store);
    for (const team of [TEAM, 'T999']) await installs.storeInstallation(installation(team));
  });
  afterEach(async () => {
    await oauth.close();
    await oauth.store.close();
  });

  const installed = (team: string) => installedBotToken(createInstallationStore(oauth.store), team);

  async function postTo(body: string) {
    const res = await postSigned(oauth.events, body, { contentType: 'application/json' });
    expect(res.status).toBe(200);
  }

  it('deletes the stored installation of a workspace that uninstalls the app (app_uninstalled)', async () => {
    await postTo(recorded('slack/app-uninstalled-team.json'));
    await until(async () => (await installed(TEAM)) === undefined, 'the installation deleted');
    expect(await installed('T999')).toBe('xoxb-T999');
  });

  it('deletes it when the bot token is revoked (tokens_revoked), and keeps it when only user tokens are', async () => {
    await postTo(
      recorded('slack/tokens-revoked-team.json', (b) => {
        (b.event.tokens as { bot: string[] }).bot = [];
      }),
    );
    // Bolt handles events in order of arrival here: once T999's is done, the first one was too.
    await postTo(
      recorded('slack/tokens-revoked-team.json', (b) => {
        b.team_id = 'T999';
      }),
    );
    await until(async () => (await installed('T999')) === undefined, 'the installation deleted');
    expect(await installed(TEAM)).toBe(`xoxb-${TEAM}`);
  });
});

function installation(team: string): Installation {
  return {
    team: { id: team, name: team },
    enterprise: undefined,
    user: { id: 'U1', token: undefined, scopes: undefined },
    bot: { id: 'B1', userId: 'UBOT', token: `xoxb-${team}`, scopes: ['chat:write'] },
    isEnterpriseInstall: false,
    authVersion: 'v2',
  } as unknown as Installation;
}
