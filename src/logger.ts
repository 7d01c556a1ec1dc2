// pino logger factory: JSON to stderr; secrets never reach the output, whether as fields, in messages or in stacks.
import { type Logger, pino } from 'pino';
import { secretValues } from './config.js';

/** Fields that hold secrets wherever they appear (one level of nesting, plus HTTP request headers). */
const REDACT = [
  'token',
  'interactionToken',
  'secret',
  'password',
  'apiKey',
  'authorization',
  '*.token',
  '*.secret',
  '*.password',
  '*.apiKey',
  '*.authorization',
  '*.signingSecret',
  '*.botToken',
  '*.appToken',
  '*.clientSecret',
  '*.stateSecret',
  'config.discordToken',
  'config.discord.token',
  'config.slack.botToken',
  'config.slack.signingSecret',
  'config.slack.appToken',
  'config.slack.clientSecret',
  'config.slack.stateSecret',
  'config.llm.apiKey',
  'config.slackBotToken',
  'config.slackSigningSecret',
  'config.llmApiKey',
  'headers.authorization',
  'headers.cookie',
  'headers["x-slack-signature"]',
  'headers["x-signature-ed25519"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-slack-signature"]',
  '*.headers["x-signature-ed25519"]',
  '*.DISCORD_TOKEN',
  '*.SLACK_BOT_TOKEN',
  '*.SLACK_APP_TOKEN',
  '*.SLACK_SIGNING_SECRET',
  '*.SLACK_CLIENT_SECRET',
  '*.SLACK_STATE_SECRET',
  '*.LLM_API_KEY',
  '*.DATABASE_URL',
];

/** Shapes of secrets that may turn up inside text (messages, stacks, URLs) even when not in our env. */
const SECRET_SHAPES: [RegExp, string][] = [
  [/\bxox[abposre]-[A-Za-z0-9-]+/g, 'xox-[redacted]'],
  [/\bxapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]'],
  [/\b(Bearer|Bot|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, '$1 [redacted]'],
  [/\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,40}\b/g, '[redacted]'],
  // Discord interaction tokens in webhook and callback URLs: each lets anyone post as the bot for 15 minutes.
  [/(\/(?:webhooks|interactions)\/\d+\/)[A-Za-z0-9_.~-]{20,}/g, '$1[redacted]'],
  // Slack response_url and incoming-webhook URLs carry their secret in the path.
  [/(hooks\.slack\.com\/[a-z]+\/)[^\s"?#]+/gi, '$1[redacted]'],
  // A Zotero API key typed into /papers settings, wherever the command line is logged.
  [/(zotero_key["']?\s*[:=]\s*["']?)[A-Za-z0-9]{8,}/gi, '$1[redacted]'],
  // user:password@ in any URL (DATABASE_URL, proxies).
  [/([a-z][a-z0-9+.-]*:\/\/[^:/\s"@]*:)[^@\s"/]+@/gi, '$1[redacted]@'],
];

/** Removes secret values and secret-shaped text from one serialized log line. */
export function scrubber(secrets: readonly string[]): (line: string) => string {
  // Match each secret both raw and as it appears inside a JSON string.
  const needles = [...new Set(secrets.flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]))];
  return (line) => {
    let out = line;
    for (const needle of needles) if (out.includes(needle)) out = out.split(needle).join('[redacted]');
    for (const [shape, replacement] of SECRET_SHAPES) out = out.replace(shape, replacement);
    return out;
  };
}

export interface LoggerOptions {
  /** Values to scrub from every line (default: the secrets in this process's environment, read once, now). */
  secrets?: readonly string[];
}

export function createLogger(
  level = 'info',
  destination: NodeJS.WritableStream = process.stderr,
  options: LoggerOptions = {},
): Logger {
  const scrub = scrubber(options.secrets ?? secretValues());
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      base: { app: 'paperboy' },
      hooks: { streamWrite: scrub },
    },
    destination,
  );
}

/** A logger that writes nothing: for tests and the CLI's quiet paths. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
