// The one command pipeline: deadline race, background work, metrics outcomes, apology, busy and command hooks.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineCommand, option } from '../../src/app/command.js';
import { limiterFromConfig } from '../../src/app/command-quota.js';
import { createRuntime, type Invocation } from '../../src/app/runtime.js';
import type { CommandContext, Services } from '../../src/app/types.js';
import { WorkLane } from '../../src/app/work-lane.js';
import { createMetrics } from '../../src/metrics.js';
import type { View } from '../../src/views/types.js';
import { captureLogger } from '../digest/fakes.js';
import { fakeWorld } from './fakes.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A command whose answer arrives when the test says so. */
function gated() {
  let open: (view: View) => void = () => {};
  const gate = new Promise<View>((resolve) => {
    open = resolve;
  });
  const spec = defineCommand({
    name: 'wait',
    description: 'Waits for the test',
    usage: '/papers wait',
    examples: [],
    options: {},
    run: () => gate,
  });
  return { spec, open };
}

const hello = defineCommand({
  name: 'hello',
  description: 'Says hello',
  usage: '/papers hello [who]',
  examples: [],
  options: { who: option.string('Who to greet', { positional: 'rest' }) },
  async run(input) {
    return { kind: 'notice', text: `Hello ${input.who ?? 'there'}` };
  },
});

const slow = defineCommand({ ...hello, name: 'slow', slow: true });

const broken = defineCommand({
  ...hello,
  name: 'broken',
  async run() {
    throw new Error('the store went away');
  },
});

let subscribeRuns = 0;
const subscribe = defineCommand({
  name: 'subscribe',
  description: 'Digests here',
  usage: '/papers subscribe <topics>',
  examples: [],
  admin: true,
  needsPostingChannel: true,
  options: { topics: option.string('Topics', { required: true, positional: 'rest' }) },
  async run(input) {
    subscribeRuns++;
    return { kind: 'notice', text: `Subscribed to ${input.topics}` };
  },
});

function ctx(extra: Partial<CommandContext> = {}, canManage = true): CommandContext {
  return {
    channel: { platform: 'slack', workspace: 'T1', channel: 'C1' },
    user: { id: 'U1', canManage },
    ...extra,
  };
}

async function world(extra: Partial<Services> = {}) {
  const w = await fakeWorld();
  const metrics = createMetrics({ defaults: false });
  const { logger, lines } = captureLogger();
  const services: Services = { ...w.services, logger, ...extra };
  const commands = [hello, slow, broken, subscribe];
  return { services, metrics, lines, commands };
}

const line = (text: string, extra: Partial<Invocation> = {}): Invocation => ({
  command: { line: text },
  ctx: ctx(),
  ...extra,
});

describe('the deadline race', () => {
  it('answers at once when the command finishes before the deadline', async () => {
    const w = await world();
    const runtime = createRuntime({ commands: w.commands, services: w.services });
    const answer = await runtime.answer(line('/papers hello Ada'), { within: 2_000 });
    expect(answer).toMatchObject({ at: 'once', outcome: 'ok', views: [{ text: 'Hello Ada' }] });
  });

  it('says the answer comes later when the deadline passes first, then delivers it', async () => {
    vi.useFakeTimers();
    const w = await world();
    const { spec, open } = gated();
    const runtime = createRuntime({ commands: [spec], services: w.services });
    const answering = runtime.answer(line('/papers wait'), { within: 2_000 });
    await vi.advanceTimersByTimeAsync(1_999);
    let settled = false;
    void answering.then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const answer = await answering;
    expect(answer.at).toBe('later');
    if (answer.at !== 'later') return;
    expect(answer.spec.name).toBe('wait');
    open({ kind: 'notice', text: 'done at last' });
    expect(await answer.result).toMatchObject({ outcome: 'ok', views: [{ text: 'done at last' }] });
  });

  it('defers a slow command at once when asked to, without waiting for the deadline', async () => {
    const w = await world();
    const runtime = createRuntime({ commands: w.commands, services: w.services });
    const deferred = await runtime.answer(line('/papers slow'), { within: 60_000, deferSlow: true });
    expect(deferred.at).toBe('later');
    const inline = await runtime.answer(line('/papers slow'), { within: 60_000 });
    expect(inline.at).toBe('once');
  });
});

describe('failures and refusals', () => {
  it('apologises for a command that throws, logs the stack and counts an error', async () => {
    const w = await world();
    const runtime = createRuntime({ commands: w.commands, services: w.services, metrics: w.metrics });
    const result = await runtime.run(line('/papers broken'));
    expect(result.outcome).toBe('error');
    expect(result.views).toEqual([
      {
        kind: 'error',
        text: 'Sorry, something went wrong on our side. Please try again in a moment.',
        ephemeral: true,
      },
    ]);
    expect(w.lines.find((l) => l.msg === 'command failed')).toMatchObject({ command: 'broken' });
    expect(await w.metrics.registry.getSingleMetricAsString('paperboy_commands_total')).toContain(
      'command="broken",platform="slack",outcome="error"} 1',
    );
  });

  it('answers busy, without running the command, when the work lane is full', async () => {
    const w = await world({ lane: new WorkLane({ maxQueued: 0 }) });
    const runtime = createRuntime({ commands: w.commands, services: w.services, metrics: w.metrics });
    const answer = await runtime.answer(line('/papers hello'), { within: 2_000 });
    expect(answer).toMatchObject({
      at: 'once',
      outcome: 'busy',
      views: [{ kind: 'notice', ephemeral: true }],
    });
    expect(await w.metrics.registry.getSingleMetricAsString('paperboy_commands_total')).toContain(
      'command="hello",platform="slack",outcome="busy"} 1',
    );
  });

  it('rate-limits before reading the line or asking who may manage the channel', async () => {
    const w = await world();
    const limiter = limiterFromConfig({ burst: 1, perMs: 60_000 }, w.services.clock)!;
    const runtime = createRuntime({ commands: w.commands, services: { ...w.services, limiter } });
    const asked: string[] = [];
    const canManage = async () => {
      asked.push('asked');
      return true;
    };
    expect((await runtime.run(line('/papers subscribe rl', { canManage }))).outcome).toBe('ok');
    const second = await runtime.run(line('/papers subscribe "unclosed', { canManage }));
    expect(second.outcome).toBe('limited');
    expect(asked).toEqual(['asked']);
  });

  it('asks who may manage the channel only for commands that need it', async () => {
    const w = await world();
    const runtime = createRuntime({ commands: w.commands, services: w.services });
    let asked = 0;
    const canManage = async () => {
      asked++;
      return false;
    };
    await runtime.run(line('/papers hello', { canManage }));
    expect(asked).toBe(0);
    const refused = await runtime.run(line('/papers subscribe rl', { canManage }));
    expect(asked).toBe(1);
    expect(refused.outcome).toBe('refused');
  });
});

describe('command hooks on the conversation', () => {
  it('refuses a command that needs a posting channel where the bot cannot post, without running it', async () => {
    const w = await world();
    const runtime = createRuntime({ commands: w.commands, services: w.services, metrics: w.metrics });
    subscribeRuns = 0;
    const result = await runtime.run({
      command: { line: '/papers subscribe rl' },
      ctx: ctx({ conversation: { botCanPost: false } }),
    });
    expect(result.outcome).toBe('refused');
    expect(result.views[0]).toMatchObject({
      kind: 'error',
      text: expect.stringContaining('Digests need a channel'),
    });
    expect(subscribeRuns).toBe(0);
    expect(await w.metrics.registry.getSingleMetricAsString('paperboy_commands_total')).toContain(
      'command="subscribe",platform="slack",outcome="refused"} 1',
    );
  });

  it('asks the platform about the conversation only for a command that posts there', async () => {
    const w = await world();
    const runtime = createRuntime({ commands: w.commands, services: w.services });
    const asked: string[] = [];
    const conversation = async () => {
      asked.push('asked');
      return { botCanPost: false };
    };
    subscribeRuns = 0;
    await runtime.run({ command: { line: '/papers hello' }, ctx: ctx(), conversation });
    expect(asked).toEqual([]);
    const refused = await runtime.run({
      command: { line: '/papers subscribe rl' },
      ctx: ctx(),
      conversation,
    });
    expect(asked).toEqual(['asked']);
    expect(refused.outcome).toBe('refused');
    expect(subscribeRuns).toBe(0);
  });

  it('adds a heads-up about missing permissions after a command that posts here, and only then', async () => {
    const w = await world();
    const runtime = createRuntime({ commands: w.commands, services: w.services });
    const conversation = { botCanPost: true, missingPermissions: ['Embed Links'] };
    const subscribed = await runtime.run({
      command: { line: '/papers subscribe rl' },
      ctx: ctx({ conversation }),
    });
    expect(subscribed.views).toHaveLength(2);
    expect(subscribed.views[1]).toMatchObject({ title: 'Paperboy cannot post here yet', ephemeral: true });
    expect(subscribed.views[1]).toMatchObject({ text: expect.stringContaining('Embed Links') });
    const greeted = await runtime.run({ command: { line: '/papers hello' }, ctx: ctx({ conversation }) });
    expect(greeted.views).toHaveLength(1);
  });

  it('keeps an answer to a private press private unless the command made it public', async () => {
    const w = await world();
    const shared = defineCommand({
      ...hello,
      name: 'shared',
      async run() {
        return { kind: 'notice', text: 'for everyone', ephemeral: false };
      },
    });
    const runtime = createRuntime({ commands: [hello, shared], services: w.services });
    const hidden = await runtime.run(line('/papers hello', { privately: true }));
    expect(hidden.views[0]?.ephemeral).toBe(true);
    const open = await runtime.run(line('/papers shared', { privately: true }));
    expect(open.views[0]?.ephemeral).toBe(false);
  });
});

describe('metrics and background work', () => {
  it('counts commands by name, platform and outcome, with their latency', async () => {
    const w = await world();
    const runtime = createRuntime({ commands: w.commands, services: w.services, metrics: w.metrics });
    await runtime.run({
      command: { spec: hello, options: { who: 'Ada' } },
      ctx: ctx({ channel: { platform: 'discord', workspace: 'G1', channel: 'C1' } }),
    });
    await runtime.run(line('/papers hello'));
    const counted = await w.metrics.registry.getSingleMetricAsString('paperboy_commands_total');
    expect(counted).toContain('command="hello",platform="discord",outcome="ok"} 1');
    expect(counted).toContain('command="hello",platform="slack",outcome="ok"} 1');
    const latency = await w.metrics.registry.getSingleMetricAsString('paperboy_command_duration_seconds');
    expect(latency).toMatch(/_count\{command="hello",platform="slack"\} 1/);
  });

  it('tracks work after an answer until it is done, and logs a failure instead of throwing', async () => {
    const w = await world();
    const runtime = createRuntime({ commands: w.commands, services: w.services });
    let finish: () => void = () => {};
    let finished = false;
    void runtime.later({ what: 'edit' }, async () => {
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
      finished = true;
    });
    const failing = runtime.later({ what: 'follow-up' }, async () => {
      throw new Error('webhook gone');
    });
    await expect(failing).resolves.toBeUndefined();
    expect(w.lines.find((l) => l.msg === 'background answer failed')).toMatchObject({ what: 'follow-up' });
    const idle = runtime.idle();
    expect(finished).toBe(false);
    finish();
    await idle;
    expect(finished).toBe(true);
  });
});
