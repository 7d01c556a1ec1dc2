import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { papersCommands } from '../../../commands/index.js';
import { CONSOLE_CHANNEL, ConsoleDelivery, consoleContext } from '../../../src/platforms/console/channel.js';
import { completer } from '../../../src/platforms/console/repl.js';
import { createConsoleSession } from '../../../src/platforms/console/session.js';
import { runScript, startInteractive } from '../../../src/platforms/console/start.js';
import { fakeWorld } from '../../app/fakes.js';

async function session(world?: Awaited<ReturnType<typeof fakeWorld>>) {
  const w = world ?? (await fakeWorld());
  return createConsoleSession({
    services: w.services,
    commands: papersCommands,
    context: () => consoleContext('tester'),
    render: { color: false, width: 80 },
  });
}

describe('console session', () => {
  it('accepts /papers lines, papers lines and bare subcommands', async () => {
    const s = await session();
    for (const line of ['/papers search diffusion', 'papers search diffusion', 'search diffusion']) {
      const result = await s.handle(line);
      expect(result.failed).toBe(false);
      expect(result.text).toContain('Derivative-Free Guidance');
    }
  });

  it('pages with next and prev after a search', async () => {
    const s = await session();
    const first = await s.handle('search rl limit:1');
    expect(first.text).toContain('page 1 of 2');
    expect((await s.handle('next')).text).toContain('page 2 of 2');
    expect((await s.handle('prev')).text).toContain('page 1 of 2');
    expect((await (await session()).handle('next')).text).toContain('There is no next page here.');
  });

  it('offers a search when plain words are typed', async () => {
    const result = await (await session()).handle('quantum diffusion');
    expect(result.failed).toBe(true);
    expect(result.text).toContain('To search for it: search quantum diffusion');
  });

  it('quits on exit and ignores blank lines and comments', async () => {
    const s = await session();
    expect(await s.handle('exit')).toEqual({ text: '', failed: false, quit: true });
    expect(await s.handle('   ')).toEqual({ text: '', failed: false, quit: false });
    expect(await s.handle('# a comment')).toEqual({ text: '', failed: false, quit: false });
  });

  it('is a channel the local user manages: subscribe works', async () => {
    const world = await fakeWorld();
    const result = await (await session(world)).handle('subscribe diffusion time:08:30');
    expect(result.failed).toBe(false);
    expect(await world.store.getChannel(CONSOLE_CHANNEL)).toMatchObject({
      topics: ['diffusion'],
      updatedBy: 'tester',
    });
  });
});

describe('runScript', () => {
  it('runs lines in order, stops at exit and counts errors', async () => {
    const world = await fakeWorld();
    let out = '';
    const summary = await runScript(
      ['subscribe rl', 'settings', 'search rl!', 'exit', 'search never-run'],
      { services: world.services, commands: papersCommands, render: { color: false } },
      (t) => {
        out += t;
      },
    );
    expect(summary).toEqual({ failed: 1, ran: 3 });
    expect(out.indexOf('Subscribed')).toBeLessThan(out.indexOf('Settings for this channel'));
    expect(out).toContain('✗ The query has a stray "!"');
    expect(world.search.queries).not.toContain('never-run');
  });
});

describe('interactive console', () => {
  it('answers typed lines and quits on exit', async () => {
    const world = await fakeWorld();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk) => {
      text += String(chunk);
    });
    const repl = startInteractive({
      services: world.services,
      commands: papersCommands,
      render: { color: false },
      input,
      output,
      welcome: 'hello',
    });
    input.write('search diffusion\n');
    input.write('exit\n');
    await repl.closed;
    expect(text).toMatch(/^hello\n/);
    expect(text).toContain('Derivative-Free Guidance');
    expect(text).toContain('papers> ');
  });

  it('prints a delivered digest through the console delivery port', async () => {
    const printed: string[] = [];
    const delivery = new ConsoleDelivery((t) => printed.push(t), { color: false });
    const result = await delivery.deliver({
      channel: CONSOLE_CHANNEL,
      nonce: 'n1',
      view: { kind: 'notice', title: 'Paper digest', text: 'Nothing new on rl today.' },
    });
    expect(result).toMatchObject({ ok: true, messageIds: [expect.stringContaining('n1')] });
    expect(printed).toEqual(['Paper digest\nNothing new on rl today.\n']);
    const elsewhere = await delivery.deliver({
      channel: { platform: 'slack', workspace: 'T', channel: 'C' },
      nonce: 'n2',
      view: { kind: 'notice', text: 'x' },
    });
    expect(elsewhere).toMatchObject({ ok: false, kind: 'unreachable' });
  });

  it('completes subcommands, then option names', () => {
    const complete = completer(papersCommands);
    expect(complete('sub')[0]).toEqual(['subscribe ']);
    expect(complete('/papers su')[0]).toEqual(['summarize ', 'subscribe ']);
    expect(complete('subscribe rl ti')[0]).toEqual(['time:', 'timezone:']);
  });
});
