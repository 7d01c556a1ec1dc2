// Forgets what Paperboy keeps for a channel, or for a whole workspace, when the platform says it is gone.
import type { Logger } from 'pino';
import type { ChannelKey, Platform, Store } from '../store/types.js';

export type ForgettingStore = Pick<Store, 'forgetChannel' | 'storedChannels'>;

/** A deleted channel: its configuration, reading list, feed, votes, follows and pings go (the ledger stays). */
export async function forgetDeletedChannel(
  store: ForgettingStore,
  key: ChannelKey,
  why: string,
  logger: Logger,
): Promise<void> {
  await store.forgetChannel(key);
  logger.info({ ...key, why }, 'channel gone: forgot its data');
}

/** The bot left or was uninstalled: every channel of the workspace we store anything for is forgotten. */
export async function forgetWorkspace(
  store: ForgettingStore,
  workspace: { platform: Platform; workspace: string },
  why: string,
  logger: Logger,
): Promise<number> {
  const channels = await store.storedChannels(workspace);
  for (const key of channels) await store.forgetChannel(key);
  logger.info({ ...workspace, channels: channels.length, why }, 'workspace gone: forgot its channels');
  return channels.length;
}
