import { describe, expect, it } from 'vitest';
import { papersCommands } from '../../../commands/index.js';
import { commandsCli } from '../../../src/cli/commands.js';

function io(env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  return {
    cli: { out: (t: string) => (out += t), err: (t: string) => (err += t), env },
    out: () => out,
    err: () => err,
  };
}

const load = async () => papersCommands;

describe('paperboy commands --slack-manifest', () => {
  it('prints an HTTP-mode manifest: /papers, the needed scopes, events and interactivity URLs, App Home', async () => {
    const { cli, out } = io({ PAPERBOY_PUBLIC_URL: 'https://papers.example.org/' });
    expect(await commandsCli(load).run(['--slack-manifest'], cli)).toBe(0);
    const manifest = JSON.parse(out());
    const url = 'https://papers.example.org/slack/events';
    expect(manifest.features.slash_commands).toEqual([expect.objectContaining({ command: '/papers', url })]);
    expect(manifest.features.slash_commands[0].usage_hint).toContain('search');
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'commands',
      'chat:write',
      'chat:write.public',
      'users:read',
      'channels:history',
      'groups:history',
      'groups:read',
      'files:write',
      'channels:read',
    ]);
    expect(manifest.settings.event_subscriptions).toEqual({
      request_url: url,
      bot_events: [
        'app_home_opened',
        'channel_deleted',
        'group_deleted',
        'app_uninstalled',
        'tokens_revoked',
      ],
    });
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: url });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.oauth_config.redirect_urls).toBeUndefined();
  });

  it('switches to Socket Mode without request URLs when SLACK_APP_TOKEN is set', async () => {
    const { cli, out } = io({ SLACK_APP_TOKEN: 'xapp-1' });
    await commandsCli(load).run(['--slack-manifest'], cli);
    const manifest = JSON.parse(out());
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(manifest)).not.toContain('request_url');
    expect(manifest.features.slash_commands[0].url).toBeUndefined();
  });

  it('adds the OAuth redirect URL for several workspaces', async () => {
    const { cli, out } = io({ SLACK_CLIENT_ID: '123.456' });
    await commandsCli(load).run(['--slack-manifest'], cli);
    expect(JSON.parse(out()).oauth_config.redirect_urls).toEqual(['https://YOUR-HOST/slack/oauth_redirect']);
  });

  it('says what to set when PAPERBOY_PUBLIC_URL is not a URL, and prints nothing', async () => {
    const { cli, out } = io({ PAPERBOY_PUBLIC_URL: 'papers.example.org' });
    await expect(commandsCli(load).run(['--slack-manifest'], cli)).rejects.toThrow(
      /PAPERBOY_PUBLIC_URL: must be the address people reach this server at/,
    );
    expect(out()).toBe('');
  });
});
