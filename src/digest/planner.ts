// Digest selection: relevance per topic blended with trending, minus excluded/sent/duplicate papers, spread over topics.
import type { Paper } from '../catalog/paper.js';
import { followedBy } from '../feedback/follows.js';
import type { Leanings } from '../feedback/preferences.js';
import type { SearchEngine, SearchOutcome } from '../search/types.js';
import { excludeMatcher, jaccard, paperKeys, titleKey, titleTokens } from './text.js';
import type { DigestPick, DigestPlanner, DigestRequest } from './types.js';

export interface PlannerOptions {
  /** Search hits considered per topic (default: max(60, 12 × count)). */
  candidatesPerTopic?: number;
  /** Weight of relevance against trending, 0–1 (default 0.65). */
  relevanceWeight?: number;
  /**
   * Hits under this relevance (the engine's 0–1 "how completely it matches", comparable across topics) are
   * not a match (default 0.3: "video generation" is not matched by a paper that only says "generation").
   */
  minRelevance?: number;
  /** For engines without relevance: hits under this fraction of the topic's best score (default 0.2). */
  minRelative?: number;
  /** Title token Jaccard at or above which two papers are the same paper (default 0.8). */
  duplicateJaccard?: number;
  /**
   * Weight of the channel's learned preferences (-1…1) added to a paper's score once the channel has voted on
   * `confidentAfter` papers; less before (default 1: as much as relevance and trend together).
   */
  preferenceWeight?: number;
  /** A followed author's or lab's paper counts as new this many days after it was listed (default 7). */
  followWindowDays?: number;
  /** Voted papers after which the learned preferences count fully (default 5). */
  confidentAfter?: number;
  /**
   * Once a channel has votes, papers near what it liked join the candidates: the newest of its liked
   * categories and the best hits of its liked words, this many of each at most (default: as for a topic).
   */
  likedCandidates?: number;
  /**
   * A topic's paper the learned model scores at least this (0–1) also counts as "like what this channel 👍"
   * (default 0.2); a paper found only near the liked ones needs a score above 0.
   */
  minLiked?: number;
  /**
   * A paper found only near the liked ones (beyond the topic line) counts as matching "liked" with relevance
   * min(1, this × the model's liking) (default 4: a liking of 0.25 counts as a full topic match). At 1 it
   * was found beside on-topic papers at a fraction of their relevance and was wanted less often than they were.
   */
  beyondLikingScale?: number;
  /**
   * Searches the liked categories and the liked words separately (the rule before 8 Dec 2026) instead of the
   * liked words within the liked categories; for the feedback bench's comparison.
   */
  separateLikedSearches?: boolean;
  /**
   * The scale in the weekly round-up (default 1: the week's few candidates would be mostly beyond-topic ones;
   * the feedback bench's weekly replay loses 0.060 ± 0.014 P@5 at 4 on the tuning month).
   */
  weeklyBeyondLikingScale?: number;
  /**
   * Voted papers over which the beyond-topic scale grows from 1 to its full value (default 30: about a week
   * of daily votes; the first days' liked words are too few to trust that far).
   */
  beyondRampPapers?: number;
  /** Half-life of "recently listed", in days (default 7). */
  recencyHalfLifeDays?: number;
  /** Weight of relevance against momentum in the weekly round-up (default 0.4: the week's hits count most). */
  weeklyRelevanceWeight?: number;
  /**
   * The channel's learned preferences count this many times more in the weekly round-up (default 1: as in the
   * daily digest; the feedback bench's weekly replay is flat from 0.5 to 2 and lower at 3).
   */
  weeklyPreferenceBoost?: number;
  /**
   * Search results per topic are reused this long (default 60 s): thousands of channels due in one minute
   * share a handful of topics. The catalog growing invalidates them at once.
   */
  cacheMs?: number;
  now?: () => number;
  /** Sees every request's candidate pool before ranking (the feedback benchmark measures its recall). */
  onCandidates?: (papers: readonly Paper[]) => void;
}

interface Candidate {
  paper: Paper;
  /** Relevance (0–1, relative to the topic's best hit) for each topic it matched, in topic order. */
  relevance: Map<string, number>;
  trend: number;
  score: number;
  /** The channel's learned liking, already weighted; 0 for a channel without votes. */
  taste: number;
  tokens: Set<string>;
  /** Matches one of the channel's exclude words (decided lazily). */
  excluded?: boolean;
}

const DAY = 86_400_000;

/** Marks a follow's pseudo-topic, which no typed topic can start with. */
const BY = '\u0000by ';
/** The pseudo-topic of papers near what the channel liked. */
const LIKED = '\u0000liked';
/** Said in a pick's reason when it is near what the channel liked. */
export const LIKED_REASON = 'like what this channel 👍';

const tokenCache = new WeakMap<Paper, Set<string>>();
const keysCache = new WeakMap<Paper, string[]>();

/** paperKeys, once per paper object. */
function keysOf(paper: Paper): string[] {
  let k = keysCache.get(paper);
  if (!k) {
    k = paperKeys(paper);
    keysCache.set(paper, k);
  }
  return k;
}
const keyCache = new WeakMap<Paper, string>();

function tokensOf(paper: Paper): Set<string> {
  let t = tokenCache.get(paper);
  if (!t) {
    t = titleTokens(paper.title);
    tokenCache.set(paper, t);
  }
  return t;
}

function titleKeyOf(paper: Paper): string {
  let k = keyCache.get(paper);
  if (k === undefined) {
    k = titleKey(paper.title);
    keyCache.set(paper, k);
  }
  return k;
}

const dayCache = new Map<string, number | undefined>();

function dayNumber(date: string | undefined): number | undefined {
  if (!date) return undefined;
  const key = date.slice(0, 10);
  if (dayCache.has(key)) return dayCache.get(key);
  const t = Date.parse(`${key}T00:00:00Z`);
  const day = Number.isNaN(t) ? undefined : Math.floor(t / DAY);
  if (dayCache.size > 20_000) dayCache.clear();
  dayCache.set(key, day);
  return day;
}

export function createDigestPlanner(search: SearchEngine, options: PlannerOptions = {}): DigestPlanner {
  const relevanceWeight = options.relevanceWeight ?? 0.65;
  const minRelevance = options.minRelevance ?? 0.3;
  const minRelative = options.minRelative ?? 0.2;
  const duplicateJaccard = options.duplicateJaccard ?? 0.8;
  const halfLife = options.recencyHalfLifeDays ?? 7;
  const preferenceWeight = options.preferenceWeight ?? 1;
  const confidentAfter = options.confidentAfter ?? 5;
  const minLiked = options.minLiked ?? 0.2;
  const beyondScale = options.beyondLikingScale ?? 4;
  const weeklyBeyondScale = options.weeklyBeyondLikingScale ?? 1;
  const beyondRamp = options.beyondRampPapers ?? 30;
  const followWindow = options.followWindowDays ?? 7;
  const cacheMs = options.cacheMs ?? 60_000;
  const weeklyRelevanceWeight = options.weeklyRelevanceWeight ?? 0.4;
  const weeklyPreferenceBoost = options.weeklyPreferenceBoost ?? 1;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; size: number; outcome: SearchOutcome }>();

  function searchTopic(topic: string, limit: number): SearchOutcome {
    const key = `${topic.toLowerCase()}\u0000${limit}`;
    const hit = cache.get(key);
    const t = now();
    if (hit && t - hit.at < cacheMs && hit.size === search.size) return hit.outcome;
    // Topics are whole words: no prefix completion ("rl" must not match "rlhf"); acronyms still expand.
    const outcome = search.search(topic, { limit, prefix: false });
    if (cacheMs > 0) {
      if (cache.size > 2_000) cache.clear();
      cache.set(key, { at: t, size: search.size, outcome });
    }
    return outcome;
  }

  /**
   * Catalog papers by every key they are known by (version-free ids, "t:" + title), so a candidate can be
   * checked against a channel's ledger without expanding the ledger: the same paper may come back under
   * another id (a slug, later its arXiv id). Rebuilt when the catalog changes size, or every 10 minutes.
   */
  let keyIndex: { at: number; size: number; map: Map<string, string[]> } | undefined;
  function papersByKey(): Map<string, string[]> {
    const t = now();
    if (keyIndex && keyIndex.size === search.size && t - keyIndex.at < 10 * 60_000) return keyIndex.map;
    const map = new Map<string, string[]>();
    const add = (key: string, id: string) => {
      const list = map.get(key);
      if (!list) map.set(key, [id]);
      else if (!list.includes(id)) list.push(id);
    };
    for (const paper of search.all()) {
      for (const k of keysOf(paper)) add(k, paper.id);
      add(`t:${titleKeyOf(paper)}`, paper.id);
    }
    keyIndex = { at: t, size: search.size, map };
    return map;
  }

  function alreadySent(paper: Paper, sent: ReadonlySet<string>): boolean {
    if (sent.size === 0) return false;
    if (sent.has(paper.id)) return true;
    const index = papersByKey();
    for (const key of [...keysOf(paper), `t:${titleKeyOf(paper)}`]) {
      if (sent.has(key)) return true;
      for (const other of index.get(key) ?? []) if (other !== paper.id && sent.has(other)) return true;
    }
    return false;
  }

  /**
   * How much a paper trends, 0–1: its place on the trending list, its upvotes and how fast they grow (both
   * against the best among the candidates, on a log scale), and how recently it was listed (halving weekly).
   */
  function trendOf(paper: Paper, max: { upvotes: number; velocity: number }, today: number): number {
    const rank = paper.trending.rank;
    const rankScore = rank ? 1 / Math.sqrt(rank) : 0;
    const upvotes = paper.trending.upvotes ?? 0;
    const upvoteScore = max.upvotes > 0 ? Math.log1p(upvotes) / Math.log1p(max.upvotes) : 0;
    const velocity = paper.trending.velocity ?? 0;
    const velocityScore = max.velocity > 0 ? Math.log1p(velocity) / Math.log1p(max.velocity) : 0;
    const day = dayNumber(paper.listed ?? paper.published);
    const recency = day === undefined ? 0.25 : 0.5 ** (Math.max(0, today - day) / halfLife);
    return 0.3 * rankScore + 0.25 * upvoteScore + 0.15 * velocityScore + 0.3 * recency;
  }

  /**
   * How much a paper of the week gained, 0–1: upvote growth first, then upvotes, trending rank and the
   * catalog's own trending score (each against the best of the week's candidates). Recency is left out: the
   * whole week is equally new to a weekly channel.
   */
  function momentumOf(paper: Paper, max: { upvotes: number; velocity: number; score: number }): number {
    const t = paper.trending;
    const velocity = max.velocity > 0 ? Math.log1p(t.velocity ?? 0) / Math.log1p(max.velocity) : 0;
    const upvotes = max.upvotes > 0 ? Math.log1p(t.upvotes ?? 0) / Math.log1p(max.upvotes) : 0;
    const rank = t.rank ? 1 / Math.sqrt(t.rank) : 0;
    const score = max.score > 0 ? Math.max(0, t.score ?? 0) / max.score : 0;
    return 0.35 * velocity + 0.3 * upvotes + 0.2 * rank + 0.15 * score;
  }

  return {
    select(request: DigestRequest): DigestPick[] {
      const topics = dedupeTopics(request.topics);
      const follows = request.follows ?? [];
      const count = Math.max(0, Math.floor(request.count));
      if ((topics.length === 0 && follows.length === 0) || count === 0) return [];
      const weekly = request.cadence === 'weekly';
      // A week's papers may sit below the topic's best-matching older ones: look deeper for the round-up.
      const limit = options.candidatesPerTopic ?? Math.max(weekly ? 500 : 60, 12 * count);
      const excluded = excludeMatcher(request.exclude);
      const today = dayNumber(request.date) ?? Math.floor(now() / DAY);
      /** The round-up covers the seven local dates ending on its own; an undated paper is no week's. */
      const outsideWeek = (listed: number | undefined) =>
        weekly && (listed === undefined || listed <= today - 7);
      const relWeight = weekly ? weeklyRelevanceWeight : relevanceWeight;

      const byId = new Map<string, Candidate>();
      /** A new candidate, unless the channel hid it, already got it, or it is not out yet on the date. */
      const admit = (paper: Paper): Candidate | undefined => {
        if (request.hidden?.has(paper.id)) return undefined;
        const listed = dayNumber(paper.listed ?? paper.published);
        if (listed !== undefined && listed > today) return undefined;
        if (outsideWeek(listed)) return undefined;
        // After the cheap date checks: the ledger lookup is the costly one.
        if (alreadySent(paper, request.sent)) return undefined;
        const c = { paper, relevance: new Map(), trend: 0, score: 0, taste: 0, tokens: tokensOf(paper) };
        byId.set(paper.id, c);
        return c;
      };
      for (const topic of topics) {
        const outcome = searchTopic(topic, limit);
        if (!outcome.ok) continue;
        const best = outcome.hits[0]?.score ?? 0;
        if (best <= 0) continue;
        for (const hit of outcome.hits) {
          const rel = hit.relevance ?? hit.score / best;
          if (rel < (hit.relevance === undefined ? minRelative : minRelevance)) continue;
          const c = byId.get(hit.paper.id) ?? admit(hit.paper);
          if (c) c.relevance.set(topic, Math.max(c.relevance.get(topic) ?? 0, rel));
        }
      }
      // Followed people's and labs' new papers join as if they matched a topic of their own, "by <name>".
      const byTopics: string[] = [];
      if (follows.length > 0) {
        for (const paper of search.all()) {
          const listed = dayNumber(paper.listed ?? paper.published);
          if (listed === undefined || listed > today || today - listed > followWindow) continue;
          if (outsideWeek(listed)) continue;
          const by = followedBy(paper, follows);
          if (by.length === 0) continue;
          const c = byId.get(paper.id) ?? admit(paper);
          if (!c) continue;
          for (const f of by) {
            const topic = `${BY}${f.name}`;
            c.relevance.set(topic, 1);
            if (!byTopics.includes(topic)) byTopics.push(topic);
          }
        }
      }

      const model = request.preferences;
      const confidence = model && model.papers > 0 ? Math.min(1, model.papers / confidentAfter) : 0;
      const tasteWeight = preferenceWeight * (weekly ? weeklyPreferenceBoost : 1) * confidence;
      const likedTopics: string[] = [];
      if (model && confidence > 0) {
        // The topic line rarely says all a channel wants: once it has voted, papers near what it liked join
        // the candidates, and those the model likes enough count as matching a topic of their own.
        for (const query of likedQueries(model.liked(), options.separateLikedSearches)) {
          const outcome = searchTopic(query, options.likedCandidates ?? limit);
          if (outcome.ok) for (const hit of outcome.hits) if (!byId.has(hit.paper.id)) admit(hit.paper);
        }
        const fullScale = weekly ? weeklyBeyondScale : beyondScale;
        const scale =
          beyondRamp > 0 ? 1 + (fullScale - 1) * Math.min(1, model.papers / beyondRamp) : fullScale;
        for (const c of byId.values()) {
          const liking = model.score(c.paper);
          c.taste = tasteWeight * liking;
          // Beyond the topic line the search already asked for the liked words in the liked categories; the
          // model's liking then says how sure: clearly liked counts as much as a topic match.
          const outside = c.relevance.size === 0;
          if (liking > 0 && (liking >= minLiked || outside))
            c.relevance.set(LIKED, confidence * (outside ? Math.min(1, scale * liking) : liking));
          if (c.relevance.size === 0) byId.delete(c.paper.id);
        }
        if ([...byId.values()].some((c) => c.relevance.has(LIKED))) likedTopics.push(LIKED);
      }
      options.onCandidates?.([...byId.values()].map((c) => c.paper));
      if (byId.size === 0) return [];

      const max = { upvotes: 0, velocity: 0, score: 0 };
      for (const c of byId.values()) {
        max.upvotes = Math.max(max.upvotes, c.paper.trending.upvotes ?? 0);
        max.velocity = Math.max(max.velocity, c.paper.trending.velocity ?? 0);
        max.score = Math.max(max.score, c.paper.trending.score ?? 0);
      }
      for (const c of byId.values()) {
        c.trend = weekly ? momentumOf(c.paper, max) : trendOf(c.paper, max, today);
        const rel = Math.max(...c.relevance.values());
        // A paper on two of the channel's topics is a little more interesting than one on either.
        c.score = relWeight * rel + (1 - relWeight) * c.trend + 0.05 * (c.relevance.size - 1) + c.taste;
      }

      const pool = [...byId.values()].sort(
        (a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id),
      );
      // Exclude words and near-duplicates are judged only for papers about to be picked: a handful per
      // channel instead of the whole pool (the regexes and title comparisons are most of the cost).
      const picked = diversify(
        pool,
        [...topics, ...byTopics, ...likedTopics],
        count,
        relWeight,
        (c, chosen) => {
          if (c.excluded === undefined) c.excluded = excluded(c.paper) !== undefined;
          return !c.excluded && !duplicateOfAny(c, chosen, duplicateJaccard);
        },
      );
      return picked
        .sort((a, b) => b.score - a.score)
        .map((c) => {
          const matchedTopics = topics.filter((t) => c.relevance.has(t));
          const by = byTopics.filter((t) => c.relevance.has(t)).map((t) => t.slice(BY.length));
          const reason = [
            ...(matchedTopics.length > 0 ? [`matches: ${matchedTopics.join(', ')}`] : []),
            ...(by.length > 0 ? [`by ${by.join(', ')}`] : []),
            ...(c.relevance.has(LIKED) ? [LIKED_REASON] : []),
          ].join(' · ');
          return {
            paper: c.paper,
            score: Math.round(c.score * 1000) / 1000,
            reason,
            matchedTopics,
          };
        });
    },
  };
}

/**
 * The searches for papers near what a channel liked: its liked words within its liked categories (`cat:` ORs
 * the categories; the words rank), and the newest papers of the author it liked most. Both halves must agree:
 * the newest papers of a liked category alone, or the liked words in any category, were wanted less often than
 * the topic's own hits (feedback bench). With only one half learned, that half is searched alone.
 */
export function likedQueries(liked: Leanings, separate = false): string[] {
  const categories = liked.categories.filter((c) => /^[a-z-]+(\.[a-z-]+)?$/i.test(c)).slice(0, 2);
  const words = liked.words.slice(0, 6).join(' ');
  const author = liked.authors[0]?.replace(/["\s]+/g, ' ').trim();
  const cats = categories.map((c) => `cat:${c}`).join(' ');
  const near = separate || !cats || !words ? [cats, words] : [`${cats} ${words}`];
  return [...near, author ? `author:"${author}"` : ''].filter((q) => q !== '');
}

function dedupeTopics(topics: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of topics) {
    const t = raw.trim();
    if (!t || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
  }
  return out;
}

/** Another version of, or a title nearly identical to, a paper already picked. */
function duplicateOfAny(c: Candidate, picked: readonly Candidate[], threshold: number): boolean {
  const keys = keysOf(c.paper);
  const title = titleKeyOf(c.paper);
  for (const p of picked) {
    if (titleKeyOf(p.paper) === title) return true;
    if (keysOf(p.paper).some((k) => keys.includes(k))) return true;
    // Jaccard ≥ t needs the smaller set to be at least t × the larger: skip hopeless pairs cheaply.
    const [a, b] = [c.tokens.size, p.tokens.size];
    if (Math.min(a, b) < threshold * Math.max(a, b)) continue;
    if (jaccard(p.tokens, c.tokens) >= threshold) return true;
  }
  return false;
}

/**
 * Spreads the picks over the topics: first every topic gets its share (count ÷ topics, at least one) in
 * round-robin, strongest topic first; the rest goes to the best remaining papers, lightly penalised for
 * resembling what is already picked (maximal marginal relevance on title tokens).
 */
function diversify(
  pool: Candidate[],
  topics: string[],
  count: number,
  relevanceWeight: number,
  eligible: (c: Candidate, picked: readonly Candidate[]) => boolean,
): Candidate[] {
  const perTopic = new Map<string, Candidate[]>();
  for (const topic of topics) {
    const list = pool.filter((c) => c.relevance.has(topic));
    const topicScore = (c: Candidate) =>
      relevanceWeight * (c.relevance.get(topic) ?? 0) + (1 - relevanceWeight) * c.trend + c.taste;
    list.sort((a, b) => topicScore(b) - topicScore(a));
    if (list.length > 0) perTopic.set(topic, list);
  }
  const order = [...perTopic.keys()].sort(
    (a, b) => (perTopic.get(b)?.[0]?.score ?? 0) - (perTopic.get(a)?.[0]?.score ?? 0),
  );
  const quota = Math.max(1, Math.floor(count / Math.max(1, order.length)));
  const covered = new Map<string, number>(order.map((t) => [t, 0]));
  const picked: Candidate[] = [];
  const chosen = new Set<Candidate>();
  const rejected = new Set<Candidate>();
  const check = (c: Candidate) => {
    if (eligible(c, picked)) return true;
    rejected.add(c);
    return false;
  };
  const take = (c: Candidate) => {
    picked.push(c);
    chosen.add(c);
    for (const t of c.relevance.keys()) covered.set(t, (covered.get(t) ?? 0) + 1);
  };

  let progress = true;
  while (picked.length < count && progress) {
    progress = false;
    for (const topic of order) {
      if (picked.length >= count) break;
      if ((covered.get(topic) ?? 0) >= quota) continue;
      const next = perTopic.get(topic)?.find((c) => !chosen.has(c) && !rejected.has(c) && check(c));
      if (!next) continue;
      take(next);
      progress = true;
    }
  }

  const lambda = 0.3;
  while (picked.length < count) {
    let best: Candidate | undefined;
    let bestValue = -Infinity;
    for (const c of pool) {
      // The pool is sorted by score and the penalty only lowers it: nothing further down can win.
      if (c.score <= bestValue) break;
      if (chosen.has(c) || rejected.has(c)) continue;
      let similarity = 0;
      for (const p of picked) similarity = Math.max(similarity, jaccard(p.tokens, c.tokens));
      const value = c.score - lambda * similarity;
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    if (!best) break;
    if (check(best)) take(best);
  }
  return picked;
}
