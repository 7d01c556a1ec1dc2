// pino logger factory: JSON to stderr, with secrets redacted wherever they appear as fields.
import { type Logger, pino } from 'pino';

const REDACT = [
  '*.token',
  '*.secret',
  '*.password',
  '*.apiKey',
  '*.authorization',
  'config.discordToken',
  'config.discord.token',
  'config.slackBotToken',
  'config.slackSigningSecret',
  'config.llmApiKey',
];

export function createLogger(level = 'info', destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    { level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'paperboy' } },
    destination,
  );
}

/** A logger that writes nothing: for tests and the CLI's quiet paths. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
