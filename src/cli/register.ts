// `paperboy register [--guild ID]`: installs /papers on Discord through REST (DISCORD_TOKEN, DISCORD_API_URL).
import type { CommandSpec } from '../app/command.js';
import { ConfigError, readConfig } from '../config.js';
import { type CliCommand, EXIT, parseCli, UsageError } from './kit.js';

type Load = () => Promise<readonly CommandSpec[]>;

export function registerCli(load: Load): CliCommand {
  return {
    name: 'register',
    summary: 'install the /papers slash command on Discord',
    usage: [
      'paperboy register [--guild ID]',
      '',
      '  --guild ID  install in one server (appears at once; for development). Without it: globally.',
      '',
      'Reads DISCORD_TOKEN, and DISCORD_APPLICATION_ID (looked up from the token when unset), DISCORD_API_URL.',
    ].join('\n'),
    async run(args, io) {
      const { values } = parseCli(args, { guild: { type: 'string' } }, false);
      const guild = values.guild as string | undefined;
      if (guild !== undefined && !/^\d{17,20}$/.test(guild)) {
        throw new UsageError(
          `--guild must be a server id (17–20 digits; right-click the server → Copy Server ID), got "${guild}"`,
        );
      }
      let discord: ReturnType<typeof readConfig>['discord'];
      try {
        discord = readConfig(io.env).discord;
      } catch (error) {
        if (error instanceof ConfigError) throw new UsageError(error.message);
        throw error;
      }
      if (!discord?.token) {
        throw new UsageError(
          'set DISCORD_TOKEN to your bot token (https://discord.com/developers/applications → your app → Bot → Reset Token)',
        );
      }
      const { createRest } = await import('../platforms/discord/rest.js');
      const { registerCommands } = await import('../platforms/discord/register.js');
      const { inviteUrl } = await import('../platforms/discord/registration.js');
      const result = await registerCommands({
        rest: createRest({ apiUrl: discord.apiUrl, token: discord.token, retries: 1, timeoutMs: 10_000 }),
        commands: await load(),
        ...(guild ? { guildId: guild } : {}),
        ...(discord.applicationId ? { applicationId: discord.applicationId } : {}),
      });
      if (!result.ok) {
        if (result.kind === 'usage') throw new UsageError(result.message);
        io.err(`paperboy register: ${result.message}\n`);
        return EXIT.internal;
      }
      const where =
        result.scope === 'guild'
          ? `in server ${guild}: it is available now`
          : 'globally: it may take a few minutes to show up in every server';
      io.out(
        [
          `Registered /papers ${result.subcommands.join(', ')} ${where}.`,
          `Invite link (if the bot is not in your server yet): ${inviteUrl(result.applicationId)}`,
          '',
        ].join('\n'),
      );
      return EXIT.ok;
    },
  };
}

export default registerCli(async () => (await import('../main.js')).papersCommands);
