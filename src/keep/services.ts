// What the reading-list, citation and feed commands need beyond the shared Services, and Zotero syncing.
import type { Services } from '../app/types.js';
import type { Paper } from '../catalog/paper.js';
import type { Config } from '../config.js';
import type { ChannelKey } from '../store/types.js';
import { createSecretBox } from './secret.js';
import type { KeepServices } from './types.js';
import { createZoteroClient, writeTokenFor, ZoteroError, zoteroPreprint } from './zotero.js';

export type { KeepServices } from './types.js';

/** From the configuration: feed addresses under PAPERBOY_PUBLIC_URL, Zotero keys sealed by PAPERBOY_SECRET_KEY. */
export function createKeepServices(config: Pick<Config, 'publicUrl' | 'zotero'>): KeepServices {
  return {
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    ...(config.zotero.secretKey ? { secrets: createSecretBox(config.zotero.secretKey) } : {}),
    zotero: createZoteroClient({ apiUrl: config.zotero.apiUrl }),
  };
}

/** Services built without them (a test world, a CLI tool): relative feed paths, and no Zotero linking. */
const UNCONFIGURED: KeepServices = { zotero: createZoteroClient({}) };

export function keepOf(services: Services): KeepServices {
  return services.keep ?? UNCONFIGURED;
}

/** The sealed key is bound to its channel: copied to another channel's row, it does not open. */
export function secretContext(key: ChannelKey): string {
  return `zotero:${key.platform}/${key.workspace}/${key.channel}`;
}

export function feedPath(token: string): string {
  return `/feeds/${token}.atom`;
}

export function feedUrl(keep: Pick<KeepServices, 'publicUrl'>, token: string): string {
  return `${keep.publicUrl ?? ''}${feedPath(token)}`;
}

export interface ZoteroSync {
  /** Papers Zotero took now. */
  added: string[];
  /** Papers Zotero did not take, kept for the next Save to retry; `retry` when Zotero itself was unavailable. */
  failed: { paperId: string; error: string; retry: boolean }[];
  /** Why nothing was tried: no link, or a key that no longer opens. */
  skipped?: 'not-linked' | 'no-secret' | 'sealed-key';
}

/** How many earlier failures one Save retries, so a long outage does not make a Save slow. */
const RETRY_BATCH = 5;

/**
 * Adds `paper` (already stored) to the channel's Zotero library, and retries papers an earlier outage left out.
 * Never throws: every outcome is recorded on the saved row, so an outage loses nothing.
 */
export async function syncToZotero(
  services: Pick<Services, 'store' | 'search' | 'logger'>,
  keep: KeepServices,
  channel: ChannelKey,
  paper: Paper | undefined,
): Promise<ZoteroSync> {
  const result: ZoteroSync = { added: [], failed: [] };
  const link = await services.store.getZoteroLink(channel);
  if (!link) return { ...result, skipped: 'not-linked' };
  if (!keep.secrets) return { ...result, skipped: 'no-secret' };
  const apiKey = keep.secrets.open(link.sealedKey, secretContext(channel));
  if (apiKey === undefined) return { ...result, skipped: 'sealed-key' };

  const waiting = (await services.store.listSaved(channel, { limit: 200 }))
    .filter((s) => s.zoteroItem === null && s.paperId !== paper?.id)
    .slice(0, RETRY_BATCH)
    .map((s) => services.search.get(s.paperId))
    .filter((p): p is Paper => p !== undefined);
  const label = `${channel.platform}/${channel.workspace}/${channel.channel}`;
  for (const next of paper ? [paper, ...waiting] : waiting) {
    const saved = await services.store.getSaved(channel, next.id);
    if (!saved || saved.zoteroItem !== null) continue;
    try {
      const item = await keep.zotero.createItem(
        link.groupId,
        apiKey,
        zoteroPreprint(next),
        writeTokenFor(`${label}/${link.groupId}`, next.id),
      );
      await services.store.recordZotero(channel, next.id, { item });
      result.added.push(next.id);
    } catch (error) {
      const message =
        error instanceof ZoteroError ? error.message : `Zotero failed: ${(error as Error).message}`;
      services.logger.warn({ paper: next.id, err: error }, 'zotero: could not add a saved paper');
      await services.store.recordZotero(channel, next.id, { error: message });
      const retry = !(error instanceof ZoteroError) || error.retry;
      result.failed.push({ paperId: next.id, error: message, retry });
      // One outage answers every request alike: the rest wait for the next Save.
      if (retry) break;
    }
  }
  return result;
}

/**
 * Retries every linked channel's saves Zotero has not taken (a few per channel, like a Save does): what a
 * periodic job runs so an outage heals without waiting for the next Save. Returns how many papers got there.
 */
export async function retryZoteroBacklog(
  services: Pick<Services, 'store' | 'search' | 'logger'>,
  keep: KeepServices,
  opts: { channels?: number } = {},
): Promise<number> {
  let added = 0;
  for (const channel of await services.store.zoteroBacklogChannels(opts.channels ?? 100)) {
    const sync = await syncToZotero(services, keep, channel, undefined);
    added += sync.added.length;
    // Zotero itself is unavailable: the other channels would fail alike.
    if (sync.added.length === 0 && sync.failed.some((f) => f.retry)) break;
  }
  return added;
}
