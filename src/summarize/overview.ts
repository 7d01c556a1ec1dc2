// Topic overview over several papers: the shared salient phrases in a sentence, then one line per paper.
import type { Paper } from '../catalog/paper.js';
import { STOP_WORDS } from '../text/stop-words.js';
import type { Stats } from './features.js';
import { cleanText } from './text.js';
import { withoutTitleLead } from './title-lead.js';
import type { Overview } from './types.js';

const STOP = STOP_WORDS.overview;

/** Words too common in abstracts to name a theme on their own. */
const GENERIC = new Set(
  (
    'paper work study approach approaches method methods model models result results propose proposed ' +
    'proposes show shows shown novel new framework frameworks performance task tasks data based using use ' +
    'used learning problem problems existing prior recent state art sota experiment experiments experimental ' +
    'demonstrate demonstrates achieve achieves achieving significant significantly improve improves ' +
    'improved improvement improvements effective efficient efficiency technique techniques different various ' +
    'set large small high low first second two three make makes via including introduce introduces present ' +
    'presents leverage leverages enable enables provide provides analysis system systems code available ' +
    'github https http www com org benchmark benchmarks outperform outperforms baseline baselines training ' +
    'train trained network networks neural deep function functions value values current state-of-the-art ' +
    'art way ways issue issues challenge challenges question questions setting settings case cases level ' +
    'levels type types number numbers term terms time times range form forms need needs strong better best ' +
    'simple general key important recently recent widely'
  ).split(' '),
);

/** Words that open no topic phrase: verbs, participles and vague adjectives. */
const STARTERS = new Set(
  (
    'using based novel new proposed existing different various several given learned learning-based ' +
    'directly achieving enabling improving making leveraging introducing providing show shows showing ' +
    'first second third large small high low many most more better best recent current key main'
  ).split(' '),
);

const MAX_THEMES = 3;
/** A single word must be this rare (normalised idf) to name a theme: "diffusion" yes, "training" no. */
const MIN_UNIGRAM_IDF = 0.45;

interface Phrase {
  key: string;
  surface: Map<string, number>;
  papers: Set<number>;
  words: number;
  inTitle: number;
  /** Whether it ends a run of content words somewhere: a noun heads its phrase, a modifier ("soft") never does. */
  head: boolean;
}

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us'))
    return word.slice(0, -1);
  return word;
}

/** Runs of content words (split at stop words and punctuation), with their surface forms. */
function chunks(text: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'-]*[\p{L}\p{N}]|[\p{L}\p{N}]|([.,;:!?()[\]"])/gu)) {
    const token = m[0];
    const lower = token.toLowerCase();
    if (m[1] !== undefined || STOP.has(lower) || /^\d/.test(token)) {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push(token);
  }
  if (current.length > 0) out.push(current);
  return out;
}

function collect(papers: readonly Paper[]): Map<string, Phrase> {
  const phrases = new Map<string, Phrase>();
  papers.forEach((paper, index) => {
    const sources: [string, boolean][] = [
      [paper.title, true],
      [paper.keywords.join('. '), true],
      [cleanText(paper.abstract.slice(0, 4000)), false],
    ];
    for (const [text, title] of sources) {
      for (const chunk of chunks(text)) {
        for (let n = 1; n <= 3; n++) {
          for (let i = 0; i + n <= chunk.length; i++) {
            const words = chunk.slice(i, i + n);
            const lower = words.map((w) => w.toLowerCase());
            if (n === 1 && (GENERIC.has(lower[0] as string) || (lower[0] as string).length < 3)) continue;
            if (lower.every((w) => GENERIC.has(w))) continue;
            // "directly optimizing", "using graphs": adverbs and verb forms do not open or close a topic.
            if (/ly$/.test(lower[0] as string) || /ly$/.test(lower[n - 1] as string)) continue;
            if (
              STARTERS.has(lower[0] as string) ||
              (GENERIC.has(lower[n - 1] as string) && n === 2 && GENERIC.has(lower[0] as string))
            )
              continue;
            const key = lower.map(stem).join(' ');
            let phrase = phrases.get(key);
            if (!phrase) {
              phrase = { key, surface: new Map(), papers: new Set(), words: n, inTitle: 0, head: false };
              phrases.set(key, phrase);
            }
            const surface = words.join(' ');
            // Abstracts write topics in running text ("value-based"), titles in Title Case ("Value-Based").
            phrase.surface.set(surface, (phrase.surface.get(surface) ?? 0) + (title ? 1 : 2));
            phrase.papers.add(index);
            if (title) phrase.inTitle++;
            if (i + n === chunk.length) phrase.head = true;
          }
        }
      }
    }
  });
  return phrases;
}

function idfOf(key: string, stats: Stats | undefined): number {
  if (!stats) return 1;
  const max = Math.log(stats.docs + 1);
  const words = key.split(' ');
  let total = 0;
  for (const w of words) {
    const df = stats.df.get(w) ?? stats.df.get(`${w}s`);
    total += df === undefined ? 1 : Math.log((stats.docs + 1) / (df + 1)) / max;
  }
  return total / words.length;
}

function display(phrase: Phrase): string {
  let best = '';
  let count = -1;
  for (const [surface, n] of phrase.surface) {
    if (n > count) {
      best = surface;
      count = n;
    }
  }
  // Lower-case ordinary words (sentence-initial capitals) but keep acronyms and names (LLM, GPT-4, Transformer).
  return best
    .split(' ')
    .map((w) => (/^\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)*$/u.test(w) ? w.toLowerCase() : w))
    .join(' ');
}

function pickThemes(phrases: Map<string, Phrase>, minPapers: number, stats?: Stats): Phrase[] {
  const scored = [...phrases.values()]
    .filter((p) => p.papers.size >= minPapers)
    // A lone word names a theme only when it is rare enough, some title or keyword uses it, and it heads a phrase
    // somewhere ("…with diffusion"): "soft" in "soft value functions" and "Soft Bellman" names no topic.
    .filter((p) => p.words > 1 || (p.head && p.inTitle > 0 && idfOf(p.key, stats) >= MIN_UNIGRAM_IDF))
    .map((p) => ({
      p,
      score:
        p.papers.size ** 1.5 *
        idfOf(p.key, stats) ** 2 *
        (1 + 0.5 * (p.words - 1)) *
        (1 + 0.3 * Math.min(p.inTitle, 3)),
    }))
    .sort((a, b) => b.score - a.score || (a.p.key < b.p.key ? -1 : 1));
  const chosen: Phrase[] = [];
  for (const { p } of scored) {
    const inside = chosen.findIndex((c) => ` ${p.key} `.includes(` ${c.key} `));
    if (inside >= 0) {
      // "diffusion models" over "diffusion" when it covers the same papers: the fuller name reads better.
      const c = chosen[inside] as Phrase;
      if (c.papers.size === p.papers.size && p.words <= 3) chosen[inside] = p;
      continue;
    }
    if (chosen.length < MAX_THEMES && !chosen.some((c) => ` ${c.key} `.includes(` ${p.key} `)))
      chosen.push(p);
  }
  return chosen;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The common themes of a set of papers in a sentence, and one line per paper: its title and `tldrs[i]`. */
export function overviewOf(papers: readonly Paper[], tldrs: readonly string[], stats?: Stats): Overview {
  const out = papers.map((p, i) => ({ id: p.id, line: lineFor(p, tldrs[i] ?? '') }));
  if (papers.length === 0) return { themes: 'No papers to summarise.', lines: [] };
  const phrases = collect(papers);
  if (papers.length === 1) {
    const focus = pickThemes(phrases, 1, stats).map(display);
    return { themes: focus.length > 0 ? `Focus: ${list(focus)}.` : '', lines: out };
  }
  const shared = pickThemes(phrases, 2, stats).sort((a, b) => b.papers.size - a.papers.size);
  if (shared.length > 0) {
    const parts = shared.map((p, i) =>
      i === 0
        ? `${display(p)} (${p.papers.size} of ${papers.length} papers)`
        : `${display(p)} (${p.papers.size})`,
    );
    return { themes: `Common themes: ${list(parts)}.`, lines: out };
  }
  const each = papers
    .slice(0, 5)
    .map((_, i) => {
      const own = new Map([...phrases].filter(([, p]) => p.papers.has(i)));
      const top = pickThemes(own, 1, stats)[0];
      return top ? display(top) : undefined;
    })
    .filter((t): t is string => t !== undefined);
  const range = each.length > 0 ? `; they range over ${list([...new Set(each)])}` : '';
  return { themes: `No single theme links these ${papers.length} papers${range}.`, lines: out };
}

function lineFor(paper: Paper, tldr: string): string {
  const title = paper.title.replace(/\s+/g, ' ').trim();
  // The line shows the title already: a TL;DR led by it would say it twice.
  const line = tldr ? withoutTitleLead(tldr, paper.title) : '';
  return line ? `${title} — ${line}` : `${title} — no abstract to summarise.`;
}
