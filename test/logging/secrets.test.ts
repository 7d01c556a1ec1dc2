import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readConfig, secretValues } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

const ENV = {
  DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB',
  DISCORD_APPLICATION_ID: '123456789012345678',
  DISCORD_PUBLIC_KEY: 'a'.repeat(64),
  DISCORD_INTERACTIONS: 'http',
  SLACK_BOT_TOKEN: 'xoxb-1111111111-2222222222-SeCrEtBoTtOkEnVaLuE',
  SLACK_APP_TOKEN: 'xapp-1-A111-222-appLevelTokenValue',
  SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
  LLM_BASE_URL: 'http://localhost:11434/v1',
  LLM_MODEL: 'llama3.1',
  LLM_API_KEY: 'sk-live-LlmKeyThatMustNotLeak42',
  DATABASE_URL: 'postgres://paperboy:Pa%24%24w0rd-db-secret@db.internal:5432/paperboy',
};

const SECRETS = [
  ENV.DISCORD_TOKEN,
  ENV.SLACK_BOT_TOKEN,
  ENV.SLACK_APP_TOKEN,
  ENV.SLACK_SIGNING_SECRET,
  ENV.LLM_API_KEY,
  'Pa%24%24w0rd-db-secret',
  'Pa$$w0rd-db-secret',
];

function capture(env: NodeJS.ProcessEnv = ENV) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('trace', sink, { secrets: secretValues(env) }), text: () => lines.join('') };
}

function expectClean(text: string) {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  // Shapes, in case a value is not the exact env value (a second workspace's token).
  expect(text).not.toMatch(/xoxb-\d/);
}

describe('logs never contain secrets', () => {
  it('redacts the whole environment and the parsed configuration when logged as objects', () => {
    const { logger, text } = capture();
    logger.info({ env: ENV }, 'starting');
    logger.info({ config: readConfig(ENV) }, 'configuration');
    logger.debug(ENV, 'flat env');
    expectClean(text());
    expect(text()).toContain('starting');
    expect(text()).toContain('llama3.1');
  });

  it('scrubs secrets out of error messages and stacks', () => {
    const { logger, text } = capture();
    const error = new Error(`connect failed for ${ENV.DATABASE_URL} with token ${ENV.SLACK_BOT_TOKEN}`);
    logger.error({ err: error }, 'store unreachable');
    logger.error(new Error(`401 from Discord using Bot ${ENV.DISCORD_TOKEN}`));
    logger.warn(`LLM refused key ${ENV.LLM_API_KEY}`);
    expectClean(text());
    expect(text()).toContain('db.internal:5432');
    expect(text()).toContain('store unreachable');
  });

  it('redacts Authorization, signatures and cookies in HTTP request headers', () => {
    const { logger, text } = capture();
    const headers = {
      authorization: `Bearer ${ENV.LLM_API_KEY}`,
      'x-slack-signature': 'v0=deadbeefdeadbeefdeadbeef',
      'x-signature-ed25519': 'cafebabecafebabe',
      cookie: 'session=abc123secretcookie',
      'user-agent': 'Slackbot 1.0',
    };
    logger.info({ req: { method: 'POST', url: '/slack/events', headers } }, 'request');
    logger.info({ headers }, 'request headers');
    logger.info({ body: { token: 'interaction-token-secret-xyz', team: 'T1' } }, 'interaction');
    const out = text();
    expectClean(out);
    for (const leak of ['deadbeef', 'cafebabe', 'abc123secretcookie', 'interaction-token-secret-xyz'])
      expect(out).not.toContain(leak);
    expect(out).toContain('Slackbot 1.0');
  });

  it('scrubs Discord interaction tokens and Slack response URLs out of failed follow-ups', () => {
    const { logger, text } = capture();
    const token = 'aW50ZXJhY3Rpb246MTI0NTY3ODkwMTIzNDU2Nzg5OlJ1Y2tJdFVwU2VjcmV0VG9rZW5WYWx1ZUZvclRlc3Rz';
    const url = `https://discord.com/api/v10/webhooks/123456789012345678/${token}/messages/@original`;
    const err = Object.assign(new Error(`Unknown Webhook at ${url}`), { url, method: 'PATCH', status: 404 });
    logger.error({ err, interaction: '1', what: 'edit' }, 'discord follow-up failed');
    logger.warn(
      {
        callback: `https://discord.com/api/v10/interactions/123456789012345678/${token}/callback`,
        responseUrl: 'https://hooks.slack.com/commands/T0001/1234567890/SlAcKrEsPoNsEsEcReT42',
      },
      'respond failed',
    );
    const out = text();
    expect(out).not.toContain(token);
    expect(out).not.toContain('SlAcKrEsPoNsEsEcReT42');
    expect(out).toContain('/webhooks/123456789012345678/[redacted]/messages/@original');
    expect(out).toContain('hooks.slack.com/commands/[redacted]');
  });

  it('catches secret-shaped values that are not in this environment', () => {
    const { logger, text } = capture({});
    logger.info(
      { note: 'other workspace xoxb-999-888-OtherTeamToken and postgres://u:hunter2hunter@h/db' },
      'x',
    );
    expect(text()).not.toContain('OtherTeamToken');
    expect(text()).not.toContain('hunter2hunter');
  });

  it('scrubs a Zotero API key out of a logged /papers settings line', () => {
    const { logger, text } = capture({});
    logger.info({ line: '/papers settings zotero_group:123 zotero_key:AbCdEfGh0123456789ZyXwVu' }, 'command');
    expect(text()).not.toContain('AbCdEfGh0123456789ZyXwVu');
    expect(text()).toContain('zotero_key:[redacted]');
  });
});
