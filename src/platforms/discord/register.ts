// Installs /papers on Discord (bulk overwrite, so renamed or removed subcommands disappear) and explains failures.
import { DiscordAPIError, type REST, Routes } from 'discord.js';
import type { CommandSpec } from '../../app/command.js';
import { inviteUrl, registrationJson, registrationProblems } from './registration.js';

export interface RegisterOptions {
  rest: REST;
  commands: readonly CommandSpec[];
  /** A server (guild) id: commands appear there at once, for development. Global otherwise. */
  guildId?: string;
  /** Looked up from the bot token (GET /applications/@me) when not given. */
  applicationId?: string;
}

export type RegisterResult =
  | { ok: true; applicationId: string; subcommands: string[]; scope: 'guild' | 'global' }
  /** `usage`: something the person running it must fix (token, invite); `internal`: our bug or Discord down. */
  | { ok: false; kind: 'usage' | 'internal'; message: string };

export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const body = registrationJson(options.commands);
  const problems = registrationProblems(body);
  if (problems.length > 0) {
    return {
      ok: false,
      kind: 'internal',
      message: `the command declarations break Discord's rules: ${problems.join('; ')}`,
    };
  }
  let applicationId = options.applicationId;
  try {
    if (!applicationId) {
      applicationId = ((await options.rest.get(Routes.currentApplication())) as { id: string }).id;
    }
    const route = options.guildId
      ? Routes.applicationGuildCommands(applicationId, options.guildId)
      : Routes.applicationCommands(applicationId);
    const saved = (await options.rest.put(route, { body })) as {
      name: string;
      options?: { name: string }[];
    }[];
    const papers = saved.find((c) => c.name === body[0]?.name);
    return {
      ok: true,
      applicationId,
      subcommands: (papers?.options ?? []).map((o) => o.name),
      scope: options.guildId ? 'guild' : 'global',
    };
  } catch (error) {
    return explain(error, options.guildId, applicationId);
  }
}

function explain(
  error: unknown,
  guildId: string | undefined,
  applicationId: string | undefined,
): RegisterResult {
  if (error instanceof DiscordAPIError) {
    if (error.status === 401) {
      return {
        ok: false,
        kind: 'usage',
        message:
          'Discord refused DISCORD_TOKEN (401): copy a fresh token from https://discord.com/developers/applications → your app → Bot → Reset Token',
      };
    }
    if (error.status === 403 && guildId) {
      const invite = applicationId ? ` Invite it with ${inviteUrl(applicationId)}` : '';
      return {
        ok: false,
        kind: 'usage',
        message: `the bot cannot add commands to server ${guildId}: it is not in that server, or was invited without the applications.commands scope.${invite}`,
      };
    }
    if (error.status === 404) {
      return {
        ok: false,
        kind: 'usage',
        message: `Discord does not know ${guildId ? `server ${guildId} or ` : ''}application ${applicationId ?? '(from the token)'}: check DISCORD_APPLICATION_ID${guildId ? ' and --guild' : ''}`,
      };
    }
    return { ok: false, kind: 'internal', message: `Discord answered ${error.status}: ${error.message}` };
  }
  return {
    ok: false,
    kind: 'internal',
    message: `could not reach Discord: ${error instanceof Error ? error.message : String(error)}`,
  };
}
