// The App Home settings modal saves through /papers settings (real Bolt, the mock Slack API, a SQLite file).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { papersCommands } from '../../../commands/index.js';
import { parseLine } from '../../../src/app/parse-line.js';
import { type OpenedStore, openStore } from '../../../src/store/index.js';
import type { ChannelKey } from '../../../src/store/types.js';
import { type Harness, startHarness } from './harness.js';
import { interactionBody, nextTrigger, postSigned } from './signed.js';

const key: ChannelKey = { platform: 'slack', workspace: 'T1', channel: 'C1' };
let h: Harness<OpenedStore>;
let dir: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paperboy-modal-'));
  const store = await openStore(`sqlite:${join(dir, 'paperboy.db')}`);
  h = await startHarness({ store, parseLine: (line) => parseLine(line, papersCommands) });
  h.mock.users.set('UADMIN', { is_owner: true });
  await h.store.updateChannel(key, { topics: ['diffusion'], time: '10:00', timezone: 'UTC' }, 'ada');
});
afterEach(async () => {
  await h.close();
  await h.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const fields = {
  topics: 'diffusion',
  exclude: '',
  time: '10:00',
  timezone: 'UTC',
  days: 'mon, tue, wed, thu, fri, sat, sun',
  count: '5',
};

function submission(values: Record<string, string>, paused = false) {
  const state: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) state[k] = { value: { type: 'plain_text_input', value: v } };
  state.paused = { value: { type: 'checkboxes', selected_options: paused ? [{ value: 'paused' }] : [] } };
  return interactionBody({
    type: 'view_submission',
    team: { id: 'T1', domain: 't1' },
    user: { id: 'UADMIN', team_id: 'T1', name: 'ada' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: nextTrigger(),
    view: {
      id: 'V1',
      type: 'modal',
      callback_id: 'papers.settings',
      private_metadata: key.channel,
      state: { values: state },
      hash: 'h',
    },
  });
}

describe('the Slack settings modal', () => {
  it('replaces the channel’s topics through /papers settings, as the typed command would', async () => {
    const before = h.mock.called('views.publish').length;
    const res = await postSigned(
      h.events,
      submission({ ...fields, topics: 'graph neural networks; RLHF', exclude: 'survey' }),
    );
    expect(res.status).toBe(200);
    expect(res.json?.response_action).toBeUndefined();
    await h.mock.waitFor('views.publish', before + 1);
    expect(await h.store.getChannel(key)).toMatchObject({
      topics: ['graph neural networks', 'RLHF'],
      exclude: ['survey'],
      updatedBy: 'ada',
    });
    // The App Home republished after the save shows the new topics.
    expect(JSON.stringify(h.mock.called('views.publish').at(-1)?.body)).toContain('graph neural networks');
  });

  it('clears Exclude when its box is emptied', async () => {
    await h.store.updateChannel(key, { exclude: ['survey'] }, 'ada');
    const before = h.mock.called('views.publish').length;
    await postSigned(h.events, submission(fields));
    await h.mock.waitFor('views.publish', before + 1);
    expect((await h.store.getChannel(key))?.exclude).toEqual([]);
  });

  it('leaves an unreachable channel so unless Paused was changed: unticking it resumes', async () => {
    await h.store.updateChannel(key, { paused: true }, 'ada');
    await h.store.setUnreachable(key, 'not_in_channel');
    let before = h.mock.called('views.publish').length;
    await postSigned(h.events, submission({ ...fields, count: '3' }, true));
    await h.mock.waitFor('views.publish', before + 1);
    expect(await h.store.getChannel(key)).toMatchObject({
      count: 3,
      paused: true,
      unreachable: expect.anything(),
    });

    before = h.mock.called('views.publish').length;
    await postSigned(h.events, submission({ ...fields, count: '3' }, false));
    await h.mock.waitFor('views.publish', before + 1);
    const resumed = await h.store.getChannel(key);
    expect(resumed?.paused).toBe(false);
    expect(resumed?.unreachable).toBeFalsy();
  });
});
