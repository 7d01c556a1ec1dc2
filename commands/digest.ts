// /papers digest [topics]: a preview of what this channel would get today — commits nothing.
import { defineCommand, option } from '../src/app/command.js';
import { formatCommandLine } from '../src/app/line/format.js';
import { channelFeedback } from '../src/feedback/channel.js';
import type { Overview, Summary } from '../src/summarize/types.js';
import { describeCadence, settingsOf } from '../src/views/channel-view.js';
import { humanList, localDate, truncate } from '../src/views/format.js';
import { paperCard } from '../src/views/paper-card.js';
import type { Action } from '../src/views/types.js';
import { cardActions } from './lib/actions.js';
import { settingsOptions } from './lib/settings-input.js';
import { tldrExtras } from './lib/tldr-sources.js';

const digestMeta = {
  name: 'digest',
  description: "Preview today's digest for this channel, or for other topics",
  usage: '/papers digest [topics] [share:yes]',
  examples: ['/papers digest', '/papers digest diffusion models; reward hacking'],
  options: {
    topics: settingsOptions.topics("Topics to preview instead of the channel's own (separate with ; or ,)", {
      positional: 'rest',
    }),
    share: option.boolean('Post the preview to the channel instead of only to you'),
  },
};

export const digest = defineCommand({
  ...digestMeta,
  slow: true,
  async run(input, ctx, services) {
    const record = await services.store.getChannel(ctx.channel);
    const settings = settingsOf(record);
    const topics = input.topics ?? settings.topics;
    if (topics.length === 0) {
      return {
        kind: 'notice',
        title: 'This channel has no topics yet',
        text:
          'Preview any topics with /papers digest diffusion models; reward hacking — or have an admin subscribe ' +
          'this channel: /papers subscribe diffusion models time:09:00 timezone:Europe/Berlin',
        ephemeral: true,
      };
    }
    // A weekly channel previews its round-up: the week's best, not today's.
    const weekly = settings.cadence === 'weekly';
    const sent = await services.store.sentPaperIds(ctx.channel);
    const date = localDate(services.clock.now(), settings.timezone);
    const feedback = await channelFeedback(services.store, ctx.channel, (id) => services.search.get(id));
    const picks = services.digest.select({
      topics,
      exclude: settings.exclude,
      count: settings.count,
      sent,
      date,
      ...feedback,
      ...(weekly ? { cadence: 'weekly' as const } : {}),
    });
    const about = humanList(topics.map((t) => `“${truncate(t, 40)}”`));
    if (picks.length === 0) {
      return {
        kind: 'notice',
        title: `Nothing new on ${about} ${weekly ? 'this week' : 'today'}`,
        text:
          (weekly ? `${describeCadence(settings)}: ` : '') +
          (sent.size > 0
            ? `Every matching paper has already been sent to this channel. Try broader topics, or check back ${weekly ? 'next week' : 'tomorrow'}.`
            : `No ${weekly ? 'paper of this week' : 'recent paper'} matches these topics. Try broader or different words.`),
        ephemeral: true,
      };
    }

    const papers = picks.map((p) => p.paper);
    const [summaries, overview] = await Promise.all([
      Promise.all(
        papers.map((p) => services.summarizer.summarize(p).catch((): Summary | undefined => undefined)),
      ),
      services.summarizer.overview(papers).catch((): Overview | undefined => undefined),
    ]);
    // The preview looks like the channel's digest: images:off leaves the thumbnails out here too.
    const cards = picks
      .map((pick, i) =>
        paperCard(pick.paper, summaries[i], {
          reason: pick.reason,
          ...(settings.images ? {} : { images: false }),
          ...tldrExtras(services),
        }),
      )
      // Each card's buttons: Summarize, More like this, Save, as every platform shows them.
      .map((card) => ({ ...card, actions: cardActions(card) }));
    const notes: string[] = [];
    if (weekly) notes.push(`${describeCadence(settings)}.`);
    if (overview?.themes) notes.push(overview.themes);
    if (!input.share && input.topics === undefined && record?.paused) {
      notes.push('Digests are paused here; resume with /papers settings resume.');
    }
    const share: Action = {
      label: 'Share to channel',
      command: formatCommandLine(digestMeta, {
        topics: input.topics ? input.topics.join('; ') : undefined,
        share: true,
      }),
      style: 'primary',
      share: true,
    };
    return {
      kind: 'list',
      title: input.share
        ? `${weekly ? "This week's" : "Today's"} papers on ${about}`
        : `${weekly ? 'Weekly round-up preview' : 'Digest preview'}: ${about}`,
      ...(notes.length > 0 ? { intro: notes.join(' ') } : {}),
      cards,
      ...(input.share ? {} : { actions: [share] }),
      ephemeral: !input.share,
    };
  },
});
