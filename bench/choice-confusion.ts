// Where the TL;DR's choice of sentence loses ROUGE-1: (picked sentence's role) × (oracle sentence's role).
// Train is scored by 2-fold cross-fitting (each half by a token model and ranker trained on the other half, as
// ranker-cv.ts does), dev by the shipped model; both through the engine's full choice (ranking and its rules).
// Usage: npm run build && node dist/bench/choice-confusion.js [--dump DIR] [--save NAME] [--vs NAME] [--quiet]
//   --dump   writes each paper's sentences (role, best candidate's score and ROUGE-1) as JSON, to try rules offline
//   --save   keeps each paper's ROUGE-1 under NAME; --vs NAME prints the paired change against it (a rule's effect
//            on train as well as dev); --quiet prints only the totals
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { leans, ownSubject, ownWork } from '../src/summarize/contribution.js';
import { ALL_FLAGS, CLAIM, sentenceCues } from '../src/summarize/cues.js';
import { createEngine } from '../src/summarize/engine.js';
import type { ModelData, Weights } from '../src/summarize/features.js';
import { rougeMultiMax } from '../src/summarize/rouge.js';
import { pairedChange } from './kit.js';
import type { SciTldrRecord } from './scitldr.js';
import { cachedTokens, crossFit, otherHalfWeights } from './tldr-training.js';

const { values } = parseArgs({
  options: {
    dump: { type: 'string' },
    save: { type: 'string' },
    vs: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const { cache, model, stats, dev, folds } = crossFit('choice-confusion');

/** The token model's weights for these papers, shared with ranker-cv.ts's cache. */
function tokenWeights(data: readonly SciTldrRecord[], useTitle: boolean): Weights {
  return cachedTokens(cache, data, stats, useTitle, model.priorWords.length);
}

const TOPIC = /\b(?:stud(?:y|ies)|investigates?|explores?|address(?:es)?|tackle|consider|analy[sz]e)\b/i;
const USE = /\b(?:use|apply|train|learn)\b/i;

/** A sentence's role in the argument, from the summariser's own cues. */
export function role(sentence: string): string {
  const [claim, finding, result, background] = sentenceCues(sentence, ALL_FLAGS);
  if (claim) {
    const verb = CLAIM.exec(sentence)?.[0] ?? '';
    if (!TOPIC.test(verb) && !USE.test(verb)) return finding ? 'claim+find' : 'claim';
  }
  if (finding) return 'finding';
  if (claim) return TOPIC.test(CLAIM.exec(sentence)?.[0] ?? '') ? 'topic' : 'use';
  if (ownSubject(sentence) || ownWork(sentence)) return 'own';
  if (result) return 'result';
  if (leans(sentence)) return 'leans';
  if (background) return 'background';
  return 'other';
}

interface SentenceRow {
  role: string;
  /** The ranker's best candidate of this sentence (≤ 40 words when one is): its score, ROUGE-1 and words. */
  score: number;
  r1: number;
  words: number;
  text: string;
  /** The best ROUGE-1 of any candidate of this sentence. */
  bestR1: number;
}
interface PaperRow {
  id: string;
  pick: number;
  pickR1: number;
  sentences: SentenceRow[];
  /** The ranker's best candidates (≤ 40 words), best first. */
  top: { sentence: number; score: number; r1: number; words: number; text: string }[];
}

function rows(data: readonly SciTldrRecord[], m: ModelData, useTitle: boolean): PaperRow[] {
  const engine = createEngine(m);
  return data.map((r) => {
    const a = engine.analyzeSentences(r.source, useTitle ? r.title : undefined);
    const sentences: SentenceRow[] = a.sentences.map((s) => ({
      role: role(s),
      score: -Infinity,
      r1: 0,
      words: 0,
      text: '',
      bestR1: 0,
    }));
    const seen = new Map<string, number>();
    const r1Of = (text: string) => {
      let v = seen.get(text);
      if (v === undefined) {
        v = rougeMultiMax(text, r.target).r1;
        seen.set(text, v);
      }
      return v;
    };
    for (const c of a.ranked) {
      const row = sentences[c.sentence] as SentenceRow;
      const r1 = r1Of(c.variant.text);
      row.bestR1 = Math.max(row.bestR1, r1);
      const better = row.text === '' || (row.words > 40 && c.variant.words <= 40);
      if (better) Object.assign(row, { score: c.score, r1, words: c.variant.words, text: c.variant.text });
    }
    const top = a.ranked
      .filter((c) => c.variant.words <= 40)
      .slice(0, 20)
      .map((c) => ({
        sentence: c.sentence,
        score: c.score,
        r1: r1Of(c.variant.text),
        words: c.variant.words,
        text: c.variant.text,
      }));
    return { id: r.paper_id, pick: a.sentence, pickR1: r1Of(a.untitled), sentences, top };
  });
}

function modelWith(useTitle: boolean, weights: Weights): ModelData {
  return useTitle ? { ...model, withTitle: weights } : { ...model, noTitle: weights };
}

const saved: Record<string, number[]> = {};
const before = values.vs
  ? (JSON.parse(readFileSync(join(cache, `choice-${values.vs}.json`), 'utf8')) as Record<string, number[]>)
  : undefined;

function report(label: string, papers: readonly PaperRow[]): void {
  saved[label] = papers.map((p) => 100 * p.pickR1);
  const cells = new Map<string, { n: number; lost: number; lostSentence: number }>();
  const roles = new Set<string>();
  let total = 0;
  let same = 0;
  for (const p of papers) {
    let oracle = 0;
    p.sentences.forEach((s, i) => {
      if (s.bestR1 > (p.sentences[oracle] as SentenceRow).bestR1) oracle = i;
    });
    const o = p.sentences[oracle] as SentenceRow;
    const picked = p.sentences[p.pick] as SentenceRow | undefined;
    if (!picked) continue;
    total += p.pickR1;
    if (oracle === p.pick) same++;
    const key = `${picked.role}|${o.role}`;
    roles.add(picked.role).add(o.role);
    const cell = cells.get(key) ?? { n: 0, lost: 0, lostSentence: 0 };
    cell.n++;
    cell.lost += o.bestR1 - p.pickR1;
    // Choosing the oracle's sentence, compressed as the ranker would: what the choice of sentence alone loses.
    if (oracle !== p.pick) cell.lostSentence += o.r1 - p.pickR1;
    cells.set(key, cell);
  }
  const n = papers.length;
  let paired = '';
  const other = before?.[label];
  if (other && other.length === n) {
    const change = pairedChange(papers.map((p, i) => 100 * p.pickR1 - (other[i] as number)));
    paired = `; vs ${values.vs}: ${change.text} (${change.changed} changed)`;
  }
  console.log(
    `\n${label}: R1 ${((100 * total) / n).toFixed(2)}, oracle's sentence picked ${((100 * same) / n).toFixed(1)}%${paired}`,
  );
  if (values.quiet) return;
  console.log(
    'picked role × oracle role: papers, R1 lost to the oracle candidate, R1 lost choosing the sentence',
  );
  console.log(
    '(lost figures: per 100 papers, ROUGE-1 points, i.e. what recovering the cell adds to the mean)',
  );
  const sorted = [...cells].sort((a, b) => b[1].lostSentence - a[1].lostSentence);
  for (const [key, c] of sorted.slice(0, 25)) {
    const [p, o] = key.split('|');
    console.log(
      `  ${(p ?? '').padEnd(11)} → ${(o ?? '').padEnd(11)} ${String(c.n).padStart(4)}  ` +
        `${((100 * c.lost) / n).toFixed(2).padStart(6)}  ${((100 * c.lostSentence) / n).toFixed(2).padStart(6)}`,
    );
  }
}

for (const useTitle of [false, true]) {
  const mode = useTitle ? 'title' : 'abstract';
  const devRows = rows(dev, model, useTitle);
  const trainRows: PaperRow[] = [];
  for (const f of [0, 1] as const) {
    const other = folds[1 - f] as SciTldrRecord[];
    const own = folds[f];
    const weights = otherHalfWeights(other, stats, useTitle, (d) => tokenWeights(d, useTitle));
    trainRows.push(...rows(own, modelWith(useTitle, weights), useTitle));
  }
  report(`train 2-fold, ${mode}`, trainRows);
  report(`dev, ${mode}`, devRows);
  if (values.dump) {
    mkdirSync(values.dump, { recursive: true });
    writeFileSync(join(values.dump, `train-${mode}.json`), JSON.stringify(trainRows));
    writeFileSync(join(values.dump, `dev-${mode}.json`), JSON.stringify(devRows));
  }
}
if (values.save) writeFileSync(join(cache, `choice-${values.save}.json`), JSON.stringify(saved));
