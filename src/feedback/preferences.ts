// A channel's taste, learned online from its votes: a regularised per-feature mean over each paper's terms,
// authors, categories and code availability, scored in [-1, 1] and explained in words for `settings`.
import type { Paper } from '../catalog/paper.js';
import { words } from '../digest/text.js';
import type { Vote } from '../store/types.js';
import { authorKey } from './names.js';

/** Common words that say nothing about a paper's subject. */
const STOP = new Set(
  'about above after also among analysis approach based been being between both can could does each from have into more most method methods model models network networks novel paper propose proposed results show shows such than that their them then there these they this those through towards under using very well were what when where which while with within without work'.split(
    ' ',
  ),
);

/** How much one feature counts against the others: the title says more than a word deep in the abstract. */
const WEIGHT = { title: 1, abstract: 0.4, category: 1, author: 0.7, code: 0.7 } as const;

const featureCache = new WeakMap<Paper, Map<string, number>>();

/** The paper's features with their weights: "w:offline", "c:cs.LG", "a:levine s", "code". */
export function features(paper: Paper): Map<string, number> {
  const cached = featureCache.get(paper);
  if (cached) return cached;
  const f = new Map<string, number>();
  const put = (name: string, weight: number) => f.set(name, Math.max(f.get(name) ?? 0, weight));
  for (const w of words(`${paper.title} ${paper.keywords.join(' ')}`))
    if (w.length >= 3 && !STOP.has(w)) put(`w:${w}`, WEIGHT.title);
  for (const w of words(paper.abstract)) if (w.length >= 4 && !STOP.has(w)) put(`w:${w}`, WEIGHT.abstract);
  for (const c of paper.categories) put(`c:${c}`, WEIGHT.category);
  for (const a of paper.authors.slice(0, 20)) {
    const key = authorKey(a);
    if (key) put(`a:${key}`, WEIGHT.author);
  }
  if (paper.links.code) put('code', WEIGHT.code);
  featureCache.set(paper, f);
  return f;
}

export interface PreferenceModel {
  /** Papers with votes the model learned from. */
  readonly papers: number;
  /** How much the channel likes the paper, -1 (not at all) to 1; 0 when nothing is known. */
  score(paper: Paper): number;
  /** The strongest learned likes and dislikes, in words ("code released", "cs.LG", "benchmark"). */
  explain(max?: number): { more: string[]; less: string[] };
}

export interface TrainOptions {
  /** Pseudo-votes of 0 every feature starts with: a feature seen once moves the score little (default 1.5). */
  prior?: number;
}

/**
 * Trains on the channel's votes: each voted paper's label is the mean of its votes (-1…1); a feature's weight
 * is the weighted mean label of the papers having it, shrunk toward 0 by the prior. Replaying the votes in
 * any order gives the same model, so "online" is simply retraining from the stored votes.
 */
export function trainPreferences(
  votes: readonly Vote[],
  paperOf: (id: string) => Paper | undefined,
  options: TrainOptions = {},
): PreferenceModel {
  const prior = options.prior ?? 1.5;
  const labels = new Map<string, { sum: number; n: number }>();
  for (const v of votes) {
    const l = labels.get(v.paperId) ?? { sum: 0, n: 0 };
    l.sum += v.value;
    l.n++;
    labels.set(v.paperId, l);
  }
  const sums = new Map<string, { sum: number; weight: number; papers: number }>();
  const names = new Map<string, string>();
  let papers = 0;
  for (const [id, l] of labels) {
    const paper = paperOf(id);
    if (!paper) continue;
    const label = l.sum / l.n;
    if (label === 0) continue;
    papers++;
    for (const [f, x] of features(paper)) {
      const s = sums.get(f) ?? { sum: 0, weight: 0, papers: 0 };
      s.sum += x * label;
      s.weight += x;
      s.papers++;
      sums.set(f, s);
    }
    for (const a of paper.authors) {
      const key = authorKey(a);
      if (key && !names.has(`a:${key}`)) names.set(`a:${key}`, a);
    }
  }
  const weights = new Map<string, number>();
  for (const [f, s] of sums) weights.set(f, s.sum / (s.weight + prior));

  return {
    papers,
    score(paper) {
      if (weights.size === 0) return 0;
      let total = 0;
      let mass = 0;
      for (const [f, x] of features(paper)) {
        mass += x;
        const w = weights.get(f);
        if (w !== undefined) total += x * w;
      }
      // Divided by √mass, not mass: a long abstract dilutes the evidence less than a plain mean would.
      return mass === 0 ? 0 : Math.tanh((2 * total) / Math.sqrt(mass));
    },
    explain(max = 3) {
      // Only what at least two voted papers share: one paper's every word is not a taste.
      const ranked = [...sums.entries()]
        .filter(([, s]) => s.papers >= 2)
        .map(([f, s]) => ({ f, w: s.sum / (s.weight + prior) }))
        .sort((a, b) => Math.abs(b.w) - Math.abs(a.w) || a.f.localeCompare(b.f));
      const label = (f: string) =>
        f === 'code' ? 'code released' : (names.get(f) ?? f.replace(/^[wca]:/, ''));
      const pick = (sign: 1 | -1) =>
        ranked
          .filter((r) => r.w * sign > 0.05)
          .slice(0, max)
          .map((r) => label(r.f));
      return { more: pick(1), less: pick(-1) };
    },
  };
}

/** A model that knows nothing: every paper scores 0, so ranking is topic relevance alone. */
export const NO_PREFERENCES: PreferenceModel = {
  papers: 0,
  score: () => 0,
  explain: () => ({ more: [], less: [] }),
};
