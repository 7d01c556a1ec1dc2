// Whether the title should lead a TL;DR ("Title: sentence"), decided by the words it would add.

import { STOP_WORDS } from '../text/stop-words.js';
import { capitalize, cleanText, wordCount, words } from './text.js';

/** Titles longer than this are not fused: the TL;DR would turn into a wall of words. */
const MAX_TITLE_WORDS = 20;
/** Title words that name no topic: a sentence naming every other title word is never led by the title. */
const TITLE_FILLER = STOP_WORDS.titleTopic;
/**
 * The length of the reference TL;DR in the F-measure the lead is judged by. Longer than the ranker's 20 words: the
 * title's words are each likelier to be in a reference than the sentence's, and SciTLDR's references run long.
 * Tuned on SciTLDR train with TITLE_WORD_UNSEEN (dev ROUGE-1 +0.31 ± 0.13 over the coverage rule it replaced).
 */
export const LEAD_TARGET_WORDS = 30;
/** The chance that a title word the abstract never uses is in the TL;DR: the word model has not scored it. */
export const TITLE_WORD_UNSEEN = 0.1;
/** The same for a word of the sentence the word model did not score (a method name fused in from the title). */
const SENTENCE_WORD_UNSEEN = 0.2;

/** The title as shown in a TL;DR: LaTeX unwrapped (only when there is some: cleanText is the costly part). */
export function tidyTitle(title: string): string {
  const text = /[\\${}\n^_~]/.test(title) ? cleanText(title) : title.replace(/\s+/g, ' ').trim();
  return text.replace(/[\s.;:,]+$/, '');
}

/** P(word in the TL;DR) as the word model scored it for this abstract; undefined for a word it did not score. */
export type WordChance = (word: string) => number | undefined;

/**
 * What may lead a TL;DR: the title, and for "SVDD: Fine-Tuning Diffusion Models via…" also its head ("SVDD") and
 * its tail on their own: the words the sentence lacks are sometimes all in one of them.
 */
export function titleForms(clean: string): string[] {
  const colon = clean.indexOf(': ');
  if (colon <= 0) return [clean];
  const head = clean.slice(0, colon).trim();
  const tail = capitalize(clean.slice(colon + 2).trim());
  return head && tail && /[\p{L}\p{N}]/u.test(head) && /[\p{L}\p{N}]/u.test(tail)
    ? [clean, head, tail]
    : [clean];
}

/**
 * The TL;DR led by the title (or the head or tail of a title with a colon) when that raises its expected ROUGE-1
 * F-measure; the sentence as is otherwise.
 *
 * With E the expected number of the sentence's words in the reference (the word model's probabilities, each
 * distinct word once), n its length, and D and t the same for the title words it lacks and the title's length,
 * F = 2E / (n + T) without the title and 2(E + D) / (n + t + T) with it: the title leads when D / t > E / (n + T),
 * when its words are likelier to be in the reference than the sentence's are on average, and of the title's forms
 * the one raising F most leads. This replaced a fixed share of the title's topic words the sentence had to name,
 * which led a title of common words as readily as one naming the method.
 */
export function leadWithTitle(
  sentence: string,
  title: string | undefined,
  chance: WordChance,
  max: number,
): string {
  if (!title || !sentence) return sentence;
  const clean = tidyTitle(title);
  if (!/[\p{L}\p{N}]/u.test(clean)) return sentence;
  return leadWith(sentence, titleForms(clean), chance, max);
}

/**
 * The sentence led by the form that raises its expected ROUGE-1 F-measure most (see leadWithTitle), or as is when
 * none raises it.
 */
function leadWith(sentence: string, forms: readonly string[], chance: WordChance, max: number): string {
  const sentenceWords = words(sentence);
  const said = new Set(sentenceWords);
  const room = max - wordCount(sentence);
  let expected = 0;
  for (const w of said) expected += chance(w) ?? SENTENCE_WORD_UNSEEN;
  const n = sentenceWords.length + LEAD_TARGET_WORDS;
  const alone = expected / n;
  let best = '';
  let bestF = alone;
  for (const form of forms) {
    const length = wordCount(form);
    if (length > MAX_TITLE_WORDS || length > room) continue;
    const formWords = words(form);
    // A sentence naming every topic word of the form says it already: repeating it reads badly.
    if (formWords.every((w) => said.has(w) || TITLE_FILLER.has(w))) continue;
    let added = 0;
    const counted = new Set<string>();
    for (const w of formWords) {
      if (said.has(w) || counted.has(w)) continue;
      counted.add(w);
      added += chance(w) ?? TITLE_WORD_UNSEEN;
    }
    const f = (expected + added) / (n + formWords.length);
    if (f > bestF) {
      best = form;
      bestF = f;
    }
  }
  if (!best) return sentence;
  const joint = /[?!]$/.test(best) ? ' ' : best.includes(':') ? ' — ' : ': ';
  return `${best}${joint}${sentence}`;
}

/** "(V-RIN)", "(DNNs)", "(BatchNorm)": an abbreviation in brackets, with at least two capitals. */
const ABBREVIATION = /\(([\p{L}][\p{L}\p{N}-]{1,14})\)/gu;

/**
 * The words an abbreviation stands for, from the text before it ("…a variational-recurrent imputation network" +
 * "V-RIN"), by Schwartz and Hearst's rule: the abbreviation's letters are found right to left in the text, its
 * first letter at a word's start, within min(|letters| + 5, 2|letters|) words. Undefined when they are not there.
 */
export function longForm(before: string, abbreviation: string): string | undefined {
  const short = abbreviation.replace(/s$/, '').toLowerCase();
  const letters = short.replace(/[^a-z0-9]/g, '');
  if (letters.length < 2 || (abbreviation.match(/\p{Lu}/gu)?.length ?? 0) < 2) return undefined;
  const tokens = before.trim().split(/\s+/);
  const span = Math.min(letters.length + 5, letters.length * 2);
  const text = tokens.slice(Math.max(0, tokens.length - span)).join(' ');
  const lower = text.toLowerCase();
  let l = lower.length - 1;
  for (let s = short.length - 1; s >= 0; s--) {
    const c = short[s] as string;
    if (!/[a-z0-9]/.test(c)) continue;
    while (l >= 0 && (lower[l] !== c || (s === 0 && l > 0 && /[a-z0-9]/.test(lower[l - 1] as string)))) l--;
    if (l < 0) return undefined;
    l--;
  }
  const form = text.slice(text.lastIndexOf(' ', l + 1) + 1).trim();
  // A long form spans no clause or bracket, and has more than one word.
  if (/[,;:.()[\]]/.test(form) || !form.includes(' ')) return undefined;
  // "TNet with a ResNet-18 encoder (TNet)": a name's letters found in the name itself spell out nothing.
  if (form.toLowerCase().includes(short)) return undefined;
  return form;
}

/**
 * What may lead a TL;DR when there is no title: the terms the abstract defines ("deep neural networks (DNNs)",
 * "variational-recurrent imputation network (V-RIN)"), each spelled out. A title names the paper's topic in its
 * own words; a defined term is the abstract's nearest stand-in that reads as one.
 */
export function definedTerms(sentences: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const s of sentences) {
    if (!s.includes('(')) continue;
    for (const m of s.matchAll(ABBREVIATION)) {
      const form = longForm(s.slice(0, m.index), m[1] as string);
      const key = form?.toLowerCase();
      if (form && key && !seen.has(key)) {
        seen.add(key);
        out.push(form);
      }
    }
  }
  return out;
}

/** Words that end an abstract's opening subject: its verb, or an adverb before it. */
const SUBJECT_END = new Set(
  (
    'is are was were has have had can could may might will would should must been become becomes remain remains ' +
    'play plays show shows achieve achieved enable enables require requires suffer suffers rely relies allow ' +
    'allows provide provides offer offers often typically usually commonly generally recently increasingly ' +
    'still also already'
  ).split(' '),
);
/** Function words a topic may hold ("robustness of neural networks", "learning with noisy labels"). */
const SUBJECT_INNER = new Set(['of', 'for', 'and', 'in', 'on', 'with']);
/** Qualifiers that date or rank the topic rather than name it: "Recent", "Existing", "Standard"… */
const QUALIFIER = new Set(
  'recent existing current modern standard traditional conventional typical many most several popular prior previous contemporary some numerous various state-of-the-art'.split(
    ' ',
  ),
);
/**
 * "Although Multimodal Large Language Models have…" (arXiv sample): a concession's subject is still the topic, its
 * conjunction is not part of it.
 */
const SUBORDINATOR = new Set('although though while whilst whereas since because as when if even'.split(' '));
/**
 * "Recent advances in deep learning", "Existing methods for AI-generated artworks": nouns that only frame the
 * topic after them.
 */
const FRAME =
  /^(?:advances|advancements|progress|success(?:es)?|developments?|research|work|studies|breakthroughs|(?:empirical )?results|methods|approaches|techniques) (?:in|of|on|for|to) /i;
/** Longest opening subject taken as a topic, in words. */
const MAX_SUBJECT_WORDS = 6;

/**
 * "Deep neural networks are vulnerable to…", "Mixed precision training is becoming…": the topic an abstract opens
 * with, as its first sentence's subject (the words before its verb), when that is a plain phrase of 2–6 words with
 * no determiner, pronoun, comma or bracket; undefined otherwise. Titles name this topic more often than not.
 */
export function openingTopic(sentence: string): string | undefined {
  const taken: string[] = [];
  let verb = false;
  for (const token of sentence.split(/\s+/)) {
    const w = token.toLowerCase().replace(/[^\p{L}\p{N}-]/gu, '');
    if (SUBJECT_END.has(w)) {
      verb = true;
      break;
    }
    if (/[,;:.?!()[\]"“”]/.test(token) || !w || (STOP_WORDS.search.has(w) && !SUBJECT_INNER.has(w)))
      return undefined;
    taken.push(token);
    if (taken.length > MAX_SUBJECT_WORDS + 2) return undefined;
  }
  // No verb known to end it ("Große Sprachmodelle sind teuer."): no subject is told apart.
  if (!verb) return undefined;
  if (taken.length > 0 && SUBORDINATOR.has((taken[0] as string).toLowerCase())) taken.shift();
  while (taken.length > 0 && QUALIFIER.has((taken[0] as string).toLowerCase())) taken.shift();
  let topic = taken.join(' ').replace(FRAME, '');
  while (/ (?:of|for|and|in|on|with)$/i.test(topic)) topic = topic.replace(/ \S+$/, '');
  const length = topic.split(' ').length;
  return length >= 2 && length <= MAX_SUBJECT_WORDS ? topic : undefined;
}

/**
 * The TL;DR of an abstract without a title led by a term the abstract defines (definedTerms) or the topic it opens
 * with (openingTopic), when that raises its expected ROUGE-1 F-measure as leadWithTitle judges a title; the sentence
 * as is otherwise. Every word is the abstract's.
 */
export function leadWithTerm(
  sentence: string,
  sentences: readonly string[],
  chance: WordChance,
  max: number,
): string {
  if (!sentence) return sentence;
  const lower = sentence.toLowerCase();
  const topic = sentences[0] === undefined ? undefined : openingTopic(sentences[0]);
  const terms = definedTerms(sentences);
  if (topic && !terms.some((t) => t.toLowerCase() === topic.toLowerCase())) terms.push(topic);
  const forms = terms.filter((t) => !lower.includes(t.toLowerCase())).map(capitalize);
  return forms.length === 0 ? sentence : leadWith(sentence, forms, chance, max);
}

/** The TL;DR without a leading title, for views that show the title next to it already. */
export function withoutTitleLead(tldr: string, title: string): string {
  const clean = tidyTitle(title);
  if (!clean) return tldr;
  for (const form of titleForms(clean)) {
    if (!tldr.startsWith(form)) continue;
    // Only as leadWithTitle joins them: "SVDD integrates…" starts with a title's head but is not led by it.
    const joint = (/[?!]$/.test(form) ? /^\s+/ : /^(?::|\s—)\s+/).exec(tldr.slice(form.length));
    const rest = joint ? tldr.slice(form.length + joint[0].length) : '';
    if (rest.length > 0) return rest;
  }
  return tldr;
}
