// How a fresh sighting from a live source joins what is already known: the catalog's merge rules, except that
// live signals (upvotes, stars, rank, velocity, score) are measurements, so the latest sighting wins.
import { mergeInto } from '../catalog/merge.js';
import type { Paper, Trending } from '../catalog/paper.js';

function defined(t: Trending): Trending {
  return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as Trending;
}

/** Trending fields the catalog merge does not know about (velocity, score, scoredAt) are carried over. */
export function refreshInto(known: Paper, fresh: Paper): Paper {
  const merged = mergeInto(known, fresh);
  return {
    ...merged,
    trending: { ...defined(known.trending), ...merged.trending, ...defined(fresh.trending) },
  };
}
