// Acronyms and their expansions, mined from the catalog ("mixture of experts (MoE)") plus a small hand list,
// so "MoE" finds papers that spell it out and "mixture of experts" finds papers that only say "MoE".
import { porterStem } from './stem.js';
import { fold, isStopWord } from './text.js';

/** Common ML acronyms, for catalogs too small to define them. Catalog definitions are added to these. */
export const HAND_ACRONYMS: Record<string, string> = {
  RL: 'reinforcement learning',
  RLHF: 'reinforcement learning from human feedback',
  DPO: 'direct preference optimization',
  PPO: 'proximal policy optimization',
  GRPO: 'group relative policy optimization',
  MoE: 'mixture of experts',
  LLM: 'large language model',
  VLM: 'vision language model',
  MLLM: 'multimodal large language model',
  ViT: 'vision transformer',
  DiT: 'diffusion transformer',
  GAN: 'generative adversarial network',
  VAE: 'variational autoencoder',
  'K-FAC': 'kronecker factored approximate curvature',
  NeRF: 'neural radiance field',
  '3DGS': '3d gaussian splatting',
  CNN: 'convolutional neural network',
  RNN: 'recurrent neural network',
  GNN: 'graph neural network',
  LSTM: 'long short-term memory',
  NLP: 'natural language processing',
  RAG: 'retrieval augmented generation',
  CoT: 'chain of thought',
  ICL: 'in-context learning',
  SFT: 'supervised fine-tuning',
  PEFT: 'parameter-efficient fine-tuning',
  LoRA: 'low-rank adaptation',
  KD: 'knowledge distillation',
  SSM: 'state space model',
  DDPM: 'denoising diffusion probabilistic model',
  ASR: 'automatic speech recognition',
  TTS: 'text to speech',
  OCR: 'optical character recognition',
  VQA: 'visual question answering',
  NER: 'named entity recognition',
  MCTS: 'monte carlo tree search',
  MARL: 'multi-agent reinforcement learning',
  NAS: 'neural architecture search',
  OOD: 'out of distribution',
  SSL: 'self-supervised learning',
  VLA: 'vision language action',
  SAE: 'sparse autoencoder',
  MLP: 'multilayer perceptron',
  SGD: 'stochastic gradient descent',
};

/** Serialised form: [acronym as written, [expansion key, expansion text, count][]][]. */
export type AcronymData = [string, [string, string, number][]][];

const WELL_KNOWN_KEYS: Record<string, true> = Object.fromEntries(
  Object.keys(HAND_ACRONYMS).map((k) => [k.toLowerCase().replace(/[^a-z0-9]/g, ''), true]),
);

export interface Expansion {
  /** As written, for display and `matched`: "mixture of experts". */
  text: string;
  /** Index terms (stems) of the expansion's content words: "mixture of experts" → mixtur, expert. */
  terms: string[];
  count: number;
}

/** Acronym (folded, singular) → its expansions, most frequent first. */
export class AcronymTable {
  private counts = new Map<string, Map<string, { text: string; count: number }>>();
  private cache: Map<string, Expansion[]> | null = null;
  private shortForms = new Map<string, string>();
  private byFirst = new Map<string, Set<string>>();
  /** Expansion text → its key: the same expansions recur thousands of times in a catalog. */
  private longKeys = new Map<string, string>();

  private wellKnown = new Set<string>();

  constructor(hand: Record<string, string> = HAND_ACRONYMS) {
    for (const [short, long] of Object.entries(hand)) {
      this.add(short, long, 1);
      const key = acronymKey(short);
      if (key) this.wellKnown.add(key);
    }
  }

  add(short: string, long: string, count = 1): void {
    const key = acronymKey(short);
    if (!key) return;
    if (!this.shortForms.has(key)) this.shortForms.set(key, short);
    const text = long.trim().toLowerCase();
    let longKey = this.longKeys.get(text);
    if (longKey === undefined) {
      longKey = expansionTerms(text).join(' ');
      if (this.longKeys.size > 200_000) this.longKeys.clear();
      this.longKeys.set(text, longKey);
    }
    if (!longKey) return;
    let forms = this.counts.get(key);
    if (!forms) {
      forms = new Map();
      this.counts.set(key, forms);
    }
    const seen = forms.get(longKey);
    if (seen) seen.count += count;
    else {
      forms.set(longKey, { text, count });
      this.index(key, longKey);
    }
    this.cache = null;
  }

  private index(key: string, longKey: string): void {
    const first = longKey.split(' ', 1)[0]!;
    let set = this.byFirst.get(first);
    if (!set) {
      set = new Set();
      this.byFirst.set(first, set);
    }
    set.add(key);
  }

  /** Finds "long form (LF)" definitions in a text (Schwartz & Hearst, 2003) and counts them. */
  mine(text: string): void {
    DEFINITION.lastIndex = 0;
    for (let m = DEFINITION.exec(text); m !== null; m = DEFINITION.exec(text)) {
      const short = m[1]!;
      if (!looksLikeAcronym(short)) continue;
      const before = text.slice(Math.max(0, m.index - 160), m.index);
      const long = longFormFor(short.replace(/s$/, ''), before);
      if (long) this.add(short.replace(/s$/, ''), long);
    }
  }

  /** The expansions worth using for an acronym: frequent ones, at most three. */
  expansions(acronym: string): Expansion[] {
    if (!this.cache) this.cache = new Map();
    const key = acronymKey(acronym);
    if (!key) return [];
    const hit = this.cache.get(key);
    if (hit) return hit;
    const forms = this.counts.get(key);
    let result: Expansion[] = [];
    if (forms) {
      const sorted = [...forms.entries()].sort((a, b) => b[1].count - a[1].count);
      const top = sorted[0]![1].count;
      result = sorted
        .filter(([, f]) => f.count * 5 >= top)
        .slice(0, 3)
        .map(([terms, f]) => ({ text: f.text, terms: terms.split(' '), count: f.count }))
        .filter((e) => e.terms.length >= 2);
    }
    this.cache.set(key, result);
    return result;
  }

  /** Acronyms (keys) with an expansion starting with this term, for spotting expansions typed out. */
  startingWith(term: string): Iterable<string> {
    return this.byFirst.get(term) ?? [];
  }

  /** On the hand list: read as an acronym even when typed in lower case ("moe", "rlhf"). */
  isWellKnown(word: string): boolean {
    const key = acronymKey(word);
    return key !== undefined && this.wellKnown.has(key);
  }

  /** The acronym as first written ("MoE", "K-FAC"). */
  display(key: string): string {
    return this.shortForms.get(key) ?? key.toUpperCase();
  }

  has(acronym: string): boolean {
    const key = acronymKey(acronym);
    return key !== undefined && this.counts.has(key);
  }

  get size(): number {
    return this.counts.size;
  }

  toJSON(): AcronymData {
    return [...this.counts.entries()].map(([k, forms]) => [
      this.display(k),
      [...forms.entries()].map(([words, f]) => [words, f.text, f.count] as [string, string, number]),
    ]);
  }

  static fromJSON(data: AcronymData): AcronymTable {
    const table = new AcronymTable({});
    for (const [short, forms] of data) {
      const key = acronymKey(short);
      if (!key) continue;
      table.shortForms.set(key, short);
      table.counts.set(key, new Map(forms.map(([words, text, count]) => [words, { text, count }])));
      for (const [words] of forms) table.index(key, words);
      if (key in WELL_KNOWN_KEYS) table.wellKnown.add(key);
    }
    return table;
  }
}

/** Stems of the content words: "Mixture-of-Experts" and "mixtures of experts" give the same key. */
export function expansionTerms(long: string): string[] {
  return fold(long)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !isStopWord(w))
    .map((w) => (/\d/.test(w) ? w : porterStem(w)));
}

const DEFINITION = /\(([A-Za-z][A-Za-z0-9-]{1,9})\)/g;

/** "MoE", "RLHF", "K-FAC", "ViT", "LLMs": at least two capitals, short, mostly letters. */
function looksLikeAcronym(s: string): boolean {
  const caps = s.replace(/[^A-Z]/g, '').length;
  return caps >= 2 && /^[A-Z]/.test(s) && s.length <= 10 && !/^[A-Z][a-z]{3,}/.test(s);
}

/** "K-FAC" → "kfac", "LLMs" → "llm". */
export function acronymKey(short: string): string | undefined {
  const key = fold(short).replace(/[^a-z0-9]/g, '');
  return key.length >= 2 ? key : undefined;
}

/** Schwartz & Hearst: the shortest run of words before "(SF)" whose letters spell SF, initials first. */
function longFormFor(short: string, before: string): string | undefined {
  const words = before.trimEnd().split(/\s+/);
  const letters = short.toLowerCase().replace(/[^a-z0-9]/g, '');
  const maxWords = Math.min(letters.length + 5, letters.length * 2);
  const candidate = words.slice(-maxWords).join(' ');
  let s = short.length - 1;
  let l = candidate.length - 1;
  const lower = candidate.toLowerCase();
  const shortLower = short.toLowerCase();
  while (s >= 0) {
    const c = shortLower[s]!;
    if (!/[a-z0-9]/.test(c)) {
      s--;
      continue;
    }
    while (l >= 0 && (lower[l] !== c || (s === 0 && l > 0 && /[a-z0-9]/.test(lower[l - 1]!)))) l--;
    if (l < 0) return undefined;
    l--;
    s--;
  }
  const start = candidate.lastIndexOf(' ', l) + 1;
  const long = candidate
    .slice(start)
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .trim();
  const longWords = long.split(/[\s-]+/).filter((w) => w && !isStopWord(w.toLowerCase()));
  // Each content word should start with one of the acronym's letters; reject "the (TM)"-like accidents.
  if (longWords.length < 2 || longWords.length > letters.length + 1) return undefined;
  if (long.length <= short.length) return undefined;
  const initials = longWords.filter((w) => letters.includes(w[0]!.toLowerCase())).length;
  if (initials < longWords.length - 1) return undefined;
  if (/[(),;:.]/.test(long)) return undefined;
  return long;
}
