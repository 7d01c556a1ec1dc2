// Splits a person's name into given and family names the way citation styles need, particles included.

/**
 * Words that belong to the family name when they come before it ("Del Maestro", "van der Waals", "bin Salman").
 * Arxiv writes them in either case, so they are matched case-insensitively; the first word is always a given name.
 */
const PARTICLES = new Set([
  'al',
  'bin',
  'da',
  'das',
  'de',
  'degli',
  'dei',
  'del',
  'della',
  'dello',
  'den',
  'der',
  'des',
  'di',
  'do',
  'dos',
  'du',
  'el',
  'ibn',
  'la',
  'le',
  'st.',
  'ten',
  'ter',
  'van',
  'von',
  'zu',
]);

export interface PersonName {
  /** Given names as written ("Adrian", "Jean-Pierre"), "" for a one-word name. */
  given: string;
  /** Family name with its particles ("Del Maestro", "van der Waals"). */
  family: string;
}

/**
 * "Adrian Del Maestro" → Del Maestro / Adrian; "Ludwig van Beethoven" → van Beethoven / Ludwig; "Del Maestro,
 * Adrian" → the same as written. A one-word name is all family name.
 */
export function splitPersonName(name: string): PersonName {
  const clean = name.replace(/\s+/g, ' ').trim();
  const comma = clean.indexOf(',');
  if (comma > 0) {
    return { family: clean.slice(0, comma).trim(), given: clean.slice(comma + 1).trim() };
  }
  const words = clean.split(' ').filter(Boolean);
  if (words.length < 2) return { given: '', family: clean };
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has((words[start - 1] as string).toLowerCase())) start--;
  return { given: words.slice(0, start).join(' '), family: words.slice(start).join(' ') };
}
