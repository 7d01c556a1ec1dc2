// `paperboy start` reads .env once: bin/paperboy.js reads it for every command, so start() must not again.
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/kit.js';
import { startCommand } from '../../src/cli/start.js';
import type { StartOptions } from '../../src/main.js';

describe('paperboy start', () => {
  it('starts with the environment the command line was given, telling start() .env is already read', async () => {
    const env: NodeJS.ProcessEnv = { DISCORD_TOKEN: 'from-dot-env' };
    const calls: { env: NodeJS.ProcessEnv; options: StartOptions }[] = [];
    const command = startCommand(async (given, options) => {
      calls.push({ env: given, options });
      return 0;
    });
    const io: CliIO = { out: () => {}, err: () => {}, env };
    expect(await command.run([], io)).toBe(0);
    expect(calls).toEqual([{ env, options: { envFileRead: true } }]);
    expect(calls[0]?.env).toBe(env);
  });
});
