// What a channel's feedback adds to its digest request: papers it does not want, the taste its votes taught,
// and whom it follows.
import type { Paper } from '../catalog/paper.js';
import { channelId, LEARNING_RESET } from '../store/feedback.js';
import type { ChannelKey, FeedbackStore, Follow, KeyValueStore } from '../store/types.js';
import { type PreferenceModel, trainPreferences } from './preferences.js';
import { hiddenPapers } from './votes.js';

export { channelId, LEARNING_RESET };

export interface ChannelFeedback {
  hidden: Set<string>;
  preferences: PreferenceModel;
  follows: Follow[];
}

/**
 * Reads the channel's votes once: "not for this channel" always counts; the preference model learns only
 * from votes cast after the last reset.
 */
export async function channelFeedback(
  store: Pick<FeedbackStore, 'listVotes' | 'listFollows'> & Pick<KeyValueStore, 'getValue'>,
  key: ChannelKey,
  paperOf: (id: string) => Paper | undefined,
): Promise<ChannelFeedback> {
  const votes = await store.listVotes(key);
  const reset = votes.length > 0 ? await store.getValue(LEARNING_RESET, channelId(key)) : undefined;
  const learnFrom = reset ? votes.filter((v) => v.votedAt > reset) : votes;
  return {
    hidden: hiddenPapers(votes),
    preferences: trainPreferences(learnFrom, paperOf),
    follows: await store.listFollows(key),
  };
}
