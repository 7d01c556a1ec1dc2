// A view of the schedule: `/papers settings all:yes` (admins) and `paperboy channels` list subscribed channels.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runChannels } from '../../src/cli/channels.js';
import type { CliIO } from '../../src/cli/kit.js';
import { main } from '../../src/cli.js';
import { openStore } from '../../src/store/index.js';
import type { ChannelKey } from '../../src/store/types.js';
import { admin, CHANNEL, FixedClock, fakeWorld, member } from '../app/fakes.js';
import { captureIO } from '../support/cli.js';
import { as, run } from './run.js';

const NOW = new Date('2024-05-13T10:00:00Z'); // Monday
const other = (channel: string, workspace = 'T1'): ChannelKey => ({ platform: 'slack', workspace, channel });

describe('/papers settings all:yes', () => {
  it('lists the subscribed channels of this workspace with topics and next digest, soonest first', async () => {
    const world = await fakeWorld(NOW);
    await run(world, '/papers subscribe diffusion; rlhf time:18:00');
    await run(world, '/papers subscribe robotics time:12:30 timezone:Europe/Berlin', admin(other('C2')));
    await run(world, '/papers subscribe quantum', admin(other('C3')));
    await run(world, '/papers unsubscribe', admin(other('C3')));
    await run(world, '/papers subscribe elsewhere', admin(other('C9', 'T2')));
    const view = as(await run(world, '/papers settings all:yes'), 'notice');
    expect(view.text).toBe('2 channels get digests here, the soonest first.');
    expect(view.fields).toEqual([
      {
        name: '#C2',
        value:
          'robotics · 5 papers every day at 12:30 (Europe/Berlin) · next: Mon 13 May, 12:30 Europe/Berlin (in 30 min)',
      },
      {
        name: '#C1',
        value: 'diffusion; rlhf · 5 papers every day at 18:00 (UTC) · next: Mon 13 May, 18:00 UTC (in 8 h)',
      },
    ]);
  });

  it('is for people who manage channels', async () => {
    const world = await fakeWorld(NOW);
    await run(world, '/papers subscribe diffusion');
    expect((await run(world, '/papers settings all:yes', member())).kind).toBe('error');
  });
});

describe('paperboy channels', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-channels-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function channels(args: string[], databaseUrl: string) {
    const { io, stdout, stderr } = captureIO({ DATABASE_URL: databaseUrl });
    const code = await runChannels(args, io, new FixedClock(NOW));
    return { code, stdout: stdout(), stderr: stderr() };
  }

  it('lists every subscribed channel in the store, with its topics, schedule and next digest', async () => {
    const url = `sqlite:${join(dir, 'p.db')}`;
    const store = await openStore(url, { clock: new FixedClock(NOW) });
    await store.updateChannel(CHANNEL, { topics: ['diffusion'], time: '08:30', days: ['tue'] }, 'ada');
    await store.updateChannel(other('C2'), { topics: ['rl'], paused: true }, 'ada');
    await store.updateChannel(other('C3'), { topics: [] }, 'ada');
    await store.close();

    const text = await channels([], url);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      [
        'slack:T1:C1',
        '  topics  diffusion',
        '  when    5 papers on tue at 08:30 (UTC)',
        '  next    Tue 14 May, 08:30 UTC (in 22 h 30 min)',
        '',
        'slack:T1:C2',
        '  topics  rl',
        '  when    5 papers every day at 09:00 (UTC)',
        '  next    none: digests are paused',
        '  status  paused (resume with /papers settings resume)',
        '',
      ].join('\n'),
    );
    const json = await channels(['--json'], url);
    expect(
      json.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))[0],
    ).toEqual({
      channel: 'slack:T1:C1',
      topics: ['diffusion'],
      schedule: '5 papers on tue at 08:30 (UTC)',
      next: 'Tue 14 May, 08:30 UTC (in 22 h 30 min)',
      nextAt: '2024-05-14T08:30:00.000Z',
      status: 'active',
    });
  });

  it('an unreachable database is one line and exit code 2', async () => {
    let stderr = '';
    const io: CliIO = {
      out: () => undefined,
      err: (t) => {
        stderr += t;
      },
      env: { DATABASE_URL: 'sqlite:/proc/nope/x.db' },
    };
    expect(await main(['channels'], io)).toBe(2);
    expect(stderr).toMatch(
      /^paperboy channels: cannot open the SQLite database \/proc\/nope\/x\.db: [^\n]*\n$/,
    );
  });
});
