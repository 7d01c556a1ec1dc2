// Which subscribed channels a member may see in App Home: every public channel, and the private ones they are in.
import type { Logger } from 'pino';
import { type MissingScope, missingScope } from './scopes.js';

interface ConversationsPage {
  channels?: Array<{ id?: string }>;
  response_metadata?: { next_cursor?: string };
}

export interface ConversationsClient {
  users: {
    conversations(args: {
      types: string;
      limit: number;
      exclude_archived: boolean;
      user?: string;
      cursor?: string;
    }): Promise<ConversationsPage>;
  };
}

/** Slack pages at most 1,000 channels; ten pages is more private channels than any bot is in. */
const MAX_PAGES = 10;

async function privateChannels(client: ConversationsClient, user?: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await client.users.conversations({
      types: 'private_channel',
      limit: 1000,
      exclude_archived: true,
      ...(user ? { user } : {}),
      ...(cursor ? { cursor } : {}),
    });
    for (const c of res.channels ?? []) if (c.id) ids.add(c.id);
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return ids;
}

/** The channels a member may see; `missing` when Slack would not say because the install lacks a scope. */
export interface Visible<C> {
  channels: C[];
  missing?: MissingScope;
  /** Slack answered (the scopes it needs are granted); false when it refused or could not be reached. */
  answered?: boolean;
}

/**
 * Keeps the channels `user` may see: a private channel the bot is in shows only to its members. When Slack cannot
 * say (no groups:read scope, an outage), private topics must not leak, so nothing is shown; a missing scope is
 * handed back for the caller to explain (and log once), anything else is logged here.
 */
export async function visibleTo<C extends { channel: string }>(
  client: ConversationsClient,
  user: string,
  channels: C[],
  logger: Logger,
): Promise<Visible<C>> {
  if (channels.length === 0) return { channels };
  try {
    const [botPrivate, userPrivate] = await Promise.all([
      privateChannels(client),
      privateChannels(client, user),
    ]);
    return {
      channels: channels.filter((c) => !botPrivate.has(c.channel) || userPrivate.has(c.channel)),
      answered: true,
    };
  } catch (error) {
    const missing = missingScope(error);
    if (missing) return { channels: [], missing };
    logger.warn(
      { err: error },
      'could not tell which channels are private; App Home lists none (needs groups:read)',
    );
    return { channels: [] };
  }
}
