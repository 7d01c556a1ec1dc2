// What `settings` shows and changes of a channel's feedback: what its votes taught, and whom it follows.

import { option } from '../../src/app/command.js';
import type { CommandContext, Services } from '../../src/app/types.js';
import { channelFeedback, channelId, LEARNING_RESET } from '../../src/feedback/channel.js';
import { humanList, plural } from '../../src/views/format.js';

export const feedbackOptions = {
  reset_learning: option.boolean('yes: forget what this channel’s votes taught its digests'),
};

export interface FeedbackInput {
  reset_learning?: boolean | undefined;
}

export function hasFeedbackChanges(input: FeedbackInput): boolean {
  return input.reset_learning === true;
}

/** Forgets the learned ranking: only votes cast from now on teach it. Hidden papers stay hidden. */
export async function applyFeedbackSettings(
  input: FeedbackInput,
  ctx: CommandContext,
  services: Services,
): Promise<string[]> {
  if (input.reset_learning !== true) return [];
  await services.store.setValue(LEARNING_RESET, channelId(ctx.channel), services.clock.now().toISOString());
  return [
    'Forgot what this channel’s votes taught: digests rank by topics alone until new votes come in (papers marked not for this channel stay hidden).',
  ];
}

/** "Learned from votes" and "Following", when the channel has either. */
export async function feedbackFields(
  ctx: CommandContext,
  services: Services,
): Promise<{ name: string; value: string }[]> {
  const fields: { name: string; value: string }[] = [];
  const { preferences } = await channelFeedback(services.store, ctx.channel, (id) => services.search.get(id));
  if (preferences.papers > 0) {
    const { more, less } = preferences.explain();
    const parts = [
      ...(more.length > 0 ? [`more: ${more.join(', ')}`] : []),
      ...(less.length > 0 ? [`less: ${less.join(', ')}`] : []),
    ];
    fields.push({
      name: 'Learned from votes',
      value: `${parts.length > 0 ? parts.join(' · ') : 'nothing clear yet'} (${plural(preferences.papers, 'voted paper')}; reset_learning:yes forgets it)`,
    });
  }
  const follows = await services.store.listFollows(ctx.channel);
  if (follows.length > 0) {
    fields.push({
      name: 'Following',
      value: humanList(follows.map((f) => (f.kind === 'org' ? `${f.name} (lab)` : f.name))),
    });
  }
  return fields;
}
