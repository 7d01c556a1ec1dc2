import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/paper.js';
import type { DeliveryPort, OutgoingPost } from '../../src/digest/types.js';
import { silentLogger } from '../../src/logger.js';
import { createReadingGroupJobs } from '../../src/reading-group/jobs.js';
import { type ChannelKey, type OpenedStore, openStore } from '../../src/store/index.js';
import { createSummarizer } from '../../src/summarize/index.js';
import { RecordingPort } from '../digest/fakes.js';
import { FakeClock } from '../support/fake-clock.js';
import { paper } from '../support/paper.js';

const channel: ChannelKey = { platform: 'discord', workspace: 'G1', channel: 'C1' };
const MINUTE = 60_000;
const papers = new Map<string, Paper>(
  Array.from({ length: 12 }, (_, i) => {
    const id = `2603.${String(10001 + i)}`;
    return [
      id,
      paper({
        id,
        title: `Paper number ${i + 1} on sparse attention`,
        abstract: 'We study attention. It works.',
      }),
    ];
  }),
);
const ids = [...papers.keys()];

const text = (post: OutgoingPost) => JSON.stringify(post.view);

describe('reading group posts', () => {
  let dir: string;
  let clock: FakeClock;
  let store: OpenedStore;
  let port: RecordingPort;

  const jobs = (owner: string, p: DeliveryPort = port, s: OpenedStore = store) =>
    createReadingGroupJobs({
      store: s,
      papers,
      summarizer: createSummarizer({ llm: null, cache: s }),
      ports: [p],
      clock,
      logger: silentLogger(),
      owner,
    });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'paperboy-reading-'));
    // Monday 23 March 2026, 09:00 in Berlin (CET).
    clock = new FakeClock('2026-03-23T08:00:00Z');
    store = await openStore(`sqlite:${join(dir, 'store.db')}`, { clock });
    port = new RecordingPort('discord');
    await store.setReadingGroup(channel, { day: 'thu', time: '15:00', timezone: 'Europe/Berlin' }, 'ada');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('posts the top-voted paper and presenter a day before, and a reminder an hour before, each once', async () => {
    await store.nominate(channel, ids[0]!, 'ada');
    await store.nominate(channel, ids[1]!, 'bob');
    await store.voteNomination(channel, ids[1]!, 'cy');
    await store.joinRotation(channel, 'U-bob', 'Bob');
    clock.advance(MINUTE);
    await store.joinRotation(channel, 'U-ada', 'Ada');
    const a = jobs('replica-a');
    const b = jobs('replica-b');
    clock.set('2026-03-25T13:59:00Z'); // Wednesday 14:59 in Berlin
    await Promise.all([a.tick(), b.tick()]);
    expect(port.shown).toHaveLength(0);
    clock.set('2026-03-25T14:00:00Z');
    // Two replicas tick together, again and again: one announcement.
    for (let i = 0; i < 3; i++) await Promise.all([a.tick(), b.tick()]);
    expect(port.shown).toHaveLength(1);
    const announce = port.shown[0]!;
    expect(text(announce)).toContain('Paper number 2');
    expect(text(announce)).toContain('Presenting: Bob');
    expect(text(announce)).toContain('I’ll present');
    expect(announce.view.kind === 'list' && announce.view.mentions).toEqual(['U-bob']);
    // The posted paper left the queue.
    expect((await store.listNominations(channel)).map((n) => n.paperId)).toEqual([ids[0]]);
    expect((await store.getDelivery(channel, '2026-03-26 reading-group'))?.status).toBe('sent');

    clock.set('2026-03-26T12:59:00Z'); // Thursday 13:59
    await a.tick();
    expect(port.shown).toHaveLength(1);
    clock.set('2026-03-26T13:00:00Z'); // 14:00, an hour before
    for (let i = 0; i < 3; i++) await Promise.all([a.tick(), b.tick()]);
    expect(port.shown).toHaveLength(2);
    expect(text(port.shown[1]!)).toContain('Reading group in an hour');
    expect(text(port.shown[1]!)).toContain('Bob presents');
    clock.set('2026-03-26T14:30:00Z');
    await a.tick();
    expect(port.shown).toHaveLength(2);
  });

  it('names a volunteer in the reminder instead of the rotation’s pick', async () => {
    await store.nominate(channel, ids[0]!, 'ada');
    await store.joinRotation(channel, 'U-bob', 'Bob');
    clock.set('2026-03-25T14:05:00Z');
    await jobs('a').tick();
    expect(await store.volunteer(channel, '2026-03-26', 'U-cy', 'Cy')).toMatchObject({ taken: true });
    clock.set('2026-03-26T13:10:00Z');
    await jobs('a').tick();
    expect(text(port.shown[1]!)).toContain('Cy presents');
    expect(port.shown[1]!.view.kind === 'list' && port.shown[1]!.view.mentions).toEqual(['U-cy']);
  });

  it('names a volunteer from before the announcement in it and the reminder, and keeps the rotation’s turn', async () => {
    await store.nominate(channel, ids[0]!, 'ada');
    await store.joinRotation(channel, 'U-bob', 'Bob');
    expect(await store.volunteer(channel, '2026-03-26', 'U-cy', 'Cy')).toMatchObject({
      announced: false,
      taken: true,
    });
    clock.set('2026-03-25T14:05:00Z');
    await jobs('a').tick();
    expect(text(port.shown[0]!)).toContain('Presenting: Cy (volunteered).');
    expect(port.shown[0]!.view.kind === 'list' && port.shown[0]!.view.mentions).toEqual(['U-cy']);
    clock.set('2026-03-26T13:10:00Z');
    await jobs('a').tick();
    expect(text(port.shown[1]!)).toContain('Cy presents');
    // Bob, whose turn Cy took, is first in line the week after.
    await store.nominate(channel, ids[1]!, 'ada');
    clock.set('2026-04-01T13:05:00Z');
    await jobs('a').tick();
    expect(text(port.shown[2]!)).toContain('Presenting: Bob (rotation)');
  });

  it('re-sends the same post with the same nonce after a crash mid-send, shown once', async () => {
    await store.nominate(channel, ids[0]!, 'ada');
    await store.nominate(channel, ids[1]!, 'bob');
    // The platform takes the post, then the process dies before it records it as sent.
    let calls = 0;
    const dying: DeliveryPort = {
      platform: 'discord',
      async deliver(post) {
        calls += 1;
        await port.deliver(post);
        return new Promise(() => {});
      },
    };
    clock.set('2026-03-25T14:00:00Z');
    void jobs('crashed', dying).tick();
    await expect.poll(() => calls).toBe(1);
    const pending = await store.getDelivery(channel, '2026-03-26 reading-group');
    expect(pending?.status).toBe('pending');
    // A restart: a new process on the same database, once the dead one's lease has run out.
    const restarted = await openStore(`sqlite:${join(dir, 'store.db')}`, { clock });
    try {
      await jobs('restarted', port, restarted).tick();
      expect(port.shown).toHaveLength(1);
      clock.advance(6 * MINUTE);
      await jobs('restarted', port, restarted).tick();
      expect(port.calls).toHaveLength(2);
      expect(port.calls[1]!.nonce).toBe(port.calls[0]!.nonce);
      expect(text(port.calls[1]!)).toBe(text(port.calls[0]!));
      expect(port.shown).toHaveLength(1);
      expect((await restarted.getDelivery(channel, '2026-03-26 reading-group'))?.status).toBe('sent');
      await jobs('restarted', port, restarted).tick();
      expect(port.calls).toHaveLength(2);
    } finally {
      await restarted.close();
    }
  });

  it('posts once per meeting at the right local times for weeks across the spring clock change, rotating fairly', async () => {
    for (const id of ids) await store.nominate(channel, id, 'ada');
    for (const name of ['Ada', 'Bob', 'Cy']) {
      await store.joinRotation(channel, `U-${name.toLowerCase()}`, name);
      clock.advance(MINUTE);
    }
    const a = jobs('a');
    const b = jobs('b');
    const sentAt = new Map<OutgoingPost, string>();
    clock.set('2026-03-23T09:00:00Z');
    // Every 5 minutes for six weeks (Berlin changes to summer time on 29 March), two replicas.
    const end = Date.parse('2026-05-01T00:00:00Z');
    while (clock.now().getTime() < end) {
      clock.advance(5 * MINUTE);
      await Promise.all([a.tick(), b.tick()]);
      for (const post of port.shown) if (!sentAt.has(post)) sentAt.set(post, clock.now().toISOString());
    }
    const announcements = port.shown.filter((p) => text(p).includes('Tomorrow’s paper'));
    const reminders = port.shown.filter((p) => text(p).includes('Reading group in an hour'));
    expect(announcements).toHaveLength(6);
    expect(reminders).toHaveLength(6);
    // Wednesdays 15:00 and Thursdays 14:00 Berlin time: 14:00 / 13:00 UTC in winter, 13:00 / 12:00 in summer.
    expect(announcements.map((p) => sentAt.get(p))).toEqual([
      '2026-03-25T14:00:00.000Z',
      '2026-04-01T13:00:00.000Z',
      '2026-04-08T13:00:00.000Z',
      '2026-04-15T13:00:00.000Z',
      '2026-04-22T13:00:00.000Z',
      '2026-04-29T13:00:00.000Z',
    ]);
    expect(reminders.map((p) => sentAt.get(p))).toEqual([
      '2026-03-26T13:00:00.000Z',
      '2026-04-02T12:00:00.000Z',
      '2026-04-09T12:00:00.000Z',
      '2026-04-16T12:00:00.000Z',
      '2026-04-23T12:00:00.000Z',
      '2026-04-30T12:00:00.000Z',
    ]);
    const meetings = await store.listMeetings(channel);
    expect(meetings.map((m) => m.presenterName)).toEqual(['Ada', 'Bob', 'Cy', 'Ada', 'Bob', 'Cy']);
    expect(new Set(meetings.map((m) => m.paperId)).size).toBe(6);
  });

  it('asks for nominations when the queue is empty, and sends no reminder', async () => {
    clock.set('2026-03-25T14:00:00Z');
    await jobs('a').tick();
    expect(text(port.shown[0]!)).toContain('No paper is nominated');
    clock.set('2026-03-26T13:00:00Z');
    await jobs('a').tick();
    expect(port.shown).toHaveLength(1);
    expect((await store.getDelivery(channel, '2026-03-26 reading-reminder'))?.status).toBe('skipped');
  });

  it('names the rotation’s pick in a call for a paper, and offers “I’ll present”', async () => {
    await store.joinRotation(channel, 'U-ada', 'Ada');
    clock.set('2026-03-25T14:00:00Z');
    await jobs('a').tick();
    const post = port.shown[0]!;
    expect(text(post)).toContain(
      'Presenting: Ada (rotation) — or press “I’ll present” to take it over. No paper is nominated for this meeting yet: the presenter chooses one',
    );
    expect(post.view.kind === 'notice' && post.view.actions?.map((a) => a.label)).toEqual([
      'I’ll present',
      'Reading group queue',
    ]);
  });

  it('leaves channels of platforms it has no port for, and ends its posts when the group is off', async () => {
    await store.removeReadingGroup(channel);
    clock.set('2026-03-25T14:00:00Z');
    await jobs('a').tick();
    expect(port.calls).toHaveLength(0);
  });

  it('records a post still failing when the meeting begins as skipped, with its last error, and never posts it', async () => {
    await store.nominate(channel, ids[0]!, 'ada');
    const down = new RecordingPort('discord', () => ({ ok: false, kind: 'transient', reason: 'HTTP 503' }));
    const j = jobs('a', down);
    clock.set('2026-03-25T14:00:00Z'); // Wednesday 15:00 in Berlin: the announcement is due
    expect((await j.tick()).map((o) => o.outcome)).toEqual(['later']);
    clock.set('2026-03-26T13:30:00Z'); // Thursday 14:30: the reminder too
    expect((await j.tick()).map((o) => o.outcome)).toEqual(['later', 'later']);
    clock.set('2026-03-26T14:00:00Z'); // 15:00: the meeting begins
    expect(await j.tick()).toEqual([
      { channel: 'discord:G1:C1', slot: '2026-03-26 reading-group', outcome: 'skipped' },
      { channel: 'discord:G1:C1', slot: '2026-03-26 reading-reminder', outcome: 'skipped' },
    ]);
    const announce = await store.getDelivery(channel, '2026-03-26 reading-group');
    expect(announce).toMatchObject({
      status: 'skipped',
      error: expect.stringMatching(/meeting began.*HTTP 503/),
    });
    expect((await store.getDelivery(channel, '2026-03-26 reading-reminder'))?.status).toBe('skipped');
    // Later ticks, the platform back: nothing for that meeting, ever.
    clock.set('2026-03-27T09:00:00Z');
    expect(await jobs('b').tick()).toEqual([]);
    expect(port.calls).toHaveLength(0);
  });

  it('records the posts of a meeting nothing was running for as skipped once it began', async () => {
    await store.nominate(channel, ids[0]!, 'ada');
    clock.set('2026-03-27T09:00:00Z'); // the Friday after Thursday's meeting
    expect((await jobs('a').tick()).map((o) => [o.slot, o.outcome])).toEqual([
      ['2026-03-26 reading-group', 'skipped'],
      ['2026-03-26 reading-reminder', 'skipped'],
    ]);
    expect(port.calls).toHaveLength(0);
    expect(await jobs('a').tick()).toEqual([]);
  });

  it('records nothing for a meeting that began before the group had its schedule', async () => {
    clock.set('2026-03-27T09:00:00Z');
    await store.setReadingGroup(channel, { day: 'thu', time: '15:00', timezone: 'Europe/Berlin' }, 'ada');
    clock.advance(MINUTE);
    expect(await jobs('a').tick()).toEqual([]);
    expect(await store.getDelivery(channel, '2026-03-26 reading-group')).toBeUndefined();
  });
});
