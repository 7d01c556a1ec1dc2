import { describe, expect, it } from 'vitest';
import { ReplayGuard } from '../../src/app/replay-guard.js';
import { FakeClock } from '../support/fake-clock.js';

describe('ReplayGuard', () => {
  it('refuses an id seen within the window and accepts it again after', () => {
    const clock = new FakeClock();
    const guard = new ReplayGuard({ windowMs: 300_000, clock });
    expect(guard.firstTime('trigger-1')).toBe(true);
    clock.advance(299_999);
    expect(guard.firstTime('trigger-1')).toBe(false);
    clock.advance(2);
    expect(guard.firstTime('trigger-1')).toBe(true);
  });

  it('keeps a bounded number of ids, forgetting expired and then the oldest ones', () => {
    const clock = new FakeClock();
    const guard = new ReplayGuard({ windowMs: 1000, maxIds: 100, clock });
    for (let i = 0; i < 1000; i++) guard.firstTime(`id-${i}`);
    expect(guard.size).toBeLessThanOrEqual(100);
    expect(guard.firstTime('id-999')).toBe(false);
    clock.advance(1001);
    guard.firstTime('late');
    expect(guard.size).toBe(1);
  });
});
