import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandsCli } from '../../../src/cli/commands.js';
import { type CliIO, UsageError } from '../../../src/cli/kit.js';
import { registerCli } from '../../../src/cli/register.js';
import { MockDiscord } from './mock-discord.js';
import { testCommands } from './test-commands.js';

function io(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), env };
  return { cli, out, err };
}

const load = async () => testCommands;

describe('paperboy commands --discord', () => {
  it('prints the registration JSON for /papers', async () => {
    const { cli, out } = io();
    expect(await commandsCli(load).run(['--discord'], cli)).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(json[0].name).toBe('papers');
    expect(json[0].options.map((o: { name: string }) => o.name)).toContain('summarize');
  });

  it('asks for a format when none is given', async () => {
    await expect(commandsCli(load).run([], io().cli)).rejects.toThrow(UsageError);
    await expect(commandsCli(load).run([], io().cli)).rejects.toThrow(/--discord/);
  });
});

describe('paperboy register', () => {
  let mock: MockDiscord;
  beforeEach(async () => {
    mock = await new MockDiscord().start();
  });
  afterEach(async () => {
    await mock.stop();
  });

  it('installs /papers in one server, looking the application up from the token', async () => {
    const { cli, out } = io({ DISCORD_TOKEN: 'tok', DISCORD_API_URL: mock.url });
    expect(await registerCli(load).run(['--guild', '222222222222222222'], cli)).toBe(0);
    const [put] = mock.find(
      'PUT',
      /^\/applications\/111111111111111111\/guilds\/222222222222222222\/commands$/,
    );
    expect(put!.headers.authorization).toBe('Bot tok');
    expect((put!.body as { name: string }[])[0]!.name).toBe('papers');
    expect(mock.find('GET', /^\/applications\/@me$/)).toHaveLength(1);
    const text = out.join('');
    expect(text).toContain(
      'Registered /papers search, summarize, subscribe, ponder, explode, preview in server 222222222222222222',
    );
    expect(text).toContain('scope=bot+applications.commands&permissions=274877991936');
  });

  it('installs globally with DISCORD_APPLICATION_ID', async () => {
    const { cli, out } = io({
      DISCORD_TOKEN: 'tok',
      DISCORD_API_URL: mock.url,
      DISCORD_APPLICATION_ID: '111111111111111111',
    });
    expect(await registerCli(load).run([], cli)).toBe(0);
    expect(mock.find('PUT', /^\/applications\/111111111111111111\/commands$/)).toHaveLength(1);
    expect(mock.find('GET', /^\/applications\/@me$/)).toHaveLength(0);
    expect(out.join('')).toContain('globally');
  });

  it('says how to fix a missing or refused token, and a bot missing from the server', async () => {
    await expect(registerCli(load).run([], io({}).cli)).rejects.toThrow(/set DISCORD_TOKEN/);
    mock.script('GET', /^\/applications\/@me$/, {
      status: 401,
      body: { message: '401: Unauthorized', code: 0 },
    });
    await expect(
      registerCli(load).run([], io({ DISCORD_TOKEN: 'bad', DISCORD_API_URL: mock.url }).cli),
    ).rejects.toThrow(/Reset Token/);
    mock.script('PUT', /guilds/, { status: 403, body: { message: 'Missing Access', code: 50001 } });
    await expect(
      registerCli(load).run(
        ['--guild', '222222222222222222'],
        io({ DISCORD_TOKEN: 't', DISCORD_API_URL: mock.url }).cli,
      ),
    ).rejects.toThrow(/not in that server.*applications\.commands.*oauth2\/authorize/);
    await expect(
      registerCli(load).run(['--guild', 'my-server'], io({ DISCORD_TOKEN: 't' }).cli),
    ).rejects.toThrow(/Copy Server ID/);
  });
});
