// The Slack app manifest `paperboy commands --slack-manifest` prints: paste it at api.slack.com/apps → From a manifest.
import type { CommandSpec } from '../../app/command.js';

/**
 * Bot scopes: commands (/papers), chat:write(.public) (digests, also to public channels the bot has not joined),
 * users:read (admin check), channels:history and groups:history (after a crash, finding a digest already posted
 * rather than posting it twice), groups:read (App Home shows a private channel's digest only to its members),
 * files:write (the trends chart uploaded to the channel; without it the answer shows the chart's table),
 * channels:read (the channel_deleted event, so a deleted channel's data is forgotten).
 */
export const MANIFEST_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'users:read',
  'channels:history',
  'groups:history',
  'groups:read',
  'files:write',
  'channels:read',
];

/**
 * App Home, and the events that say a channel or the install is gone (group_deleted needs groups:read,
 * channel_deleted channels:read; app_uninstalled and tokens_revoked need none).
 */
export const MANIFEST_EVENTS = [
  'app_home_opened',
  'channel_deleted',
  'group_deleted',
  'app_uninstalled',
  'tokens_revoked',
];

export interface ManifestOptions {
  /** Public base URL for HTTP mode, e.g. https://paperboy.example.org; omitted → Socket Mode. */
  baseUrl?: string;
  socketMode?: boolean;
  /** Adds the OAuth redirect URL (several workspaces). */
  oauth?: boolean;
}

export function slackManifest(commands: readonly CommandSpec[], options: ManifestOptions = {}) {
  const socket = options.socketMode ?? false;
  const base = (options.baseUrl ?? 'https://YOUR-HOST').replace(/\/+$/, '');
  const events = `${base}/slack/events`;
  const names = commands.map((c) => c.name).filter((n) => n !== 'help');
  const hint = names.length > 0 ? `${names.join(' | ')} | help` : 'help';
  return {
    display_information: {
      name: 'Paperboy',
      description: 'Trending research papers: search, summaries and a daily digest',
      background_color: '#1d3557',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: false, messages_tab_read_only_enabled: true },
      bot_user: { display_name: 'Paperboy', always_online: true },
      slash_commands: [
        {
          command: '/papers',
          description: 'Trending research papers: search, summaries and a daily digest',
          usage_hint: hint.slice(0, 1000),
          should_escape: false,
          ...(socket ? {} : { url: events }),
        },
      ],
    },
    oauth_config: {
      scopes: { bot: MANIFEST_SCOPES },
      ...(options.oauth ? { redirect_urls: [`${base}/slack/oauth_redirect`] } : {}),
    },
    settings: {
      event_subscriptions: { ...(socket ? {} : { request_url: events }), bot_events: MANIFEST_EVENTS },
      interactivity: { is_enabled: true, ...(socket ? {} : { request_url: events }) },
      org_deploy_enabled: false,
      socket_mode_enabled: socket,
      token_rotation_enabled: false,
    },
  };
}
