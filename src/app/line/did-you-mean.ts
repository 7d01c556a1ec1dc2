// "Did you mean": the closest command or option name to a mistyped one.
import { editDistance } from '../../text/edit-distance.js';

/** The closest candidate within a typo's reach (or a prefix of it), if any. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const n = name.toLowerCase();
    const distance = n.startsWith(w) && w.length >= 3 ? 0.5 : editDistance(w, n);
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return undefined;
  const reach = w.length <= 4 ? 1 : 2;
  return best.distance <= reach ? best.name : undefined;
}
