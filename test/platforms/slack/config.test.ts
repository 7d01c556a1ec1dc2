import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../src/config.js';

describe('Slack configuration', () => {
  it('is off without Slack variables', () => {
    expect(readConfig({}).slack).toBeNull();
  });

  it('runs HTTP mode on one workspace with the bot token and signing secret', () => {
    const slack = readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack;
    expect(slack).toEqual({
      mode: 'http',
      botToken: 'xoxb-1',
      signingSecret: 's',
      apiUrl: 'https://slack.com/api/',
    });
  });

  it('runs Socket Mode with SLACK_APP_TOKEN, and SLACK_API_URL points the Web API elsewhere', () => {
    const slack = readConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
    }).slack;
    expect(slack).toMatchObject({ mode: 'socket', appToken: 'xapp-1', apiUrl: 'http://127.0.0.1:9/api/' });
  });

  it('uses OAuth when client id, secret and state secret are set', () => {
    const slack = readConfig({
      SLACK_CLIENT_ID: 'c',
      SLACK_CLIENT_SECRET: 'cs',
      SLACK_STATE_SECRET: 'st',
      SLACK_SIGNING_SECRET: 's',
    }).slack;
    expect(slack).toMatchObject({
      mode: 'http',
      oauth: { clientId: 'c', clientSecret: 'cs', stateSecret: 'st' },
    });
    expect(slack?.botToken).toBeUndefined();
  });

  it('says how to fix a missing signing secret, a wrong token or half an OAuth setup', () => {
    expect(() => readConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET is missing/);
    expect(() => readConfig({ SLACK_BOT_TOKEN: 'xoxp-1', SLACK_SIGNING_SECRET: 's' })).toThrow(/xoxb-/);
    expect(() => readConfig({ SLACK_CLIENT_ID: 'c', SLACK_SIGNING_SECRET: 's' })).toThrow(ConfigError);
    expect(() => readConfig({ SLACK_CLIENT_ID: 'c', SLACK_SIGNING_SECRET: 's' })).toThrow(
      /SLACK_STATE_SECRET/,
    );
  });

  it('reads PAPERBOY_ADMINS', () => {
    expect(readConfig({ PAPERBOY_ADMINS: 'slack:U1, U2' }).admins).toEqual(['slack:U1', 'U2']);
  });
});
