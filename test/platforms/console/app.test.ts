import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { papersCommands } from '../../../commands/index.js';
import { type ConsoleServices, runConsoleApp } from '../../../src/platforms/console/app.js';
import { fakeWorld } from '../../app/fakes.js';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => {
    text += String(chunk);
  });
  return { stream, text: () => text };
}

async function app(options: { evals?: string[]; stdin?: string; env?: NodeJS.ProcessEnv }) {
  const world = await fakeWorld();
  let closed = false;
  const services: ConsoleServices = {
    ...world.services,
    describe: () => 'test catalog',
    close: async () => {
      closed = true;
    },
  };
  const stdin = new PassThrough();
  if (options.stdin !== undefined) stdin.end(options.stdin);
  const out = capture();
  const err = capture();
  const code = await runConsoleApp({
    env: { NO_COLOR: '1', ...options.env },
    evals: options.evals,
    commands: papersCommands,
    stdin,
    stdout: out.stream,
    stderr: err.stream,
    createServices: async () => services,
  });
  return { code, out: out.text(), err: err.text(), closed: () => closed, world };
}

describe('runConsoleApp', () => {
  it('runs --eval lines, prints plain text and exits 0', async () => {
    const result = await app({ evals: ['/papers search diffusion', 'help search'] });
    expect(result.code).toBe(0);
    expect(result.out).toContain('Papers for “diffusion”');
    expect(result.out).toContain('/papers search');
    expect(result.out).not.toContain('\x1b[');
    expect(result.closed()).toBe(true);
  });

  it('exits 2 when a command answered with an error', async () => {
    const result = await app({ evals: ['/papers subscribe rl time:99:99'] });
    expect(result.code).toBe(2);
    expect(result.out).toContain('✗ Time: "99:99" is not a time');
  });

  it('reads lines from piped stdin when there is no --eval', async () => {
    const result = await app({ stdin: 'subscribe diffusion\ndigest\n' });
    expect(result.code).toBe(0);
    expect(result.out).toContain('Subscribed to “diffusion”.');
    expect(result.out).toContain('Digest preview: “diffusion”');
  });

  it('colours when FORCE_COLOR asks for it', async () => {
    const result = await app({ evals: ['help'], env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(result.out).toContain('\x1b[1m');
  });
});
