// The paper catalog: loads and merges catalog files (the bundled seed by default) into one list of papers.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { type CatalogFileResult, type CatalogFormat, loadCatalogFile } from './load-file.js';
import { PaperMerger } from './merge.js';
import type { CatalogWarning, LoadedCatalog, Paper } from './paper.js';

export { CatalogError } from './errors.js';
export { arxivLinks, normalizeArxivId, paperIdFor, titleKey, titleSlug } from './ids.js';
export { type CatalogFileResult, type CatalogFormat, loadCatalogFile, sniffFormat } from './load-file.js';
export { hasOwnId, type MergeOutcome, mergeInto, mergePapers, PaperMerger } from './merge.js';
export { classifyUrl, cleanText, linksFromUrls, normalizeText, truncateAtWord } from './normalize.js';
export * from './paper.js';
export { isoDate, recordToPaper } from './record.js';
export { parseSeedPage, type SeedManifest, SeedManifestSchema } from './seed-page.js';

/** The repository root, from src/catalog (vitest) or dist/src/catalog (built). */
const PACKAGE_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(resolve(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

/** The bundled default catalog: a Hugging Face trending-papers page (with its manifest beside it). */
export const BUNDLED_SEED = resolve(PACKAGE_ROOT, 'seeds', '000_d6223e3cb437b556.txt');

/** A catalog path that names the bundled seed, so it can be combined with other files. */
export const SEED_ALIAS = '@seed';

export interface CatalogFileSummary {
  file: string;
  format: CatalogFormat;
  papers: number;
  skipped: number;
  title?: string;
  url?: string;
}

export interface LoadCatalogResult extends LoadedCatalog {
  /** One entry per file, in the order given. */
  files: CatalogFileSummary[];
}

export interface LoadCatalogOptions {
  logger?: Logger;
  onWarning?: (warning: CatalogWarning) => void;
  /** Warnings kept per file (default 1000); the rest are counted. */
  maxWarningsPerFile?: number;
}

function summary(r: CatalogFileResult): CatalogFileSummary {
  const s: CatalogFileSummary = {
    file: r.file,
    format: r.format,
    papers: r.papers.length,
    skipped: r.skipped,
  };
  if (r.title) s.title = r.title;
  if (r.url) s.url = r.url;
  return s;
}

/**
 * Loads the catalogs at `paths` (none: the bundled seed; `@seed` names it among others) and merges them:
 * duplicates across files become one paper. Throws CatalogError when a file cannot be used at all.
 */
export async function loadCatalog(
  paths: readonly string[],
  options: LoadCatalogOptions = {},
): Promise<LoadCatalogResult> {
  const list = paths.length > 0 ? paths.map((p) => (p === SEED_ALIAS ? BUNDLED_SEED : p)) : [BUNDLED_SEED];
  const merger = new PaperMerger();
  const warnings: CatalogWarning[] = [];
  const files: CatalogFileSummary[] = [];
  let single: Paper[] | undefined;
  for (const file of list) {
    const result = await loadCatalogFile(file, {
      onWarning: (w) => {
        options.logger?.warn({ file: w.file, line: w.line }, w.reason);
        options.onWarning?.(w);
      },
      maxWarnings: options.maxWarningsPerFile ?? 1000,
    });
    // One file is already de-duplicated by its loader; merging is only needed across files.
    if (list.length > 1) for (const p of result.papers) merger.add(p);
    else single = result.papers;
    warnings.push(...result.warnings);
    files.push(summary(result));
    options.logger?.info(
      { file, format: result.format, papers: result.papers.length, skipped: result.skipped },
      'catalog file loaded',
    );
  }
  return { papers: single ?? merger.papers(), warnings, files };
}
