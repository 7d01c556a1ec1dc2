import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.js';

describe('FakeClock', () => {
  it('stands still until set or advanced', () => {
    const clock = new FakeClock('2026-03-02T08:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-02T08:00:00.000Z');
    clock.advance(1500);
    expect(clock.ms()).toBe(Date.parse('2026-03-02T08:00:01.500Z'));
    clock.set('2026-03-03T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('runs timers that fall due, in time order, at their own moment', () => {
    const clock = new FakeClock(0);
    const ran: string[] = [];
    clock.setTimeout(() => ran.push(`b@${clock.ms()}`), 200);
    clock.setTimeout(() => ran.push(`a@${clock.ms()}`), 100);
    const cancelled = clock.setTimeout(() => ran.push('never'), 50);
    clock.clearTimeout(cancelled);
    clock.setTimeout(() => ran.push('later'), 1000);
    clock.advance(500);
    expect(ran).toEqual(['a@100', 'b@200']);
    expect(clock.ms()).toBe(500);
    expect(clock.waiting).toBe(1);
  });

  it('resolves a sleep once time reaches it, and rejects one that is aborted', async () => {
    const clock = new FakeClock(0);
    let woke = false;
    const nap = clock.sleep(100).then(() => {
      woke = true;
    });
    clock.advance(99);
    await Promise.resolve();
    expect(woke).toBe(false);
    clock.advance(1);
    await nap;
    expect(woke).toBe(true);

    const abort = new AbortController();
    const cut = clock.sleep(100, abort.signal);
    abort.abort(new Error('stop'));
    await expect(cut).rejects.toThrow('stop');
    expect(clock.waiting).toBe(0);
  });
});
