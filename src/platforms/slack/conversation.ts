// Whether the bot can post where a command was typed: Slack asked once, only for commands that set up posts.
import type { Logger } from 'pino';
import type { ConversationFacts } from '../../app/types.js';
import { type MissingScope, missingScope } from './scopes.js';

export interface ConversationInfoClient {
  conversations: {
    info(args: { channel: string }): Promise<{
      ok?: boolean;
      channel?: { is_private?: boolean; is_member?: boolean; is_im?: boolean };
    }>;
  };
}

/**
 * chat:write.public lets the bot post in any public channel, so only a private conversation it is not in stops it.
 * Slack hides such a conversation from the bot (channel_not_found): a private channel nobody invited it to, or a
 * DM between two people. Any other failure (a missing scope, an outage) is no reason to refuse: the facts stay
 * unknown and the subscription goes ahead as before.
 */
export async function slackConversationFacts(
  client: ConversationInfoClient,
  channel: string,
  logger: Logger,
  /** Told when the install lacks the scope to ask (channels:read, groups:read), to log it once. */
  onMissingScope?: (scope: MissingScope) => void,
  /** Told when Slack answered, so a scope once missing is known to be granted again. */
  onAnswered?: () => void,
): Promise<ConversationFacts> {
  try {
    const info = await client.conversations.info({ channel });
    onAnswered?.();
    const c = info.channel;
    if (c?.is_private && c.is_member === false) return { botCanPost: false };
    return c ? { botCanPost: true } : {};
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'channel_not_found') return { botCanPost: false };
    const scope = missingScope(error);
    if (scope && onMissingScope) {
      onMissingScope(scope);
      return {};
    }
    logger.debug({ err: error, channel }, 'could not ask Slack about the conversation');
    return {};
  }
}
