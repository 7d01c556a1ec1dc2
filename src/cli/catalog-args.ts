// Shared by the subcommands that read the catalog: repeated --catalog PATH, else PAPERBOY_CATALOG, else the seed.
import type { LoadCatalogResult } from '../catalog/index.js';
import type { CatalogWarning } from '../catalog/paper.js';
import { readVariables } from '../config.js';
import { type CliIO, UsageError } from './kit.js';

/** Spread into a parseCli options object: `parseCli(args, { ...catalogOption, json: … })`. */
export const catalogOption = { catalog: { type: 'string', multiple: true, short: 'c' } } as const;

export const CATALOG_USAGE = '[--catalog PATH]...';
export const CATALOG_HELP =
  '--catalog PATH  a catalog file (JSON, JSONL, .gz, or a trending page as text); repeat to merge several.\n' +
  '                Default: $PAPERBOY_CATALOG (comma-separated paths), else the bundled seed. "@seed" names the seed.';

/** Warnings printed to stderr before the rest are only counted (all of them stay in the result). */
const MAX_PRINTED = 50;

/** The catalog paths to load: the --catalog flags if any, else PAPERBOY_CATALOG split on commas. */
export function catalogPaths(flag: readonly string[] | undefined, env: NodeJS.ProcessEnv): string[] {
  if (flag && flag.length > 0) {
    const paths = flag.map((p) => p.trim());
    if (paths.some((p) => p === '')) throw new UsageError('--catalog needs a file path (got an empty value)');
    return paths;
  }
  return readVariables(env, ['PAPERBOY_CATALOG']).PAPERBOY_CATALOG;
}

/** One line: file:line: reason. */
export function formatWarning(w: CatalogWarning): string {
  return `${w.file}${w.line === undefined ? '' : `:${w.line}`}: ${w.reason}`;
}

/**
 * Loads the catalog named by --catalog / PAPERBOY_CATALOG (default: the bundled seed), then prints each warning to
 * stderr as one line (the first 50, then a count). A file that cannot be used at all becomes a UsageError (one line, exit 2).
 */
export async function loadCliCatalog(
  flag: readonly string[] | undefined,
  io: CliIO,
): Promise<LoadCatalogResult> {
  const paths = catalogPaths(flag, io.env);
  const { CatalogError } = await import('../catalog/index.js');
  // The files plus what the live sources fetched into the Store (DATABASE_URL), like the bot serves.
  const { loadCliServingCatalog } = await import('../sources/serving.js');
  let catalog: LoadCatalogResult;
  try {
    catalog = await loadCliServingCatalog(paths, io.env);
  } catch (error) {
    // A file that cannot be used at all: its one-line error says it all, without the warnings before it.
    if (error instanceof CatalogError) throw new UsageError(error.message);
    throw error;
  }
  for (const w of catalog.warnings.slice(0, MAX_PRINTED)) io.err(`paperboy: warning: ${formatWarning(w)}\n`);
  const unprinted = catalog.warnings.length - MAX_PRINTED;
  if (unprinted > 0)
    io.err(`paperboy: warning: ${unprinted} more warnings not printed (--json lists them all)\n`);
  return catalog;
}
