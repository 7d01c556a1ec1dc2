import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WorkLane } from '../../src/app/work-lane.js';

/** Blocks the thread the way a synchronous search does. */
function burn(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy on purpose
  }
}

describe('the work lane', () => {
  it('runs every accepted task once, at most `concurrency` at a time, in order of arrival', async () => {
    const lane = new WorkLane({ concurrency: 2, maxQueued: 100 });
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        lane.submit(async () => {
          started.push(n);
          running++;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 5));
          running--;
          return n * 2;
        }),
      ),
    );
    expect(results).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(2);
    expect(lane.backlog).toBe(0);
  });

  it('keeps a share of the lane for one platform while the other’s tasks are stalled', async () => {
    const lane = new WorkLane({ concurrency: 4, maxQueued: 100 });
    // Twenty Slack commands stuck on an API that never answers.
    for (let i = 0; i < 20; i++) lane.submit(() => new Promise<never>(() => {}), 'slack');
    const discord = lane.submit(async () => 'answered', 'discord');
    const outcome = await Promise.race([discord, new Promise((r) => setTimeout(() => r('starved'), 500))]);
    expect(outcome).toBe('answered');
  });

  it('refuses at once when the queue is full, and accepts again once it drains', async () => {
    const lane = new WorkLane({ concurrency: 1, maxQueued: 3 });
    const accepted = Array.from({ length: 5 }, () => lane.submit(async () => 'done'));
    expect(accepted.filter((p) => p === null)).toHaveLength(2);
    await Promise.all(accepted);
    expect(lane.submit(async () => 'again')).not.toBeNull();
  });

  it('passes a failing task’s error to its caller and keeps serving the others', async () => {
    const lane = new WorkLane();
    const bad = lane.submit(() => {
      throw new Error('synchronous failure');
    });
    const good = lane.submit(async () => 'fine');
    await expect(bad).rejects.toThrow('synchronous failure');
    await expect(good).resolves.toBe('fine');
  });

  it('lets a request in waiting be answered between tasks, not after all of them', async () => {
    const lane = new WorkLane({ concurrency: 1, maxQueued: 1000 });
    const server = createServer((_req, res) => res.end('ack'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as { port: number };
    try {
      let finished = 0;
      const tasks = Array.from({ length: 40 }, () =>
        lane.submit(async () => {
          burn(10);
          finished++;
        }),
      );
      // 40 tasks of 10 ms are 400 ms of blocked thread; the request must not wait for all of them.
      const answer = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
      const finishedWhenAnswered = finished;
      expect(answer).toBe('ack');
      await Promise.all(tasks);
      expect(finishedWhenAnswered).toBeLessThan(40);
    } finally {
      server.close();
    }
  });
});
