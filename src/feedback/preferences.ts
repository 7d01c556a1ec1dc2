// A channel's taste, learned online from its votes: Rocchio over each paper's terms, authors, categories and
// code availability, scored in [-1, 1] and explained in words for `settings`.
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
  /**
   * What the channel liked, strongest first, as search material: title and abstract words, categories and
   * authors that at least two voted papers share and that lean 👍. Empty without votes.
   */
  liked(max?: number): Leanings;
}

export interface Leanings {
  words: string[];
  categories: string[];
  authors: string[];
}

export interface TrainOptions {
  /**
   * Pseudo-papers each side's centroid starts with: a channel that liked one paper leans toward it a little,
   * not all the way (default 1.5).
   */
  prior?: number;
  /** How steeply the similarity to the centroids turns into a -1…1 score (default 8). */
  gain?: number;
}

/**
 * A paper's feature names with weights scaled to unit length (a long abstract does not outweigh a short one).
 * Cached with the paper and gone with it: no table of every feature name ever seen outlives the papers (a
 * process-wide name → id table grew with each day's new words and was never trimmed).
 */
interface UnitVector {
  names: readonly string[];
  xs: Float64Array;
}
const unitCache = new WeakMap<Paper, UnitVector>();

function unit(paper: Paper): UnitVector {
  const cached = unitCache.get(paper);
  if (cached) return cached;
  const f = features(paper);
  const names: string[] = [];
  const xs = new Float64Array(f.size);
  let norm = 0;
  let i = 0;
  for (const [name, x] of f) {
    names.push(name);
    xs[i] = x;
    norm += x * x;
    i++;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < xs.length; j++) xs[j] = (xs[j] as number) * scale;
  const v = { names, xs };
  unitCache.set(paper, v);
  return v;
}

/**
 * Trains on the channel's votes (Rocchio): each voted paper's label is the mean of its votes (-1…1); the
 * model is the centroid of the liked papers minus the centroid of the disliked ones, each shrunk toward 0 by
 * the prior. What liked and disliked papers share (the channel's own topic words) cancels out; what sets them
 * apart (a category, a method, an author) remains. A paper scores by its similarity to that direction.
 * Replaying the votes in any order gives the same model, so "online" is simply retraining from the votes.
 */
export function trainPreferences(
  votes: readonly Vote[],
  paperOf: (id: string) => Paper | undefined,
  options: TrainOptions = {},
): PreferenceModel {
  const prior = options.prior ?? 1.5;
  const gain = options.gain ?? 8;
  const labels = new Map<string, { sum: number; n: number }>();
  for (const v of votes) {
    const l = labels.get(v.paperId) ?? { sum: 0, n: 0 };
    l.sum += v.value;
    l.n++;
    labels.set(v.paperId, l);
  }
  /**
   * Per feature: summed unit weights among liked and among disliked papers, and how many papers had it. Keyed by
   * name, held by this model alone: it holds the voted papers' features and goes when the model does.
   */
  const sums = new Map<string, { up: number; down: number; papers: number }>();
  const names = new Map<string, string>();
  let papers = 0;
  let liked = 0;
  let disliked = 0;
  for (const [id, l] of labels) {
    const paper = paperOf(id);
    if (!paper) continue;
    const label = l.sum / l.n;
    if (label === 0) continue;
    papers++;
    if (label > 0) liked += label;
    else disliked -= label;
    const { names: fs, xs } = unit(paper);
    for (let i = 0; i < fs.length; i++) {
      const f = fs[i] as string;
      const x = xs[i] as number;
      let s = sums.get(f);
      if (!s) {
        s = { up: 0, down: 0, papers: 0 };
        sums.set(f, s);
      }
      if (label > 0) s.up += x * label;
      else s.down -= x * label;
      s.papers++;
    }
    for (const a of paper.authors) {
      const key = authorKey(a);
      if (key && !names.has(`a:${key}`)) names.set(`a:${key}`, a);
    }
  }
  const weights = new Map<string, number>();
  for (const [f, s] of sums) weights.set(f, s.up / (liked + prior) - s.down / (disliked + prior));
  /** Weights of features at least two voted papers share: one paper's every word is not a taste. */
  const shared = () =>
    [...weights.entries()].filter(([f]) => (sums.get(f)?.papers ?? 0) >= 2).map(([f, w]) => ({ f, w }));

  return {
    papers,
    score(paper) {
      if (weights.size === 0) return 0;
      let total = 0;
      const { names: fs, xs } = unit(paper);
      for (let i = 0; i < fs.length; i++) {
        const w = weights.get(fs[i] as string);
        if (w !== undefined) total += (xs[i] as number) * w;
      }
      return Math.tanh(gain * total);
    },
    explain(max = 3) {
      const ranked = shared().sort((a, b) => Math.abs(b.w) - Math.abs(a.w) || a.f.localeCompare(b.f));
      const label = (f: string) =>
        f === 'code' ? 'code released' : (names.get(f) ?? f.replace(/^[wca]:/, ''));
      const pick = (sign: 1 | -1) =>
        ranked
          .filter((r) => r.w * sign > 0.01)
          .slice(0, max)
          .map((r) => label(r.f));
      return { more: pick(1), less: pick(-1) };
    },
    liked(max = 8) {
      const out: Leanings = { words: [], categories: [], authors: [] };
      const ranked = shared()
        .filter((r) => r.w > LIKED_ABOVE)
        .sort((a, b) => b.w - a.w || a.f.localeCompare(b.f));
      for (const { f } of ranked) {
        const list = f.startsWith('w:')
          ? out.words
          : f.startsWith('c:')
            ? out.categories
            : f.startsWith('a:')
              ? out.authors
              : undefined;
        if (!list || list.length >= max) continue;
        list.push(f.startsWith('a:') ? (names.get(f) ?? f.slice(2)) : f.slice(2));
      }
      return out;
    },
  };
}

/** A feature's weight above which it counts as liked: more 👍 than 👎 among the papers having it, clearly. */
const LIKED_ABOVE = 0.02;

/** A model that knows nothing: every paper scores 0, so ranking is topic relevance alone. */
export const NO_PREFERENCES: PreferenceModel = {
  papers: 0,
  score: () => 0,
  explain: () => ({ more: [], less: [] }),
  liked: () => ({ words: [], categories: [], authors: [] }),
};
