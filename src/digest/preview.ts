// A digest selection outside the schedule: what `paperboy digest` previews and, with commit, records as sent.
import { randomBytes } from 'node:crypto';
import type { Paper } from '../catalog/paper.js';
import type { Clock } from '../clock.js';
import { type ChannelFeedback, channelFeedback } from '../feedback/channel.js';
import { type ChannelKey, type ChannelRecord, PlatformSchema, type Store } from '../store/types.js';
import type { Summarizer } from '../summarize/types.js';
import { channelLabel } from './runner.js';
import type { DigestPick, DigestPlanner } from './types.js';
import { buildDigestView, fallbackSummary } from './view.js';

export interface PreviewRequest {
  topics: string[];
  exclude: string[];
  count: number;
  /** Local date the selection is for, YYYY-MM-DD. */
  date: string;
  /** With a channel, its ledger decides what is new. */
  channel?: ChannelKey;
  /** Record the picks in the channel's ledger as sent. */
  commit: boolean;
}

export interface PreviewPaper {
  id: string;
  title: string;
  tldr: string;
  reason: string;
  url?: string;
}

export interface PreviewResult {
  channel: string | null;
  date: string;
  papers: PreviewPaper[];
  /** What a channel would see when nothing is new (or null when it chose silence). */
  emptyNotice: string | null;
  committed: boolean;
  /** The ledger slot the commit was recorded under. */
  slot?: string;
}

/** Parses "slack:T1:C1" / "discord:GUILD:CHANNEL" / "console:local:console". */
export function parseChannelKey(text: string): ChannelKey | { error: string } {
  const parts = text.split(':');
  const platform = PlatformSchema.safeParse(parts[0]);
  if (parts.length !== 3 || !platform.success || !parts[1] || !parts[2]) {
    return {
      error: `"${text}" is not a channel key: use PLATFORM:WORKSPACE:CHANNEL, e.g. slack:T0123:C0456 or console:local:console`,
    };
  }
  return { platform: platform.data, workspace: parts[1], channel: parts[2] };
}

export interface PreviewDeps {
  planner: DigestPlanner;
  summarizer: Summarizer;
  store?: Store;
  /** Looks voted papers up, so a channel's preview learns from its votes as its digest does. */
  papers?: (id: string) => Paper | undefined;
  clock: Clock;
}

export async function previewDigest(deps: PreviewDeps, request: PreviewRequest): Promise<PreviewResult> {
  let sent = new Set<string>();
  let record: ChannelRecord | undefined;
  let feedback: Partial<ChannelFeedback> = {};
  if (request.channel) {
    if (!deps.store) throw new Error('a channel preview needs the store');
    sent = await deps.store.sentPaperIds(request.channel);
    record = await deps.store.getChannel(request.channel);
    if (deps.papers) feedback = await channelFeedback(deps.store, request.channel, deps.papers);
  }
  const picks: DigestPick[] = deps.planner.select({
    topics: request.topics,
    exclude: request.exclude,
    count: request.count,
    sent,
    date: request.date,
    ...feedback,
    // A weekly channel's preview is its round-up: the week ending on the date.
    ...(record?.cadence === 'weekly' ? { cadence: 'weekly' as const } : {}),
  });
  const papers = await Promise.all(
    picks.map(async (p) => ({
      ...summaryLine(p.paper, await summarise(deps.summarizer, p.paper)),
      reason: p.reason,
    })),
  );
  const empty = buildDigestView(
    [],
    new Map(),
    { topics: request.topics, whenEmpty: record?.whenEmpty ?? 'notice', cadence: record?.cadence ?? 'daily' },
    request.date,
  );
  const result: PreviewResult = {
    channel: request.channel ? channelLabel(request.channel) : null,
    date: request.date,
    papers,
    emptyNotice: empty?.kind === 'notice' ? empty.text : null,
    committed: false,
  };
  if (request.commit && request.channel && deps.store && picks.length > 0) {
    // Its own ledger slot (the date plus the time of the run), so it never takes the place of the day's
    // scheduled digest, and two runs on one day both count.
    const slot = `${request.date} cli ${deps.clock.now().toISOString()} ${randomBytes(3).toString('hex')}`;
    const owner = `cli:${process.pid}`;
    const delivery = await deps.store.claimDelivery(
      request.channel,
      slot,
      picks.map((p) => p.paper.id),
      owner,
      60_000,
    );
    if (!delivery) throw new Error(`the ledger refused the new slot ${slot}; run again`);
    await deps.store.markSent(delivery.id, []);
    result.committed = true;
    result.slot = slot;
  }
  return result;
}

async function summarise(summarizer: Summarizer, paper: Paper) {
  try {
    const s = await summarizer.summarize(paper);
    return s.tldr.trim() ? s : fallbackSummary(paper);
  } catch {
    return fallbackSummary(paper);
  }
}

function summaryLine(paper: Paper, summary: { tldr: string }): Omit<PreviewPaper, 'reason'> {
  const url = paper.links.abs ?? paper.links.hf ?? paper.links.pdf;
  return { id: paper.id, title: paper.title, tldr: summary.tldr, ...(url ? { url } : {}) };
}
