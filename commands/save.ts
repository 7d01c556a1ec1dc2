// /papers save <paper>: put a paper on this channel's reading list, and in its Zotero library when one is linked.
import { defineCommand } from '../src/app/command.js';
import { keepOf, syncToZotero, type ZoteroSync } from '../src/keep/services.js';
import { formatDay, plural, truncate } from '../src/views/format.js';
import { findPaper, paperOption } from './lib/paper-ref.js';

export const save = defineCommand({
  name: 'save',
  description: 'Put a paper on this channel’s reading list (and in its Zotero library when linked)',
  usage: '/papers save <arXiv id, URL or title words>',
  examples: ['/papers save 2405.04233', '/papers save stop regressing value functions'],
  // Adding to Zotero is a web request.
  slow: true,
  options: {
    paper: paperOption(),
  },
  async run(input, ctx, services) {
    const found = findPaper(services, input.paper, (id) => `/papers save ${id}`);
    if ('view' in found) return found.view;
    const { paper } = found;
    // Stored first: whatever Zotero does next, the save is kept.
    const { saved, created } = await services.store.savePaper(
      ctx.channel,
      paper.id,
      ctx.user.name ?? ctx.user.id,
    );
    const sync = await syncToZotero(services, keepOf(services), ctx.channel, paper);
    const count = await services.store.countSaved(ctx.channel);
    const title = `“${truncate(paper.title, 120)}”`;
    const lines = [
      created
        ? `Saved ${title} to this channel’s reading list (${plural(count, 'paper')}).`
        : `${title} is already on this channel’s reading list: ${saved.savedBy} saved it on ${formatDay(saved.savedAt)}.`,
    ];
    const zotero = zoteroLine(sync, paper.id);
    if (zotero) lines.push(zotero);
    return {
      kind: 'notice',
      title: created ? 'Saved' : 'Already saved',
      text: lines.join(' '),
      actions: [
        { label: 'Reading list', command: '/papers list' },
        { label: 'Cite', command: `/papers cite ${paper.id}` },
      ],
      ephemeral: true,
    };
  },
});

/** One sentence on what Zotero did, or nothing when the channel has no Zotero library. */
function zoteroLine(sync: ZoteroSync, paperId: string): string | undefined {
  if (sync.skipped === 'not-linked') return undefined;
  if (sync.skipped === 'no-secret') {
    return 'It was not added to Zotero: this server has no PAPERBOY_SECRET_KEY to open the stored Zotero key.';
  }
  if (sync.skipped === 'sealed-key') {
    return 'It was not added to Zotero: the stored Zotero key no longer opens (PAPERBOY_SECRET_KEY changed?); an admin can set it again with /papers settings zotero_key:<key>.';
  }
  const parts: string[] = [];
  if (sync.added.includes(paperId)) parts.push('Added to the channel’s Zotero library.');
  const earlier = sync.added.filter((id) => id !== paperId).length;
  if (earlier > 0) parts.push(`${plural(earlier, 'earlier save')} reached Zotero too.`);
  const failed = sync.failed.find((f) => f.paperId === paperId);
  if (failed)
    parts.push(
      `Zotero did not take it (${failed.error}); it stays saved here and the next Save tries again.`,
    );
  else if (sync.failed.length > 0)
    parts.push(`${sync.failed[0]?.error}: earlier saves wait for the next Save.`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}
