// Following authors and labs: finding who a typed name means in the catalog, and which papers are theirs.
import type { Paper } from '../catalog/paper.js';
import type { Follow, FollowKind } from '../store/types.js';
import { fullKey, namesOrg, orgKey, type PersonName, parsePerson, samePerson } from './names.js';

export type Resolved =
  | { ok: true; kind: FollowKind; key: string; name: string; papers: number }
  | { ok: false; reason: 'ambiguous'; candidates: { name: string; papers: number }[] }
  | { ok: false; reason: 'invalid' };

const peopleCache = new WeakMap<Paper, PersonName[]>();

function peopleOf(paper: Paper): PersonName[] {
  let people = peopleCache.get(paper);
  if (!people) {
    people = paper.authors.map(parsePerson).filter((p): p is PersonName => p !== undefined);
    peopleCache.set(paper, people);
  }
  return people;
}

/**
 * Who "S. Levine" or "Levine, Sergey" means: the catalog's authors the name could be. Spellings of one
 * person (an initial, a full given name) merge; two people with different given names are ambiguous.
 * A name nobody in the catalog has is followed as typed, for papers still to come.
 */
export function resolveAuthor(typed: string, papers: Iterable<Paper>): Resolved {
  const query = parsePerson(typed);
  if (!query) return { ok: false, reason: 'invalid' };
  const found = new Map<string, { person: PersonName; spelling: Map<string, number>; papers: number }>();
  for (const paper of papers) {
    const people = peopleOf(paper);
    for (let i = 0; i < people.length; i++) {
      const person = people[i] as PersonName;
      if (!samePerson(person, query)) continue;
      const key = fullKey(person);
      const entry = found.get(key) ?? { person, spelling: new Map(), papers: 0 };
      const spelled = paper.authors[i] ?? key;
      entry.spelling.set(spelled, (entry.spelling.get(spelled) ?? 0) + 1);
      entry.papers++;
      found.set(key, entry);
    }
  }
  // Only names with a full first given name tell people apart; "S. Levine" may be any of them.
  const full = [...found.values()].filter((e) => (e.person.given[0]?.length ?? 0) > 1);
  const distinct: (typeof full)[number][] = [];
  for (const e of full.sort((a, b) => b.papers - a.papers)) {
    const same = distinct.find((d) => samePerson(d.person, e.person));
    if (same) same.papers += e.papers;
    else distinct.push(e);
  }
  const spelling = (e: (typeof full)[number]) =>
    [...e.spelling.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? fullKey(e.person);
  if (distinct.length > 1) {
    return {
      ok: false,
      reason: 'ambiguous',
      candidates: distinct.map((e) => ({ name: spelling(e), papers: e.papers })),
    };
  }
  const one = distinct[0];
  if (one) {
    const papersTotal = [...found.values()].reduce((n, e) => n + e.papers, 0);
    return { ok: true, kind: 'author', key: fullKey(one.person), name: spelling(one), papers: papersTotal };
  }
  const initialsOnly = [...found.values()].reduce((n, e) => n + e.papers, 0);
  return { ok: true, kind: 'author', key: fullKey(query), name: typed.trim(), papers: initialsOnly };
}

/** A lab by its folded name, with how many catalog papers name it (affiliations, Hugging Face organisation). */
export function resolveOrg(typed: string, papers: Iterable<Paper>): Resolved {
  const key = orgKey(typed);
  if (!key) return { ok: false, reason: 'invalid' };
  let count = 0;
  for (const paper of papers) if (byOrg(paper, key)) count++;
  return { ok: true, kind: 'org', key, name: typed.trim(), papers: count };
}

function byOrg(paper: Paper, key: string): boolean {
  if (paper.organization && namesOrg(paper.organization, key)) return true;
  return (paper.affiliations ?? []).some((a) => namesOrg(a, key));
}

/** The follows the paper is by: "Sergey Levine" for any spelling of him among its authors. */
export function followedBy(paper: Paper, follows: readonly Follow[]): Follow[] {
  const out: Follow[] = [];
  for (const f of follows) {
    if (f.kind === 'org') {
      if (byOrg(paper, f.key)) out.push(f);
      continue;
    }
    const person = parsePerson(f.key);
    if (person && peopleOf(paper).some((p) => samePerson(p, person))) out.push(f);
  }
  return out;
}
