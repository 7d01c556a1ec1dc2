// `paperboy commands --discord`: prints what a chat platform needs to install /papers (registration JSON, manifests).
import type { CommandSpec } from '../app/command.js';
import { ConfigError, type Env, readVariables } from '../config.js';
import { type CliCommand, EXIT, parseCli, UsageError } from './kit.js';

type Load = () => Promise<readonly CommandSpec[]>;

interface Format {
  summary: string;
  /** The text to print, and any problems (printed to stderr, exit 1). */
  render(
    commands: readonly CommandSpec[],
    env: NodeJS.ProcessEnv,
  ): Promise<{ text: string; problems: string[] }>;
}

/** One flag per platform format; each platform adds its entry here (Slack: `slack-manifest`). */
const FORMATS: Record<string, Format> = {
  discord: {
    summary: 'Discord slash-command registration JSON (the body of PUT /applications/{id}/commands)',
    async render(commands) {
      const { registrationJson, registrationProblems } = await import('../platforms/discord/registration.js');
      const json = registrationJson(commands);
      return { text: `${JSON.stringify(json, null, 2)}\n`, problems: registrationProblems(json) };
    },
  },
  'slack-manifest': {
    summary:
      'Slack app manifest (JSON; paste at api.slack.com/apps → Create New App → From a manifest). ' +
      'PAPERBOY_PUBLIC_URL sets the request URLs; SLACK_APP_TOKEN set → Socket Mode; SLACK_CLIENT_ID set → OAuth redirect',
    async render(commands, env) {
      const { slackManifest } = await import('../platforms/slack/manifest.js');
      const e = variables(env, ['PAPERBOY_PUBLIC_URL', 'SLACK_APP_TOKEN', 'SLACK_CLIENT_ID']);
      const manifest = slackManifest(commands, {
        ...(e.PAPERBOY_PUBLIC_URL ? { baseUrl: e.PAPERBOY_PUBLIC_URL } : {}),
        socketMode: Boolean(e.SLACK_APP_TOKEN),
        oauth: Boolean(e.SLACK_CLIENT_ID),
      });
      return { text: `${JSON.stringify(manifest, null, 2)}\n`, problems: [] };
    },
  },
};

const flags = Object.keys(FORMATS);

/** The variables a format reads; one that is set wrong is a usage error saying what to set. */
function variables<K extends keyof Env>(env: NodeJS.ProcessEnv, names: readonly K[]): Pick<Env, K> {
  try {
    return readVariables(env, names);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

export function commandsCli(load: Load): CliCommand {
  return {
    name: 'commands',
    summary: 'print the /papers command declarations for a chat platform',
    usage: `paperboy commands ${flags.map((f) => `--${f}`).join(' | ')}\n\n${flags
      .map((f) => `  --${f}  ${FORMATS[f]?.summary}`)
      .join('\n')}`,
    async run(args, io) {
      const options = Object.fromEntries(flags.map((f) => [f, { type: 'boolean' as const }]));
      const { values } = parseCli(args, options, false);
      const chosen = flags.filter((f) => (values as Record<string, unknown>)[f] === true);
      if (chosen.length !== 1) {
        throw new UsageError(`choose one format: ${flags.map((f) => `--${f}`).join(' or ')}`);
      }
      const format = FORMATS[chosen[0] as string] as Format;
      const { text, problems } = await format.render(await load(), io.env);
      io.out(text);
      if (problems.length > 0) {
        io.err(`paperboy commands: these declarations would be refused: ${problems.join('; ')}\n`);
        return EXIT.internal;
      }
      return EXIT.ok;
    },
  };
}

export default commandsCli(async () => (await import('../main.js')).papersCommands);
