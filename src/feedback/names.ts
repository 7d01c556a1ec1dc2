// Author and lab names reduced to comparable keys: accents, case, initials and "Last, First" order folded away.
import { words } from '../digest/text.js';

export interface PersonName {
  /** Folded given names or initials, in order ("sergey", or "s"). */
  given: string[];
  /** Folded family name ("levine"; "van der berg" keeps its particles). */
  family: string;
}

/** "Sergey Levine", "S. Levine", "Levine, Sergey", "Sérgey Levine" → given ["sergey"|"s"], family "levine". */
export function parsePerson(name: string): PersonName | undefined {
  const text = name.trim();
  if (!text) return undefined;
  const comma = text.indexOf(',');
  const [familyPart, givenPart] =
    comma >= 0 ? [text.slice(0, comma), text.slice(comma + 1)] : splitLast(text);
  const family = words(familyPart).join(' ');
  if (!family) return undefined;
  return { given: words(givenPart), family };
}

/** Particles (van, de, von…) belong to the family name: "Ludwig van Beethoven" → "van beethoven". */
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'del', 'la', 'le', 'du', 'dos']);

function splitLast(text: string): [string, string] {
  const parts = text.split(/\s+/).filter(Boolean);
  let i = parts.length - 1;
  while (i > 1 && PARTICLES.has(words(parts[i - 1] ?? '').join(' '))) i--;
  return [parts.slice(i).join(' '), parts.slice(0, i).join(' ')];
}

/** "levine s": family name and first initial, how the preference model counts an author. */
export function authorKey(name: string): string | undefined {
  const p = parsePerson(name);
  if (!p) return undefined;
  const initial = p.given[0]?.[0];
  return initial ? `${p.family} ${initial}` : p.family;
}

/** "levine, sergey": the folded full name, family first so it parses back unchanged; a follow's key. */
export function fullKey(p: PersonName): string {
  return p.given.length > 0 ? `${p.family}, ${p.given.join(' ')}` : p.family;
}

/**
 * Could both names be the same person? Same family name, and each given name agrees with the other's in
 * its place: equal, or one is the other's initial ("s" ~ "sergey"). Missing given names agree with anything.
 */
export function samePerson(a: PersonName, b: PersonName): boolean {
  if (a.family !== b.family) return false;
  const n = Math.min(a.given.length, b.given.length);
  for (let i = 0; i < n; i++) {
    const x = a.given[i] ?? '';
    const y = b.given[i] ?? '';
    if (x === y) continue;
    if (x.length === 1 && y.startsWith(x)) continue;
    if (y.length === 1 && x.startsWith(y)) continue;
    return false;
  }
  return true;
}

/** A lab's key: its folded words ("google deepmind"). */
export function orgKey(name: string): string {
  return words(name).join(' ');
}

/** The affiliation names the lab as whole words ("Google DeepMind, London" names "google deepmind"). */
export function namesOrg(affiliation: string, key: string): boolean {
  if (!key) return false;
  return ` ${orgKey(affiliation)} `.includes(` ${key} `);
}
