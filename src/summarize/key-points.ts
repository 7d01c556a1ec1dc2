// Key points: 2–4 short bullets (problem, method, main result, code link) picked and trimmed from the abstract.

import {
  cutPoints,
  dropParentheticals,
  endsOpen,
  finish,
  stripLeadIn,
  type Variant,
  variants,
} from './compress.js';
import { fuseName } from './contribution.js';
import { ANAPHORA, PRONOUN_START } from './cues.js';
import type { Analysis } from './engine.js';
import { words } from './text.js';

/** Bullets longer than this are trimmed at a clause when the sentence allows it. */
const BULLET_WORDS = 28;

/** Words that name a problem (one group, so PROBLEM_OR_CONTRAST can share it). */
const PROBLEM_WORDS = String.raw`(?:problems?|challeng\w*|difficult\w*|limited|limitations?|suffers?|lacks?|lacking|remains?|costly|expensive|bottlenecks?|fail\w*|struggles?|unclear|open question|gaps?|issues?|hard|hinders?|prohibitive|scarce|unreliable|vulnerable|inefficient|poorly|ignore[sd]?|overlook\w*|unexplored|understudied|requires?|concerns?|drawbacks?|shortcomings?|obstacles?|barriers?|impractical|insufficient|inadequate|brittle|fall short|error-prone|neglect\w*|(?:critical|urgent|pressing|growing|clear) need|hamper\w*|hindered|hindering|limiting|risks?|hallucinat\w*|scarcity|absence|excessive|burden\w*|rais\w+ (?:\w+ )?questions|rel(?:y|ies|ying) (?:heavily |solely |mainly |primarily )?on)`;
export const PROBLEM = new RegExp(`\\b${PROBLEM_WORDS}\\b`, 'gi');
/**
 * "However," marks a contrast, often the gap, but states no problem itself ("However, the broader field … can more
 * effectively utilize…"): it only breaks ties between sentences that state one.
 */
const HOWEVER = /^\W*however\b/i;
/**
 * A contrast inside the sentence ("impressive capabilities but often hallucinate"): the clause after it is the gap.
 * Scanned with the problem words: a match of the first group is a contrast, an opening "However" or one inside.
 * One word boundary either side of both (rather than one pair per alternative) scans a sixth faster, alike.
 */
export const PROBLEM_OR_CONTRAST = new RegExp(
  `\\b(?:(but|yet|despite|although|though|whereas|nevertheless|nonetheless|however)|${PROBLEM_WORDS})\\b`,
  'gi',
);
/** "…are not yet well-developed", "cannot": a negation, which turns "However, X" into a gap. */
const NEGATION = /\b(?:not|no|cannot|never|rarely|seldom|unable|neither|nor)\b/i;
/** "has solved various problems", "a wide range of problems": problems solved, not the one the paper faces. */
const SOLVED_PROBLEMS =
  /\b(?:solv\w*|tackl\w*|applied to|various|many|several|numerous|diverse|different|range of|variety of|class(?:es)? of|kinds? of|types? of)(?: [\w-]+)? problems\b/gi;
/**
 * "Existing methods for achieving this goal often require…": the phrase pointing back is a detail of the subject;
 * without it the sentence stands on its own and still states the problem.
 */
const BACK_REFERENCE =
  /,? (?:for|to|in|towards?) (?:\w+ing )?(?:this|these|that|such|the above) (?:goals?|problems?|tasks?|purposes?|challenges?|issues?|settings?|ends?|questions?)\b,?/i;
const METHOD =
  /\b(?:we|this (?:paper|work|study|article|survey|review)|the (?:paper|authors))\s+(?:\w+ly\s+)?(?:propose|introduce|present|develop|design|describe|devise|formulate|offer|build|construct|train|leverage|use|combine|extend|adapt|frame|cast|model|learn|release|curate|collect|create|survey|review|examine|investigate|characterize)s?\b|(?<!\b(?:with|than|over|against|versus|vs\.) )\b(?:our|the proposed|this) (?:method|approach|model|framework|algorithm|system|technique|architecture|pipeline|benchmark|dataset)\b/i;
/** "Our model", "The proposed pipeline" (maybe after an opening phrase and a comma): the method as a subject. */
const OWN_METHOD_SUBJECT = String.raw`^(?:[^,;:]{0,60}, )?(?:our|the proposed|this|the resulting) (?:[\w-]+ )?(?:method|approach|model|framework|algorithm|system|technique|architecture|pipeline|agent|network|policy)s? (?:\w+ly )?`;
/**
 * "Our approach significantly reduces the sub-optimality gap…", "Our model reaches a FVD of 212…": the method as the
 * subject of what it achieved, a result and not how it works.
 */
export const OWN_RESULT = new RegExp(
  `${OWN_METHOD_SUBJECT}(?:(?:also|further|consistently|has been|have been|is|are|was|were) )?(?:outperform|achieve|reach|reduce|improve|surpass|exceed|attain|match|yield|obtain|beat|deliver|demonstrate|show|boost|set|establish|lower|cut|halve|double)(?:s|es|ed|d)?\\b`,
  'i',
);
/** "The proposed pipeline is evaluated on…", "Our method has been validated…": how it was tested, not how it works. */
export const OWN_TESTED = new RegExp(
  `${OWN_METHOD_SUBJECT}(?:has been|have been|is|are|was|were) (?:\\w+ly )?(?:validated|evaluated|tested|verified|benchmarked)\\b`,
  'i',
);
const BUILDS =
  /\bwe (?:\w+ly )?(?:propose|introduce|present|develop|design|devise|build|construct|release|curate|collect|create)\b/i;
/** OWN_METHOD_SUBJECT's subject words, tried where the subject must start (sticky). */
const OWN_SUBJECT_AT = /(?:our|the proposed|this|the resulting) /iy;
function subjectAt(s: string, at: number): boolean {
  OWN_SUBJECT_AT.lastIndex = at;
  return OWN_SUBJECT_AT.test(s);
}
/** Whether the method is the subject of a finding; its opening words are looked at before the regex runs. */
export function ownFinding(s: string, regex: RegExp): boolean {
  // The subject ("our", "this", "the proposed") opens the sentence or follows its first comma (the opening phrase
  // has none), at most 60 characters in: most sentences ("The results…", "To this end…") have it in neither place.
  if (subjectAt(s, 0)) return regex.test(s);
  const comma = s.indexOf(', ');
  if (comma < 0 || comma > 60) return false;
  return subjectAt(s, comma + 2) && regex.test(s);
}

/** "Different gradient estimations … are also compared with our method": how it was tested, not how it works. */
const COMPARED = /\b(?:are|is|were|was) (?:also |further )?(?:compared|contrasted|benchmarked)\b/i;
/**
 * How a method is put together: "…'s key idea is…", "At its core is CODREAM…". Not what a field is to another:
 * "Diffusion-based super-resolution is a key component in video generation…" (arXiv 2510.08799).
 */
export const KEY_IDEA =
  /\b(?:key idea|main idea|core idea|key (?:insight|innovation)|(?<!\b(?:is|are|as|becomes?) (?:a|the) )key component|at (?:its|the) core|the core of)\b/i;
/** What every KEY_IDEA match holds: most sentences lack all three, and this finds that at half the cost. */
export const KEY_IDEA_HINT = /idea|key |core/i;
/**
 * "consists of", "builds on": how a method works, and also how a field or a kind of system works ("The majority of
 * language model training builds on imitation learning.", "An RAG model consists of…"), which is no method bullet.
 */
const MADE_OF = /\b(?:consists of|is based on|builds on)\b/i;
const GENERIC_SUBJECT =
  /^(?:\w+, )?(?:an? |most |many |the (?:vast )?majority of )|\b(?:typically|usually|generally|commonly|largely|traditionally)\b/i;
/**
 * "Experimental results testify the advantage of our method…", "We present qualitative results…", "Extensive
 * experiments on the Action Genome dataset demonstrate…" (arXiv 2512.05524): findings.
 */
const REPORTS_RESULTS =
  /\bresults\b|\bexperiments?\b(?: [^.;:]{0,80}?)? (?:show|demonstrate|confirm|verify)/i;
/**
 * "We train and evaluate TADM-3D on the OASIS-3 dataset" (arXiv 2509.03141), "we introduce and evaluate on the HME-QA
 * dataset" (2508.01915): where the method was tested, not how it works.
 */
const EVALUATED_ON =
  /\bwe (?:\w+ly )?\w+ and (?:evaluate|test|validate|benchmark)(?![\w-])|\band (?:evaluate|test|validate|benchmark) (?:it|them|on|against)\b/i;
const NOVELTY_OVER_PRIOR = /^to (?:the best of )?our (?:best )?knowledge\b/i;
const RESULT =
  /\b(?:outperform\w*|state[- ]of[- ]the[- ]art|sota|achiev\w+|improv\w+|surpass\w*|reduc\w+|speeds? up|speed-?ups?|faster|by (?:up to |over |more than |about |around |nearly |almost |roughly |approximately |an average of )?\d+|results? (?:show|demonstrate|indicate|suggest|confirm)|experiments? (?:show|demonstrate|on|across)|evaluat\w+|empirical\w*|significantly|superior|competitive|accurac(?:y|ies)|gains?|boost\w*|matches|exceed\w*|better than|reach(?:es|ed|ing)|attain\w*|(?:higher|lower|fewer|less) than|\d[\d.,]*(?:%|x|×)?\s(?:higher|lower|fewer|less|more|smaller|larger)|we (?:show|demonstrate|find|observe|prove|verify|confirm))\b/gi;
/**
 * "We (further empirically) demonstrate the effectiveness of our method…" and "Through experiments in the Arcade
 * Learning Environment, we demonstrate…" report a finding, not how the paper works.
 */
const CLAIM =
  /^\W*(?:(?:\w+,?\s+){0,4}?|[^,;:]{0,90},\s+)we (?:(?:\w+ly|further|also|then|additionally|first|finally)\s+)*(?:show|demonstrate|find|observe|prove|verify|confirm|validate|evaluate)\b/i;
/** A measured quantity (not a list marker like "1)"): 12%, 3.5×, 0.94, 1,200, 4 points. */
const QUANTITY =
  /\d+(?:\.\d+)?\s*(?:%|×|x\b|times|points?|pp\b|dB|fold|k\b|M\b|B\b)|\b\d+\.\d+\b|\b\d[\d,]+\b/;

/**
 * Cards show a bullet in at most this many characters (CARD_LIMITS.keyPoint, label included) and cut a longer one
 * with "…": a bullet is chosen to fit, so the cut never falls inside the clause that holds its number.
 */
export const BULLET_CHARS = 200;

/**
 * A sentence about earlier work ("Prior SoTA methods either approximate…", "Existing approaches rely on…"): never the
 * paper's result, whatever words it shares with one.
 */
const PRIOR_WORK =
  /^(?:\w+, )?(?:the |most |many |some |such |these |all )?(?:prior|previous|existing|current|conventional|traditional|classical|standard|earlier|recent|popular|mainstream|state-of-the-art|sota)\b(?: [\w-]+){0,3} (?:methods?|approaches|works?|models?|techniques|algorithms|systems|studies|literature|solutions|baselines|frameworks|benchmarks|datasets|metrics|tools|pipelines|paradigms|architectures)\b/i;

/**
 * "In a seminal paper, Telgarsky highlighted…" (SciTLDR dev BJe55gBtvH): what an earlier paper found, however much
 * it reads like a result.
 */
const EARLIER_PAPER =
  /^(?:in|by) (?:a|an|the|their|his|her|one) (?:[\w-]+ )?(?:seminal|pioneering|landmark|classic|influential|celebrated|recent|previous|prior|earlier|foundational) (?:paper|work|study|article|result|line of work)s?\b/i;

/** "Through extensive experiments on 3 base models, we show that …": the finding itself is what a bullet needs. */
const FINDING_LEAD =
  /^(?:[^,;:()]{0,90}, )?we (?:\w+ly )?(?:show|demonstrate|find|observe|confirm|verify|establish) that (?=\S)/i;

/** "However, ", "Moreover, ": the tidied bullet drops them, so what follows is what the reader sees first. */
const LINKING_WORD = /^[A-Z][a-z]+,\s+/;

/** "It is hard to…", "It remains unclear whether…": an "it" that stands for nothing before it. */
const EXPLETIVE_IT =
  /^it (?:is|was|remains|has been|becomes|seems|can be|may be) (?:\w+ ){0,2}?(?:hard|difficult|challenging|unclear|not clear|possible|impossible|infeasible|intractable|expensive|costly|non-?trivial|crucial|important|essential|necessary|desirable|common|natural|easy|straightforward|known|well-known|observed|shown|believed|argued|assumed|the case|time) (?:to|that|whether|how|why|for)\b/i;

/** Opens with a pronoun that stands for something in an earlier sentence ("They fail…", "This requires…"). */
function leansOnPrevious(sentence: string): boolean {
  return PRONOUN_START.test(sentence) && !EXPLETIVE_IT.test(sentence);
}

/**
 * How many times a global regex matches, counted without building the array of matches, up to `atMost`: a caller
 * that only asks whether there is one (or two) does not scan the rest of the text.
 */
function hits(regex: RegExp, text: string, atMost = Number.POSITIVE_INFINITY): number {
  let n = 0;
  regex.lastIndex = 0;
  while (n < atMost && regex.exec(text) !== null) n++;
  return n;
}

/** The longest compression of a sentence that fits a bullet, keeping numbers when `keepNumbers`. */
export function shorten(
  sentence: string,
  keepNumbers = false,
  max = BULLET_WORDS,
  all: readonly Variant[] = variants(sentence),
  keep?: (text: string) => boolean,
): string {
  let options = all.filter((v) => v.words >= 5);
  if (options.length === 0) return all[0]?.text ?? sentence;
  // What the bullet is for (a problem bullet's problem) stays: "While recent advances in virtual try-on have
  // achieved realistic garment transfer…, its inverse task, virtual try-off." lost the clause that named it.
  if (keep?.(sentence)) {
    const kept = options.filter((v) => keep(v.text));
    if (kept.length > 0) options = kept;
  }
  const wanted =
    keepNumbers && QUANTITY.test(sentence) ? options.filter((v) => QUANTITY.test(v.text)) : options;
  const pool = wanted.length > 0 ? wanted : options;
  // Prefer dropping "In this paper, we…" and parentheses even when the whole sentence would fit.
  const tidy = pool
    .filter((v) => v.words <= max && v.text.length <= MAX_CHARS)
    .sort((a, b) => tidiness(b) - tidiness(a) || b.words - a.words);
  const pick = tidy[0] ?? pool.reduce((a, b) => (b.words < a.words ? b : a));
  return pick.text;
}

/** Longest bullet text: BULLET_CHARS less the longest label ("Problem: "). */
const MAX_CHARS = BULLET_CHARS - 9;

function fits(v: { words: number; text: string }): boolean {
  return v.words <= BULLET_WORDS && v.text.length <= MAX_CHARS;
}

/**
 * How much of a sentence's measurements a text holds: measured quantities ("2.27", "30%", "1,386"; not the "3" of
 * "3 base models"), each headline figure (a percentage, a ratio, a decimal, points) worth more than sizes and
 * counts ("10k", "7B", "1,386") so that a cut keeps "0.93 SRCC" before the "-10k" of a dataset's name.
 */
function figures(text: string): number {
  let n = 0;
  QUANTITIES.lastIndex = 0;
  for (let m = QUANTITIES.exec(text); m !== null; m = QUANTITIES.exec(text)) {
    n += HEADLINE_UNIT.test(m[0]) ? 11 : 1;
  }
  return n;
}
/** What makes a quantity a headline figure: a percentage, a ratio, points, decibels, a decimal. */
const HEADLINE_UNIT = /[%×]|\dx$|times|points?|pp$|dB|fold|\d\.\d/;
const QUANTITIES = new RegExp(QUANTITY.source, 'g');
/**
 * A version after a name ("Claude 3.7", "GPT-4.1", "Gemini 2.5", "CC BY 4.0", "Apache 2.0"): no result. The names
 * are the commonest before a bare decimal in the arXiv catalog; metric names ("FID 2.27", "AUC 0.93") stay figures.
 */
const VERSIONED =
  'GPT|ChatGPT|Gemini|Llama|LLaMA|Qwen|Claude|Sonnet|Opus|Haiku|LLaVA|Diffusion|SD|Wan|GLM|Phi|Grok|Seed|Seedream|Seedance|Flash|Pro|InternVL|Kandinsky|ERNIE|LTX|Mistral|Gemma|MedGemma|DeepSeek|Python|CUDA|BY|Apache|Section|[Vv]ersion|v';
const HEADLINE = new RegExp(
  String.raw`\d+(?:\.\d+)?\s*(?:%|×|x\b|times|points?|pp\b|dB|fold)|(?<!\b(?:${VERSIONED})[ -]?)\b\d+\.\d+\b`,
  'g',
);
const HEADLINE_ONE = new RegExp(HEADLINE.source);
const EXAMPLE = /^(?:for (?:example|instance)|e\.g\.)/i;

/**
 * A result bullet that keeps the sentence's numbers: its lead-in dropped and the parentheticals without figures
 * ("FID (2.27)" stays), then, when that is too long, the finding alone ("Through experiments on 3 base models, we
 * show that X…" → "X…"), then a compression that still holds every number. Undefined when none fits.
 */
export function withNumbers(sentence: string): string | undefined {
  const tidy = tidyFinding(sentence);
  const want = figures(tidy);
  // The first that fits with every number; else the one that fits with the most (the headline comes first).
  let best: string | undefined;
  let most = 0;
  const fitsWithAll = (text: string): boolean => {
    if (text.length > MAX_CHARS || spaces(text, BULLET_WORDS + 4) >= BULLET_WORDS + 4) return false;
    // "Evaluating 18 VLMs, we find that." (arXiv 2604.06250, cut before its list): not a bullet at all.
    if (endsOpen(text)) return false;
    const n = figures(text);
    if (n >= want) return true;
    if (n > most) {
      best = text;
      most = n;
    }
    return false;
  };
  if (fitsWithAll(tidy)) return tidy;
  const core = tidy.replace(FINDING_LEAD, '');
  if (core !== tidy && fitsWithAll(finish(core))) return finish(core);
  // Cut from the text that kept its figures: variants() would cut the form without parentheticals. A cut inside
  // the clause that holds a figure ("…, and leads." before "on a subset of ETH-XGaze by 11.6%", arXiv 2402.01555)
  // is no cut to show: the clause goes whole or stays whole.
  const points = cutPoints(tidy).filter((point) => !insideFigureClause(tidy, point));
  for (const point of [...points].reverse()) {
    const cut = finish(tidy.slice(0, point));
    if (fitsWithAll(cut)) return cut;
  }
  // The headline figure sits in the last clause (", achieving 0.93 SRCC on KADID-10k."): the detail between the
  // claim and that clause goes instead, so the cut never falls inside the clause that holds the number.
  if (hits(HEADLINE, tidy, 1) > 0) {
    for (const end of points) {
      if (hits(HEADLINE, tidy.slice(end), 1) === 0 || !/^,\s/.test(tidy.slice(end))) continue;
      // The claim's own cut points, found without the clause that goes on after it, and the comparisons after its
      // verb ("…demonstrate competitive performance against full finetuned methods").
      const head = tidy.slice(0, end);
      const starts = [...cutPoints(head), ...comparisons(head)].sort((x, y) => y - x);
      for (const start of starts) {
        const spliced = finish(tidy.slice(0, start) + tidy.slice(end));
        if (fitsWithAll(spliced)) return spliced;
      }
    }
  }
  return best;
}

/** A finding as a bullet shows it: its lead-in dropped, and its parentheticals without figures ("FID (2.27)" stays). */
function tidyFinding(sentence: string): string {
  const lead = stripLeadIn(sentence) ?? sentence;
  return finish(dropParentheticals(lead, true) ?? lead);
}

/**
 * When no cut keeps a figure whole: the finding up to the end of a clause after its first headline figure
 * ("…reduced the time spent on review per chart by 40%" before "and use of the pre-defined stopping rule…", arXiv
 * 2507.22943), the longest that fits. Taken over `other` (the bullet shorten() makes) only when it shows as many
 * figures as a card shows of that one.
 */
export function figureClause(sentence: string, other: string): string | undefined {
  const tidy = tidyFinding(sentence);
  const core = tidy.replace(FINDING_LEAD, '');
  const clause = throughFirstFigure(core !== tidy ? finish(core) : tidy);
  return clause !== undefined && figures(clause) >= figures(other.slice(0, MAX_CHARS)) ? clause : undefined;
}

/** A concession before a figure: the main clause comes after it. */
const CONCESSION = /\b(?:although|though|while|whereas|despite|even if)\b/i;

/** A clause boundary after a figure: ", ", "; ", " and ", " while ", " – ". */
const CLAUSE_END = /,\s|;\s|\s(?:and|while|whereas|but)\s|\s[–—]\s/g;

/** The text up to the end of the last clause after its first headline figure that fits a bullet; else undefined. */
function throughFirstFigure(text: string): string | undefined {
  HEADLINE.lastIndex = 0;
  const figure = HEADLINE.exec(text);
  // "Although models achieve high accuracy (up to 92%), their … scores fall below 45%": a concession's figure is
  // not the finding.
  if (figure === null || CONCESSION.test(text.slice(0, figure.index))) return undefined;
  let fit: string | undefined;
  CLAUSE_END.lastIndex = figure.index + figure[0].length;
  for (let end = CLAUSE_END.exec(text); end !== null; end = CLAUSE_END.exec(text)) {
    const cut = finish(text.slice(0, end.index));
    if (cut.length > MAX_CHARS || spaces(cut, BULLET_WORDS + 4) >= BULLET_WORDS + 4) break;
    // " and " also joins nouns ("…by 7% compared to CLIP-based and conventional models"): a cut there only right
    // after a figure ("…by 40% and use of…").
    const joins = text.charCodeAt(end.index) === 32;
    if (joins && hits(HEADLINE, text.slice(Math.max(0, end.index - 12), end.index), 1) === 0) continue;
    if (!openParen(cut) && !endsOnLink(cut)) fit = cut;
  }
  return fit;
}

/** "…, and." or "…, while.": a cut that ends on the word opening the clause it dropped. */
function endsOnLink(text: string): boolean {
  return /\b(?:and|or|but|while|whereas|with|as|than|to|of)\.$/i.test(text);
}

/** Whether a text has a bracket it does not close (a cut inside "(95% CI: …)"). */
function openParen(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
  }
  return depth > 0;
}

/** A preposition right after a cut: the cut splits a phrase inside its clause (PREPOSITION's words). */
const PHRASE_CUT =
  /\s(?:on|in|with|for|via|across|under|without|over|from|at|through|within|during|into|among)\s/y;

/**
 * Whether a cut splits the clause that holds a headline figure before its figure: "…, and leads" | "on a subset of
 * ETH-XGaze by 11.6%" shows the clause without what it reports. A cut after the clause's own figure ("…99.31%
 * overall accuracy" | "with detection…") or at a clause boundary keeps what it says.
 */
function insideFigureClause(text: string, point: number): boolean {
  PHRASE_CUT.lastIndex = point;
  if (!PHRASE_CUT.test(text)) return false;
  CLAUSE_END.lastIndex = point + 1;
  const end = CLAUSE_END.exec(text);
  if (hits(HEADLINE, text.slice(point, end === null ? text.length : end.index), 1) === 0) return false;
  let start = 0;
  CLAUSE_END.lastIndex = 0;
  for (let m = CLAUSE_END.exec(text); m !== null && m.index < point; m = CLAUSE_END.exec(text))
    start = m.index + m[0].length;
  return hits(HEADLINE, text.slice(start, point), 1) === 0;
}

/** How many spaces a text has, counted up to `atMost`: `text.split(' ').length - 1` without building the pieces. */
function spaces(text: string, atMost: number): number {
  let n = 0;
  for (let at = text.indexOf(' '); at >= 0 && n < atMost; at = text.indexOf(' ', at + 1)) n++;
  return n;
}

/** "…performance against", "…, compared to": where a comparison starts after the claim's verb. */
const COMPARISON = /\s(?:against|versus|compared (?:to|with)|relative to)\s/g;
const CLAIM_VERB =
  /\b(?:demonstrat|show|achiev|outperform|perform|yield|obtain|reach|improv|surpass|match|deliver|reduc)\w*/i;

function comparisons(head: string): number[] {
  const at: number[] = [];
  COMPARISON.lastIndex = 0;
  for (let m = COMPARISON.exec(head); m !== null; m = COMPARISON.exec(head)) {
    if (CLAIM_VERB.test(head.slice(0, m.index))) at.push(m.index);
  }
  return at;
}

/** The sentence without its lead-in and parentheticals (what shorten prefers when it fits). */
function tidied(sentence: string): string {
  const lead = stripLeadIn(sentence) ?? sentence;
  return finish(dropParentheticals(lead) ?? lead);
}

function tidiness(v: { leadIn: boolean; paren: boolean; cut: boolean }): number {
  return (v.leadIn ? 2 : 0) + (v.paren ? 1 : 0) - (v.cut ? 0.5 : 0);
}

export interface KeyPointInput {
  links?: { code?: string | undefined } | undefined;
}

/**
 * A sentence that says where something is ("We release our benchmark at https://github.com/…", "AEGIS is
 * available on https://huggingface.co/…"): the Code bullet says that, and as a bullet it shows a raw address.
 */
const AVAILABILITY =
  /\b(?:available|release[sd]?|releasing|open-?sourced?|publicly|can be found|accessible|hosted|maintain)\b[^.!?]{0,100}?(?:https?:\/\/|www\.|github\.(?:com|io)\b|huggingface\.co\b)/i;
/** "The C++ source code of our algorithm can be accessed from the website" (arXiv 2511.02397): where, with no link. */
const CODE_WHERE =
  /\bcode\b[^.;]{0,60}?\b(?:is|are|will be|can be) (?:made )?(?:publicly )?(?:available|accessed|released|found|downloaded)\b/i;
/** What every link holds: most sentences have no "/" nor "www", and this finds that fast. */
const LINK_HINT = /\/|www\./;
/**
 * An address after a sentence's stop, alone or in a clause the splitter left on ("…from arbitrary viewpoints.
 * https://exploregs.github.io", "…mapping libraries. e-boost is available at https://github.com/…").
 */
const TRAILING_LINK = /(?<=[.!?])\s+[^.!?]{0,80}?(?:https?:\/\/|www\.)\S+$/i;
/** An address inside a bullet, with the word that leads to it: " at https://…", " (https://…)". */
const INLINE_LINK =
  /\s*\((?:https?:\/\/|www\.)[^()\s]*\)|[,:]?\s+(?:at|on|from|via|in)?:?\s*(?:https?:\/\/|www\.)[^\s,;]*?(?=[,;]?\s|\.?$)/gi;

/** Whether a sentence says where its code or data is, once an address after its stop is set aside. */
function availability(sentence: string): boolean {
  return LINK_HINT.test(sentence) && AVAILABILITY.test(sentence.replace(TRAILING_LINK, ''));
}

/** A sentence without the address (and the clause holding it) after its stop. */
function withoutTrailingLink(sentence: string): string {
  return LINK_HINT.test(sentence) ? sentence.replace(TRAILING_LINK, '') : sentence;
}

/** A bullet without a raw address: one after its stop goes with its clause, one inside with its "at". */
function unlink(text: string): string {
  if (!LINK_HINT.test(text)) return text;
  const out = finish(text.replace(TRAILING_LINK, '').replace(INLINE_LINK, ''));
  return out.length > 0 ? out : text;
}

/** Up to four bullets: problem, method, result, code. Fewer when the abstract is too short to have them. */
export function keyPointsOf(analysis: Analysis, input: KeyPointInput = {}): string[] {
  const { sentences } = analysis;
  const n = sentences.length;
  const bullets: string[] = [];
  const used = new Set<number>();
  if (n > 0) {
    // The TL;DR is shown above the bullets: they add to it rather than repeat it, when the abstract allows.
    const avoid = n >= 3 && analysis.sentence >= 0 ? analysis.sentence : -1;
    const method = methodSentence(analysis, avoid);
    const anchor = method >= 0 ? method : Math.max(0, analysis.sentence);
    const pick = problemSentence(sentences, anchor, avoid);
    const problem = pick?.index ?? -1;
    for (const i of [avoid, method, problem]) if (i >= 0) used.add(i);
    const result = resultSentence(sentences, analysis.lengths, used, () => analysis.name);
    const short = (i: number, numbers = false, keep?: (text: string) => boolean) =>
      unlink(shortOf(i, numbers, keep));
    const shortOf = (i: number, numbers: boolean, keep?: (text: string) => boolean) => {
      const sentence = sentences[i] as string;
      // "…libraries. e-boost is available at https://…": compressed without the clause the splitter left on.
      const bare = withoutTrailingLink(sentence);
      if (bare !== sentence) return shorten(bare, numbers, BULLET_WORDS, variants(bare), keep);
      const known = analysis.knownVariants(i);
      // A sentence that fits fits once tidied too: only its tidied text is needed, not all its compressions.
      if (!known && (analysis.lengths[i] as number) <= BULLET_WORDS) {
        const tidy = tidied(sentence);
        if (tidy.length <= MAX_CHARS) return tidy;
      }
      const all = known ?? analysis.variantsOf(i);
      const tidy = all.find((v) => v.tidiest);
      return tidy && fits(tidy) ? tidy.text : shorten(sentence, numbers, BULLET_WORDS, all, keep);
    };
    const shortText = (text: string) => {
      const tidy = tidied(text);
      return tidy.length <= MAX_CHARS && spaces(tidy, BULLET_WORDS) < BULLET_WORDS
        ? tidy
        : shorten(text, false, BULLET_WORDS, variants(text), showsProblem);
    };
    const named = (text: string) => fuseName(text, () => analysis.name);
    if (pick) {
      const text = pick.text === undefined ? short(problem, false, showsProblem) : shortText(pick.text);
      bullets.push(`${pick.context ? 'Context' : 'Problem'}: ${text}`);
    }
    if (method >= 0) bullets.push(`Method: ${named(short(method))}`);
    if (result >= 0) {
      const sentence = withoutTrailingLink(sentences[result] as string);
      const text = QUANTITY.test(sentence) ? withNumbers(sentence) : undefined;
      const fallback = text === undefined ? short(result, true) : undefined;
      const clause =
        fallback !== undefined && HEADLINE_ONE.test(sentence) ? figureClause(sentence, fallback) : undefined;
      bullets.push(`Result: ${named(unlink(text ?? clause ?? (fallback as string)))}`);
    }
    if (bullets.length < 2 && avoid >= 0 && method < 0) {
      // Too few bullets: the TL;DR's own sentence says how, unless it would repeat the TL;DR word for word; then
      // the best-ranked sentence not shown yet adds to it (uncued, so not called the method).
      const own = short(avoid);
      let bullet: string | undefined = `Method: ${own}`;
      if (repeats(own, analysis.untitled)) {
        const other = methodSentence(analysis, avoid, { cued: false, used: new Set([...used, result]) });
        bullet = other >= 0 ? `Also: ${short(other)}` : undefined;
      }
      if (bullet) bullets.splice(problem >= 0 ? 1 : 0, 0, bullet);
    }
  }
  const code = input.links?.code;
  if (code) bullets.push(`Code: ${code}`);
  return bullets;
}

/** The best-ranked sentence (other than `avoid`) that says what the paper does or how; -1 when none does. */
function methodSentence(
  analysis: Analysis,
  avoid: number,
  { cued = true, used = new Set<number>() }: { cued?: boolean; used?: ReadonlySet<number> } = {},
): number {
  const { sentences, ranked } = analysis;
  // Candidates repeat their sentence (each compression is one): each sentence is judged once. Without `cued`
  // (the fallback), the best-ranked sentence not shown yet will do.
  // Once every sentence is judged, the rest of the candidates are compressions of judged ones.
  const judged = new Uint8Array(sentences.length);
  let left = sentences.length;
  let said: Set<string> | undefined;
  for (const c of ranked) {
    if (left === 0) break;
    if (judged[c.sentence] === 1) continue;
    judged[c.sentence] = 1;
    left--;
    if (c.sentence === avoid || used.has(c.sentence)) continue;
    const s = sentences[c.sentence] as string;
    // Cheapest and most telling first: the pronoun test is anchored at the start, and most sentences describe no
    // method, which rules them out before the claim test (it tries up to 90 characters of lead-in) is run.
    if (PRONOUN_START.test(s) || (cued && !describesMethod(s) && !namedMethod(s, analysis)) || CLAIM.test(s))
      continue;
    // "But this method leads to limitations…" (arXiv 2605.14028), "While state-of-the-art approaches …, this method
    // incurs prohibitive computational costs" (2510.14913): a turn against what came before, not the method.
    if (TURN.test(s) || (CONCEDES.test(s) && hits(PROBLEM, s, 1) > 0)) continue;
    if (ANAPHORA.test(s)) continue;
    if (availability(s) || CODE_WHERE.test(s) || OUTLOOK.test(s)) continue;
    // A TL;DR composed from two sentences ("We propose SVDD, an iterative sampling method…") holds this one already.
    said ??= new Set(words(analysis.untitled));
    if (repeats(s, said)) continue;
    return c.sentence;
  }
  return -1;
}

/**
 * "We believe that FinMMR will drive advancements…", "We hope this work will inspire…" (arXiv 2508.04625): what the
 * authors expect of the paper, which says nothing of what it does ("CASAL represents a promising step forward…",
 * 2510.02324, no more): no bullet, not even the uncued fallback's.
 */
const OUTLOOK =
  /^\W*(?:we|the authors) (?:\w+ly )?(?:believe|hope|expect|anticipate|envision|foresee|are confident|trust)\b|\b(?:represents|marks|constitutes|offers) an? (?:\w+ )?(?:promising|important|significant|meaningful|crucial) (?:step|direction|advance)\b|\b(?:will|could|may|would) (?:\w+ly )?(?:drive|pave|inspire|foster|spur|stimulate|catalyze|facilitate|encourage|open)\b/i;
/** OUTLOOK's hope alone: a result sentence may say what its method "could facilitate" as a finding. */
const HOPE =
  /^\W*(?:we|the authors) (?:\w+ly )?(?:believe|hope|expect|anticipate|envision|foresee|are confident|trust)\b/i;

/**
 * "EgoTrigger uses a lightweight audio model… to trigger image capture" (arXiv 2508.01915): the method's name as the
 * subject of how it works. The verbs say how, not what it achieved ("EgoTrigger achieves…" is a result).
 */
const NAME_DOES =
  /^(?:[A-Z][a-z]+, )?(\S+) (?:\w+ly |first |then )?(?:uses|leverages|employs|combines|consists of|comprises|builds on|learns|integrates|incorporates|relies on|adopts|couples|decomposes|encodes|treats|casts|trains|exploits|extracts|models|fuses|augments|introduces|unifies|jointly|operates|works by|is built on|is based on|first)\b/;

const TURN = /^\W*(?:but|yet|however|unfortunately|nevertheless|nonetheless)\b/i;
const CONCEDES = /^\W*(?:while|although|though|whereas)\b/i;

/** "X integrates seamlessly with…", "X works with…": what the method is compatible with. */
const WORKS_WITH = /^(?:[A-Z][a-z]+, )?\S+ (?:\w+ly )?(?:integrates|works)(?: \w+ly)? (?:with|into)\b/;

/** Whether a sentence opens with the method's name doing what it does; the name is looked for only then. */
function namedMethod(s: string, analysis: Analysis): boolean {
  const m = NAME_DOES.exec(s);
  if (m === null) return false;
  const name = analysis.name;
  if (name === undefined || m[1] !== name || REPORTS_RESULTS.test(s) || availability(s)) return false;
  // "ThinkMerge integrates seamlessly with vLLM/SGLang" (arXiv 2512.02874): what it works with, not how it works.
  return !WORKS_WITH.test(s);
}

/** Whether a sentence says what the paper does or how its method works (not what a field or prior work does). */
function describesMethod(s: string): boolean {
  // Cued first: most sentences are not, and need none of the checks that rule a cued one out.
  const cued =
    METHOD.test(s) ||
    (KEY_IDEA_HINT.test(s) && KEY_IDEA.test(s)) ||
    (MADE_OF.test(s) && !GENERIC_SUBJECT.test(s));
  if (!cued || NOVELTY_OVER_PRIOR.test(s) || REPORTS_RESULTS.test(s) || COMPARED.test(s)) return false;
  if (EVALUATED_ON.test(s)) return false;
  if (ownFinding(s, OWN_RESULT) || ownFinding(s, OWN_TESTED)) return false;
  // "In online experiments, …yields an estimated +2.7% lift": a figure with a result cue is a finding, unless the
  // sentence says what the paper builds ("we introduce X, comprising 292 test cases…").
  return !(QUANTITY.test(s) && !BUILDS.test(s) && hits(RESULT, s, 1) > 0);
}

/** Share of a bullet's words the TL;DR shows already, from which the bullet would only repeat it. */
const REPEATS = 0.7;

/** Whether a bullet would say little the TL;DR does not say already. */
function repeats(text: string, tldr: string | ReadonlySet<string>): boolean {
  const said = typeof tldr === 'string' ? new Set(words(tldr)) : tldr;
  const own = words(text);
  let shared = 0;
  for (const w of own) if (said.has(w)) shared++;
  return shared >= REPEATS * own.length;
}

/** Whether a text names a problem or turns against what came before: what a problem bullet must keep. */
function statesProblem(text: string): boolean {
  return hits(PROBLEM, text, 1) > 0 || CONTRAST.test(text) || text.endsWith('?');
}
/**
 * Whether a bullet shows its problem before a card cuts it ("…"): a longer one that states it only after the cut
 * reads no better than a shorter one that leaves it out.
 */
function showsProblem(text: string): boolean {
  return statesProblem(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text);
}
/** A contrast inside a sentence; an opening "However," is not one (the bullet drops it, see HOWEVER). */
const CONTRAST = /\b(?:but|yet|despite|although|though|whereas|nevertheless|nonetheless)\b|, however\b/i;

/** The sentence that states the problem (its text when a phrase pointing back was dropped), or the context. */
interface ProblemPick {
  index: number;
  /** The sentence without the phrase that pointed back ("for achieving this goal"), when one was dropped. */
  text?: string | undefined;
  /** No sentence names a problem: the opening sentence gives the context instead, and says so. */
  context: boolean;
}

/** The sentence before the method that best states the problem or the gap (not a claim of the paper). */
function problemSentence(
  sentences: readonly string[],
  anchor: number,
  avoid: number,
): ProblemPick | undefined {
  let best = -1;
  let bestHits = 0;
  let bestText: string | undefined;
  const end = Math.min(Math.max(anchor, avoid), sentences.length);
  for (let i = 0; i < end; i++) {
    let s = sentences[i] as string;
    // The method's own sentence, when the TL;DR's comes after it (arXiv 2510.14913 showed one sentence twice).
    if (i === avoid || i === anchor) continue;
    // A sentence states a problem when it names one, asks a question, or turns against what came before with a
    // contrast in it ("…but often hallucinate") or a negation ("However, … are not yet well-developed"). An opening
    // "However," alone states none: the bullet drops it and the rest may say something good.
    // One scan finds the problem words and the contrasts.
    let named = 0;
    let contrast = false;
    let however = false;
    PROBLEM_OR_CONTRAST.lastIndex = 0;
    for (let m = PROBLEM_OR_CONTRAST.exec(s); m !== null; m = PROBLEM_OR_CONTRAST.exec(s)) {
      if (m[1] === undefined) named++;
      else if ((m[1] as string).toLowerCase() !== 'however') contrast = true;
      else if (m.index < 3 && HOWEVER.test(s)) however = true;
      // ", however," inside: a contrast; "; however," starts a new clause, which a cut may drop.
      else if (s.charCodeAt(m.index - 2) === 44) contrast = true;
    }
    if (named > 0 && s.includes('problems')) named = Math.max(0, named - hits(SOLVED_PROBLEMS, s));
    const question = s.endsWith('?') ? 1 : 0;
    const base = named + question + (i === 0 ? 0.25 : 0);
    // The checks below only ever rule a sentence out or add at most 1: one that cannot win is not checked.
    if (base + 1 <= bestHits) continue;
    // What existing methods do, before the paper's own, is the gap it starts from ("Existing … are built on…").
    const prior = PRIOR_WORK.test(s);
    if (named === 0 && question === 0 && !contrast && !prior && !(however && NEGATION.test(s))) continue;
    // A bullet is read on its own: "…should address these limitations" names a problem the reader never saw.
    if (/\b(?:we|our)\b/i.test(s) || leansOnPrevious(s)) continue;
    let h = base + (contrast || however ? 0.5 : 0) + (prior ? 0.5 : 0);
    if (h <= bestHits) continue;
    let text: string | undefined;
    if (ANAPHORA.test(s)) {
      // "Existing methods for achieving this goal often require…" reads on its own without the pointer.
      const detached = s.replace(BACK_REFERENCE, '');
      if (detached === s || ANAPHORA.test(detached) || hits(PROBLEM, detached, 1) === 0) continue;
      s = detached;
      text = detached;
    }
    // "However, they fail…" shows as "They fail…": taken only when it states the problem clearly better.
    const unlinked = s.replace(LINKING_WORD, '');
    if (unlinked !== s && leansOnPrevious(unlinked)) h -= 1;
    if (h > bestHits) {
      best = i;
      bestHits = h;
      bestText = text;
    }
  }
  if (best >= 0) return { index: best, text: bestText, context: false };
  // No problem named: the opening sentence still gives the context, when it is not a claim.
  if (
    end > 0 &&
    sentences.length >= 3 &&
    !/\b(?:we|our)\b/i.test(sentences[0] as string) &&
    !leansOnPrevious(sentences[0] as string) &&
    avoid !== 0 &&
    anchor !== 0
  ) {
    return { index: 0, context: true };
  }
  return undefined;
}

/**
 * "This approach achieved 80.56%…", "This 9.26 MB model achieved…", "These contributions improve…": the demonstrative
 * stands for the paper's own method, which the reader knows from the TL;DR above.
 */
const POINTING_OPENER = /^(?:[A-Z][a-z]+,\s+)?(?:these|this|such|those|both)\b/i;
const OWN_DEMONSTRATIVE =
  /^(?:[A-Z][a-z]+,\s+)?(?:this|these) (?:[\w.-]+ ){0,3}?(?:method|approach|model|framework|system|pipeline|technique|architecture|algorithm|strategy|design|work|contributions?)s?\b/i;
/**
 * "Together, these improvements lead to a 5-100x speedup…", "This variant … achieves over 2× training speedup"
 * (arXiv 2508.01170, 2508.01219): the paper's own parts, a result when they carry a headline figure.
 */
const OWN_PARTS =
  /^(?:[A-Z][a-z]+,\s+)?(?:this|these) (?:[\w.-]+ ){0,3}?(?:improvements?|variant|innovations?|components?|modifications?|enhancements?)\b/i;

/**
 * Whether an example is the paper's own finding: "For example, on PixArt-α … we reduce…", "For example, it achieves
 * a 16.45% improvement…", "For example, on GenVideo, D3 outperforms the previous best method by 10.39%" (arXiv
 * 2508.00701, the method named).
 */
function ownExample(s: string, nameOf: () => string | undefined): boolean {
  if (/\b(?:we|our)\b|^\W*(?:for (?:example|instance)|e\.g\.),? (?:it|the proposed)\b/i.test(s)) return true;
  const name = nameOf();
  return name !== undefined && s.includes(name);
}

/** A sentence reporting what was found, numbers first, later sentences preferred. */
function resultSentence(
  sentences: readonly string[],
  lengths: readonly number[],
  used: ReadonlySet<number>,
  nameOf: () => string | undefined = () => undefined,
): number {
  let best = -1;
  let bestScore = 0;
  sentences.forEach((s, i) => {
    // "It runs 3x faster" follows the method bullet well; "These include…" leans on a sentence not shown.
    if (used.has(i)) return;
    // "…, our approach yields more coherent and reliable edits than…": the method as the subject of its finding.
    // Counted up to two: more would count no further below.
    let cues = hits(RESULT, s, 2);
    if (cues < 2 && ownFinding(s, OWN_RESULT)) cues++;
    if (cues === 0) return;
    // Cues count up to two: the sentence with the headline figure beats a longer one piling up "state-of-the-art",
    // "surpassing", "significantly".
    const rest = Math.min(cues, 2) + i / Math.max(1, sentences.length) - (lengths[i] ?? 0) / 80;
    // The checks below only rule a sentence out or add at most 2: one that cannot win is not checked.
    if (rest + 2 <= bestScore) return;
    // "Remarkably, this achievement…" shows as "This achievement…".
    if (POINTING_OPENER.test(s) && !OWN_DEMONSTRATIVE.test(s) && !(OWN_PARTS.test(s) && HEADLINE_ONE.test(s)))
      return;
    // "For example, Company X's market share grew by 2%…" illustrates; "For example, on PixArt-α … we reduce
    // computational cost by 54%" is the paper's own finding.
    if ((EXAMPLE.test(s) && !ownExample(s, nameOf)) || PRIOR_WORK.test(s) || EARLIER_PAPER.test(s)) return;
    // "We believe our model also conforms to the scaling law…" (arXiv 2605.14028): a hope, not a finding.
    if (HOPE.test(s)) return;
    if (availability(s)) return;
    const score = rest + (QUANTITY.test(s) ? (HEADLINE_ONE.test(s) ? 2 : 0.5) : 0);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}
