// The catalog Paperboy serves: the configured catalog files plus every paper the live sources fetched into the
// Store. The bot's composition root and the `paperboy` CLI both load it this way, so they answer alike.
import { existsSync } from 'node:fs';
import type { Logger } from 'pino';
import { type LoadCatalogResult, loadCatalog } from '../catalog/index.js';
import { PaperMerger } from '../catalog/merge.js';
import type { CatalogWarning, Paper, Trending } from '../catalog/paper.js';
import { readVariables } from '../config.js';
import type { PaperStore, Store } from '../store/types.js';

export interface ServingCatalog extends LoadCatalogResult {
  /** Papers that came from the Store (fetched by the live sources), before merging. */
  fetched: number;
}

export interface ServingCatalogOptions {
  catalogPaths: readonly string[];
  /** Where fetched papers live; without one, the files alone are served. */
  store?: Pick<PaperStore, 'loadPapers'>;
  logger?: Logger;
  onWarning?: (warning: CatalogWarning) => void;
}

function defined(t: Trending): Trending {
  return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as Trending;
}

/**
 * Loads the catalog files (the bundled seed when none) and merges the fetched papers into them by the catalog's
 * rules; a fetched paper's live signals (upvotes, stars, velocity, score) are the latest sighting, so they win.
 * A Store that cannot be read is a warning, not a failure: the files are still served.
 */
export async function loadServingCatalog(options: ServingCatalogOptions): Promise<ServingCatalog> {
  const files = await loadCatalog(options.catalogPaths, {
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
  });
  let stored: Paper[] = [];
  const warnings = [...files.warnings];
  if (options.store) {
    try {
      stored = await options.store.loadPapers();
    } catch (error) {
      const reason = `could not read fetched papers from the store: ${error instanceof Error ? error.message : String(error)}`;
      options.logger?.warn(reason);
      warnings.push({ file: 'store', reason });
    }
  }
  if (stored.length === 0) return { ...files, warnings, fetched: 0 };

  const merger = new PaperMerger();
  for (const p of files.papers) merger.add(p);
  for (const p of stored) merger.add(p);
  const live = new Map<string, Trending>();
  for (const p of stored) {
    live.set(p.id, defined(p.trending));
    if (p.arxivId) live.set(p.arxivId, defined(p.trending));
  }
  const papers = merger.papers().map((p) => {
    const signals = live.get(p.id) ?? (p.arxivId ? live.get(p.arxivId) : undefined);
    return signals ? { ...p, trending: { ...p.trending, ...signals } } : p;
  });
  options.logger?.info(
    { files: files.papers.length, fetched: stored.length, served: papers.length },
    'catalog ready',
  );
  return { papers, warnings, files: files.files, fetched: stored.length };
}

/**
 * For the CLI: the Store named by DATABASE_URL when there is one to read — an SQLite file that does not exist
 * yet is no Store (the CLI must not create one just to search). The caller closes it.
 */
export async function openStoreIfPresent(databaseUrl: string, logger?: Logger): Promise<Store | undefined> {
  // Loaded on demand: `paperboy catalog` on the seed should not pay for the database drivers.
  const { openStore, parseDatabaseUrl } = await import('../store/index.js');
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'sqlite' && target.path !== ':memory:' && !existsSync(target.path)) return undefined;
  return openStore(databaseUrl, logger ? { logger } : {});
}

/**
 * The CLI's catalog: the files plus the fetched papers in the Store named by DATABASE_URL (default
 * sqlite:./data/paperboy.db), so `paperboy search` finds what the bot finds. A Store that cannot be opened is a
 * warning; the files are still served.
 */
export async function loadCliServingCatalog(
  catalogPaths: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<ServingCatalog> {
  let store: Store | undefined;
  let problem: CatalogWarning | undefined;
  try {
    store = await openStoreIfPresent(readVariables(env, ['DATABASE_URL']).DATABASE_URL);
  } catch (error) {
    const reason = `DATABASE_URL: ${error instanceof Error ? error.message : String(error)}; serving the catalog files only`;
    problem = { file: 'store', reason };
  }
  try {
    const served = await loadServingCatalog({ catalogPaths, ...(store ? { store } : {}) });
    return problem ? { ...served, warnings: [...served.warnings, problem] } : served;
  } finally {
    await store?.close();
  }
}
