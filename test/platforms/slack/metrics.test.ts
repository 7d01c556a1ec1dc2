// /metrics sees Slack as it sees Discord: commands and their latency, digests posted and failed, the live catalog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { papersCommands } from '../../../commands/index.js';
import { parseLine } from '../../../src/app/parse-line.js';
import { createMetrics } from '../../../src/metrics.js';
import { paper } from '../../digest/fakes.js';
import { type Harness, papers, startHarness } from './harness.js';
import { postSigned, slashBody } from './signed.js';

let h: Harness;
const metrics = createMetrics({ defaults: false });
beforeAll(async () => {
  h = await startHarness({ parseLine: (line) => parseLine(line, papersCommands), metrics });
});
afterAll(async () => {
  await h.close();
});

const metric = (name: string) => metrics.registry.getSingleMetricAsString(name);
const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
const view = { kind: 'notice' as const, title: "Today's papers", text: 'Nothing new.' };

describe('Slack metrics', () => {
  it('counts Slack commands and their latency', async () => {
    await postSigned(h.events, slashBody('search diffusion'));
    expect(await metric('paperboy_commands_total')).toContain(
      'command="search",platform="slack",outcome="ok"} 1',
    );
    expect(await metric('paperboy_command_duration_seconds')).toMatch(
      /paperboy_command_duration_seconds_count\{command="search",platform="slack"\} 1/,
    );
  });

  it('counts digests posted and failed per platform', async () => {
    expect((await h.runtime.deliveryPort.deliver({ channel, view, nonce: 'n-ok' })).ok).toBe(true);
    expect(await metric('paperboy_digests_posted_total')).toContain('platform="slack"} 1');
    h.mock.script = (call) =>
      call.method === 'chat.postMessage' ? { json: { ok: false, error: 'channel_not_found' } } : undefined;
    try {
      const failed = await h.runtime.deliveryPort.deliver({ channel, view, nonce: 'n-fail' });
      expect(failed.ok).toBe(false);
    } finally {
      h.mock.script = () => undefined;
    }
    expect(await metric('paperboy_digests_failed_total')).toMatch(/platform="slack",reason="\w+"\} 1/);
  });

  it('reports the live catalog size', async () => {
    expect(await metric('paperboy_catalog_papers')).toContain(`paperboy_catalog_papers ${papers.length}`);
    h.services.search.upsert([paper({ id: '2506.00001', title: 'A paper that arrived while serving' })]);
    expect(await metric('paperboy_catalog_papers')).toContain(`paperboy_catalog_papers ${papers.length + 1}`);
  });
});
