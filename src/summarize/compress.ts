// Light, meaning-preserving compressions of one sentence: lead-ins, parentheticals and trailing clauses.
import { POINTING_OPENERS } from './cues.js';
import { capitalize, wordCount } from './text.js';

export interface Variant {
  text: string;
  /** "In this paper, we propose…" became "We propose…". */
  leadIn: boolean;
  /** Parenthetical remarks were dropped. */
  paren: boolean;
  /** A trailing clause was dropped. */
  cut: boolean;
  words: number;
  /** Its lower-cased words, when they were known without tokenising the text again (ASCII sentences). */
  tokens?: string[] | undefined;
  /** The sentence with its lead-in and parentheticals dropped and nothing cut: what a key point shows when it fits. */
  tidiest?: boolean;
}

const DOCUMENT =
  '(?:paper|work|study|note|article|letter|manuscript|thesis|report|submission|research|contribution|chapter|abstract|position paper|short paper|technical report)';

/** "In this paper, " and friends: always safe to drop. */
const LEAD_DOCUMENT = new RegExp(
  `^(?:in|within|throughout|with) (?:this|the present|our|the current|this short) ${DOCUMENT}(?:\\s*,\\s*|\\s+)`,
  'i',
);

/** "We address this problem in this paper by…": the document reference inside a sentence. */
export const MID_DOCUMENT = new RegExp(
  `(?:,\\s(?:in|within|throughout) (?:this|the present|our) ${DOCUMENT},(?=\\s)|(?<=\\w) (?:in|within|throughout) (?:this|the present|our) ${DOCUMENT}(?=[ .;]))`,
  'gi',
);
/**
 * What every MID_DOCUMENT match holds, without its lookbehind: that one is tried at every space of every sentence,
 * while this fails fast on most, so MID_DOCUMENT runs only where it can match (about one sentence in 25). "within"
 * ends with "in": leaving it out of the hint finds the same sentences at less than half the cost.
 */
export const MID_DOCUMENT_HINT = /(?:in|throughout) (?:this|the present|our) /i;

/** Sentence adverbs that only link to the previous sentence; dropped when a comma (or "we") follows. */
const LEAD_ADVERB = new RegExp(
  '^(?:here|herein|hence|thus|therefore|consequently|accordingly|specifically|concretely|in particular|particularly|' +
    'in addition|additionally|moreover|furthermore|further|finally|lastly|also|besides|instead|however|' +
    'nevertheless|nonetheless|importantly|more importantly|notably|interestingly|surprisingly|remarkably|crucially|' +
    'overall|in summary|in short|in sum|to summarize|to sum up|in conclusion|first|firstly|second|secondly|third|' +
    'thirdly|next|then|empirically|experimentally|theoretically|practically|technically|formally|intuitively|' +
    'as a result|in practice|in contrast|by contrast|on the other hand|at the same time|to this end|to that end|' +
    'for this purpose|in this (?:context|setting|regard|sense|way|manner|direction)|in doing so|as such|' +
    'in turn|in fact|indeed|ultimately|altogether|essentially|simultaneously|meanwhile|subsequently|' +
    'on top of (?:this|that)|beyond (?:this|that)|with this in mind|towards this goal|toward this goal|' +
    // The openers that point back (shared with LEANING_OPENER), with up to two words of what they point at.
    `(?:${POINTING_OPENERS})(?: \\w+){0,2}|` +
    // Links that only restate, narrow or continue what came before (SciTLDR train: "More specifically, we show…",
    // "In other words, …", "Thereby, we…"). Not "to our knowledge": "we are the first to…" would then overreach.
    'for example|for instance|more (?:specifically|concretely|precisely|formally|generally|broadly)|in other words|' +
    'that is|similarly|likewise|again|afterwards|thereby|unfortunately|quantitatively|qualitatively|' +
    'along (?:this|these|the same) lines?|in response|with that|as a (?:byproduct|by-product|side effect)|' +
    // Links to a problem, a list or a motivation said before (arXiv 2508.04422 "As a solution, we propose…",
    // 2508.00757 "With a similar motivation, …", 2508.08700 "Among these, …", 2508.09886 "Considering this, …").
    'with (?:a |the )?similar (?:motivation|goal|aim|idea|spirit)|among others|so|' +
    '(?:integrating|combining|unifying) (?:these|this|both|them|all)(?: \\w+){0,2}|' +
    '(?:advancing|continuing|extending|following) (?:this|these|that) (?:line|direction|thread)s?(?: of \\w+)?)' +
    '(?:\\s*,\\s*|\\s+(?=we\\b))',
  'i',
);

/**
 * Who a dropped opener leaves as the subject: the authors or their work, whose claim then opens the TL;DR. Not "our
 * understanding" and the like: "While X, our understanding is limited" is background that needs its concession.
 */
const CLAIM_SUBJECT_WORDS =
  '(?:we|our(?! (?:understanding|knowledge|intuition|ability|society|world|lives|daily))|the proposed|this (?:paper|work|study|article))\\s';
export const CLAIM_SUBJECT = new RegExp(`^${CLAIM_SUBJECT_WORDS}`, 'i');

/**
 * Openers of purpose, motivation or contrast before a claim's subject (CLAIM_SUBJECT_WORDS: "we", "this paper",
 * "our …"): dropping them keeps the main claim true. Scope openers ("For linear networks, we show…", "If…",
 * "When…") are never dropped: the claim would overreach. Nor is a hedge ("To our knowledge, we are the first…").
 * Up to three of them may stand in a row ("Motivated by these findings, and inspired by biology, we…", "Building
 * on this insight, and to reduce cost, we…"): one dropped alone left "And inspired by biology, we…". Each may run to
 * 150 characters: "Motivated by the flexibility of biological neural networks whose connectivity structure changes
 * significantly during their lifetime, we introduce…" (SciTLDR dev rJl_7mtULB, 129) stayed whole at 110 and was the
 * TL;DR (contrib-tldr: abstract only 77 % → 79 %, cards 82 % → 83 %; dev ROUGE-1 +0.01 ± 0.01).
 */
const LEAD_CLAUSE = new RegExp(
  String.raw`^(?:(?:and\s+)?(?:to(?! (?:our|the best of our|my) knowledge\b| date\b)|in order to|motivated by|inspired by|building (?:on|upon)|based on (?:this|these|that|our|such|the above|the (?:(?:above|proposed|previous|preceding) )?(?:analys[ie]s|observations?|findings?|insights?|paradigm|theory|results?))|given (?:this|these|that|such|our)|unlike|in contrast to|contrary to|instead of|toward|towards|although|though|while|whereas|despite|in spite of|in light of|following|leveraging|drawing (?:on|from)|with the (?:aim|goal) of|aiming to|as opposed to|going beyond|beyond|as an alternative to|in addition to|apart from|aside from|besides)\b[^,;:()]{0,150},\s*){1,3}(?:(?:in|within) (?:this|the present|our) (?:paper|work|study|article)\s*,?\s+|here,?\s+)?(?=${CLAIM_SUBJECT_WORDS})`,
  'i',
);

/** A short opener before ", we …" (or "our …", "the proposed …"): judged by dropOpener. */
export const OPENER = /^([^,;:()]{2,100}),\s*/;
/** Most words an opener dropped by dropOpener may have: longer ones carry content of their own. */
const OPENER_WORDS = 12;
/**
 * Openers that limit where the claim holds ("For linear networks", "If the data are separable", "In this case",
 * "Under mild assumptions", "Without pixel-level labels"): dropping them would make the claim overreach.
 */
const SCOPE_OPENER =
  /^(?:for|if|when|whenever|unless|assuming|provided|given that|as long as|once|only|except|without|in (?:this|that|such|these|those|each|either|both|the) (?:special |general )?cases?|under|to (?:our|the best of our) knowledge|in (?:the )?(?:limit|regime)|at (?:least|most))\b/i;
/**
 * An opener that points at a problem, an observation or the document itself, all said elsewhere ("In response to
 * these challenges", "With this insight", "Realizing such a limitation", "In this preliminary work"): it tells the
 * reader nothing without that sentence, and the claim after it stands alone. Not one that points at the means
 * ("Using this dataset, we evaluate…", "Using these techniques, we explored…"): those open follow-up steps, and as
 * "We evaluate…" the ranker took them for the paper's claim (SciTLDR dev, shipped model: -0.06 ROUGE-1 abstract
 * only, train -0.03; this narrower rule: +0.00 on dev).
 */
const POINTER_OPENER =
  /\b(?:this|these|those|such|the above|(?:the )?aforementioned) (?:[\w-]+ ){0,2}?(?:challenges?|issues?|problems?|limitations?|gaps?|shortcomings?|drawbacks?|questions?|goals?|difficult(?:y|ies)|concerns?|obstacles?|deficienc(?:y|ies)|needs?|weakness(?:es)?|barriers?|bottlenecks?|threats?|demands?|trends?|observations?|findings?|insights?|motivations?|considerations?|discrepanc(?:y|ies)|phenomen(?:on|a)|contributions?|analys[ie]s|results?|experiments?|paper|work|study|survey|review|project|version|article|note)\b/i;
/**
 * An opener that says how a claim was shown, not where it holds ("In our experiments", "Through extensive
 * experiments", "With careful analysis"): the claim keeps its meaning without it. "In experiments on ImageNet" is
 * not one: the opener must end with its evidence word, so a named setting stays.
 */
const EVIDENCE_OPENER =
  /^(?:in|through|with|via|from|by|across|using)\s+(?:[\w-]+\s+){0,3}?(?:experiments?|experimentation|evaluations?|simulations?|studies|study|analys[ie]s|results|ablations?|comparisons?|investigations?)$/i;
/**
 * A topic frame ("In relation to the structure of the landscape, we study…", "With respect to X", "Regarding X"):
 * it names what the claim is about, which the claim names again. Not "in terms of": that limits a comparison.
 */
const RELATION_OPENER =
  /^(?:in relation to|with (?:respect|regard|regards) to|regarding|concerning|as (?:for|to|regards)|when it comes to)\b/i;
/** A finite verb makes the opener a clause of its own ("Since this is hard"), which LEAD_CLAUSE judges. */
const OPENER_VERB =
  /\b(?:is|are|was|were|be|been|can|could|will|would|may|might|should|must|has|have|had|does|do|did)\b/i;

/**
 * What every opener dropOpener drops needs, checked first (stripLeadIn runs it on every variant, three rounds): the
 * first comma within 100 characters, and after it an ASCII letter only if it can start "we", "our", "the…", "this…".
 */
export function mayOpen(s: string): boolean {
  const comma = s.indexOf(',');
  if (comma < 2 || comma > 100) return false;
  const next = s.charCodeAt(comma + 1) === 32 ? comma + 2 : comma + 1;
  const c = s.charCodeAt(next) | 32;
  return !(c >= 97 && c <= 122 && c !== 119 && c !== 111 && c !== 116);
}

/**
 * Drops a short verbless opener that points back, cites evidence or names a topic, before a claim by the authors:
 * "With these observations, we propose X" becomes "We propose X". Scope openers stay (SCOPE_OPENER).
 */
function dropOpener(s: string): string {
  if (!mayOpen(s)) return s;
  const m = OPENER.exec(s);
  if (m === null) return s;
  const opener = m[1] as string;
  const rest = s.slice(m[0].length);
  if (!CLAIM_SUBJECT.test(rest) || wordCount(opener, OPENER_WORDS + 1) > OPENER_WORDS) return s;
  if (SCOPE_OPENER.test(opener) || OPENER_VERB.test(opener)) return s;
  return POINTER_OPENER.test(opener) || EVIDENCE_OPENER.test(opener) || RELATION_OPENER.test(opener)
    ? rest
    : s;
}

/** Clause openers after a comma whose clause can go without changing the claim before it. */
export const CUT_AFTER_COMMA =
  /,\s+(?:which|where|whereas|while|thereby|thus|hence|allowing|enabling|making|leading|resulting|yielding|achieving|outperforming|improving|providing|giving|demonstrating|showing|suggesting|indicating|including|such as|e\.g\.|i\.e\.|as well as|especially|particularly|namely|and (?:we|it|this|they|our|thus|therefore|hence|also|then|show|demonstrate|achieve|outperform|provide|obtain|find)|without|with|based on|using|via|through|similar to|compared (?:to|with)|as opposed to|in contrast|even|since|because|so that|in order to|at (?:the|a|no|least|most|significantly)|from|by|for (?:example|instance)|e\.g|respectively|in (?:particular|addition|terms|comparison)|relative to|whose|who|when|rather than|instead of|due to|owing to|regardless)(?!\w)/gi;

/** Clause openers without a comma that start method detail ("… by learning …", "… in order to …"). */
export const CUT_BARE =
  /\s(?:by (?:using|leveraging|introducing|learning|training|combining|exploiting|adding|applying|incorporating|imposing|replacing|modeling|modelling|optimizing|enforcing|encouraging|minimizing|maximizing|designing|employing|constructing|proposing|utilizing|building|developing|casting|formulating|treating|viewing|extending|augmenting|exploring|considering|making)|in order to|so that|such that|which (?:is|are|can|allows|enables|makes|leads|results)|thereby|while (?:also|maintaining|keeping|preserving|achieving|being|retaining|requiring|using|reducing|improving)|as well as|that (?:address|addresses|overcome|overcomes|tackle|tackles|solve|solves|alleviate|alleviates|mitigate|mitigates|resolve|resolves|bridge|bridges|fill|fills) (?:this|these|such|the above|both|those))(?!\w)/gi;

/** A trailing prepositional phrase ("… on three benchmarks") may go, unless the word before needs it. */
export const PREPOSITION =
  /\s(?:on|in|with|for|via|across|under|without|over|from|at|through|within|during|into|among)\s/gi;

/** Words that take their preposition along ("based on", "interested in"): the phrase after them stays. */
export const NEEDS_PREPOSITION = new Set(
  (
    'based focus focuses rely relies depend depends interested result results consist consists deal deals cope ' +
    'act acts build builds succeed succeeds participate lies lie apply applies use uses compare compares combine ' +
    'combines replace replaces fail fails relative due able prone rise access approach respect contrast addition ' +
    'order terms light spite view place front favor favour means case instead according thanks similar related ' +
    'specific account accounts allow allows aim aims call calls search searches look looks differ differs suffer ' +
    'suffers benefit benefits derive derives stem stems arise arises originate originates engage engages interact ' +
    'interacts align aligns correlate correlates comply complies coincide coincides invest invests believe believes ' +
    'emphasis reliance dependence come comes compose composes operate operates ' +
    // "…maintaining the computational efficiency essential for clinical deployment" (arXiv 2605.25402): after its
    // noun, the adjective needs what it is essential for.
    'essential crucial necessary vital suitable sufficient responsible ' +
    // "…to follow-up, as well as from the follow-up to baseline" (arXiv 2509.03141) cut at "from" left "as well".
    'as ' +
    // "…a visual agent framework that can take in any modality" (arXiv, Orion) cut at "in" left "can take.".
    'take takes draw draws hinge hinges capitalize capitalizes'
  ).split(' '),
);

/**
 * A verb in the tail means the phrase sits inside a clause that goes on: cutting it would break the sentence.
 * Global so a search can start at the cut (lastIndex) without copying the tail.
 */
export const FINITE =
  /\b(?:is|are|was|were|be|been|being|can|could|will|would|may|might|shall|should|must|has|have|had|does|do|did|remains?|becomes?|seems?)\b/gi;

export const MIN_WORDS = 6;
/** A cut must keep at least this many words so the claim survives. */
export const MIN_CUT_WORDS = 8;

/** Words a cut may leave dangling at the end ("… and", "… the"): dropped. */
const DANGLING = new Set(['and', 'or', 'but', 'as', 'the', 'a', 'an', 'of', 'to', 'in', 'with', 'by', 'for']);
/**
 * Words a clause cannot end on ("…, which.", "…we show that.", "…which we can.", "…including."): a cut that
 * leaves one is an unfinished sentence, and is not offered at all.
 */
const OPEN_ENDINGS = new Set(
  (
    'which that than whether including such either both where whose who whom while when whereas because since ' +
    'although though if unless thus hence namely especially like between among is are was were be been being can ' +
    'could will would may might shall should must has have had do does did not we our their its this these those ' +
    'also very more most less i.e e.g ' +
    // What a colon announces: "we seek to answer: (a)…" (arXiv 2508.05880), "as follows:", "The tasks include:".
    'answer follows include includes'
  ).split(' '),
);
/** What a cut may leave at its end and is trimmed: , ; : – — - and space (by character code). */
function isTrailing(c: number): boolean {
  return c === 44 || c === 59 || c === 58 || c === 0x2013 || c === 0x2014 || c === 45 || c === 32;
}
/** What a sentence cannot open with before a space: . , ; : */
function isStrayStart(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58;
}
/** Sentence stops: . ! ? and 。！？ */
function isStop(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x3002 || c === 0xff01 || c === 0xff1f;
}
/** What may follow a stop: quotes and closing brackets (" ' ) ] ” ’). */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019;
}

/**
 * Ends a candidate cleanly: no dangling comma or "and", a final stop, a capital first letter. Written with
 * plain string scans: end-anchored regexes rescan the whole sentence on every call, and this runs per variant.
 */
export function finish(text: string): string {
  return finishCounting(text).text;
}

/** finish(), and how many words it dropped from the end ("… and" loses one). */
function finishCounting(text: string, spaced = true): { text: string; dropped: number } {
  // Through String.prototype, by character code: the candidates come in many string shapes, and method lookups
  // and one-character strings here went megamorphic (see text.ts). `spaced` false: the caller knows the text has
  // no double space (a cut of a text that has none).
  let dropped = 0;
  let t = String.prototype.trim.call(text);
  // ". In this work, we propose…": a stop left over from the sentence before (SciTLDR has 162 such sentences).
  if (isStrayStart(String.prototype.charCodeAt.call(t, 0)) && String.prototype.charCodeAt.call(t, 1) === 32)
    t = String.prototype.trimStart.call(String.prototype.slice.call(t, 2));
  if (spaced && String.prototype.includes.call(t, '  ')) t = t.replace(/\s+/g, ' ');
  for (let round = 0; round < 2; round++) {
    let end = t.length;
    while (end > 0 && isTrailing(String.prototype.charCodeAt.call(t, end - 1))) end--;
    if (end < t.length) t = String.prototype.slice.call(t, 0, end);
    const space = String.prototype.lastIndexOf.call(t, ' ');
    // Dangling words are short ("and", "with"): longer last words are not copied to be checked.
    if (
      space > 0 &&
      t.length - space <= 5 &&
      DANGLING.has(String.prototype.toLowerCase.call(String.prototype.slice.call(t, space + 1)))
    ) {
      t = String.prototype.slice.call(t, 0, space);
      dropped++;
    } else break;
  }
  const n = t.length;
  const last = n > 0 ? String.prototype.charCodeAt.call(t, n - 1) : -1;
  const beforeLast = n > 1 ? String.prototype.charCodeAt.call(t, n - 2) : -1;
  if (!isStop(last) && !(isCloser(last) && isStop(beforeLast))) t += '.';
  return { text: capitalize(t), dropped };
}

/**
 * "…the decision boundary stability, in particular." (cut before ", with regard to…"): a linking phrase that
 * announces what the cut dropped.
 */
const OPEN_LINK =
  /,\s(?:in particular|for example|for instance|in addition|specifically|notably|especially|namely)\.$/i;

/** The longest OPEN_LINK match: ", in particular." */
export const OPEN_LINK_CHARS = 16;

/** Whether a finished cut (it ends with its stop) ends on a word its clause cannot end on. */
export function endsOpen(text: string): boolean {
  const last = text.slice(text.lastIndexOf(' ') + 1, -1).toLowerCase();
  if (OPEN_ENDINGS.has(last.endsWith('.') ? last.slice(0, -1) : last)) return true;
  // An end-anchored regex scans the whole text: its matches are at most 16 characters long, so the tail will do.
  return text.charCodeAt(text.length - 1) === 46 && OPEN_LINK.test(text.slice(-OPEN_LINK_CHARS));
}

/**
 * The lower-cased words of an ASCII text and where each ends, or undefined when the text has other characters.
 * A cut keeps the words that end before it, so its compressions need no tokenising of their own.
 */
function asciiWords(text: string): { tokens: string[]; ends: number[] } | undefined {
  const tokens: string[] = [];
  const ends: number[] = [];
  let start = -1;
  let upper = false;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? String.prototype.charCodeAt.call(text, i) : 32;
    if (c >= 128) return undefined;
    const capital = c >= 65 && c <= 90;
    if (capital || (c >= 48 && c <= 57) || (c >= 97 && c <= 122)) {
      if (start < 0) {
        start = i;
        upper = false;
      }
      if (capital) upper = true;
    } else if (start >= 0) {
      const token = String.prototype.slice.call(text, start, i);
      tokens.push(upper ? String.prototype.toLowerCase.call(token) : token);
      ends.push(i);
      start = -1;
    }
  }
  return { tokens, ends };
}

/**
 * "We go beyond these limitations and propose…", "We provide a solution to this problem, in the form of a class…":
 * words that only point back at a sentence not shown, dropped so the claim reads on its own.
 */
export const POINTING_BACK =
  /^(we )(?:address|tackle|solve|overcome|alleviate|mitigate|approach|handle) (?:this|these|such|the above|both|the aforementioned|those) \w+(?: \w+)?,? by (?=(?:proposing|introducing|presenting|developing|designing|devising|building)\b)|^(we )(?:go beyond|address|overcome|tackle|alleviate|mitigate|bridge|fill|remedy|solve|circumvent|fix) (?:this|these|such|the above|both|the aforementioned|those) \w+(?: \w+)? and (?=(?:\w+ly )?(?:propose|introduce|present|develop|design|devise|build)\b)|\b(?:a|an|one) (?:\w+ )?(?:solution|answer|remedy|fix) to (?:this|these|such|the above|that) \w+,? in the form of (?=a |an |the )/i;

/**
 * What every POINTING_BACK match holds: it opens with "we " or has "form of" in it. The hint spares the third
 * alternative, which is tried at every position, on the sentences that cannot match.
 */
export function mayPointBack(s: string): boolean {
  return (
    ((s.charCodeAt(0) | 32) === 119 && (s.charCodeAt(1) | 32) === 101 && s.charCodeAt(2) === 32) ||
    FORM_OF.test(s)
  );
}
const FORM_OF = /form of/i;

/**
 * "We address this problem by proposing X" loses its pointer back (POINTING_BACK) and reads "We proposing X":
 * the claim verb takes its plain form ("We propose X"), the one light change of a word from the abstract.
 */
const GERUND_CLAIM = /^(we )(proposing|introducing|presenting|developing|designing|devising|building)\b/i;
const GERUND_BASE: Record<string, string> = {
  proposing: 'propose',
  introducing: 'introduce',
  presenting: 'present',
  developing: 'develop',
  designing: 'design',
  devising: 'devise',
  building: 'build',
};

/**
 * "1) ", "(2) ", "ii) " before a sentence's first word, with the item's label after it ("(3) Challenge: Models are
 * required to…", arXiv 2508.04625): the label names the list's point, which the sentence alone does not need.
 */
const LIST_MARKER = /^\(?(?:\d|i{1,3}|iv|[a-d])\)\s+(?:[A-Z][\w-]*(?: [\w-]+){0,2}:\s+)?(?=[A-Z])/;

/** Drops "In this paper, we" style openers; returns undefined when there is none. */
export function stripLeadIn(sentence: string): string | undefined {
  let s = MID_DOCUMENT_HINT.test(sentence) ? sentence.replace(MID_DOCUMENT, '') : sentence;
  if (isStrayStart(s.charCodeAt(0)) && s.charCodeAt(1) === 32) s = s.slice(2).trimStart();
  // "1) To address these challenges, we introduce…" (arXiv 2508.05609): a list marker from a split enumeration.
  // Checked by its bracket first: most sentences have none in their first four characters ("iii) " has it last).
  if (s.charCodeAt(0) === 40 || s.charCodeAt(1) === 41 || s.charCodeAt(2) === 41 || s.charCodeAt(3) === 41)
    s = s.replace(LIST_MARKER, '');
  for (let round = 0; round < 3; round++) {
    const opened = dropOpener(s.replace(LEAD_DOCUMENT, '').replace(LEAD_ADVERB, '').replace(LEAD_CLAUSE, ''));
    const next = (mayPointBack(opened) ? opened.replace(POINTING_BACK, '$1$2') : opened).replace(
      GERUND_CLAIM,
      (_, we: string, verb: string) => `${we}${GERUND_BASE[verb.toLowerCase()] ?? verb}`,
    );
    if (next === s) break;
    s = next;
  }
  if (s === sentence || wordCount(s, 4) < 4) return undefined;
  return capitalize(s);
}

/**
 * A remark in parentheses or brackets. One attached to a symbol ("Q^(π_sft)", "f(x)") is part of it: dropping the
 * parenthesis would leave "Q^".
 */
const PARENTHETICAL = /(?:\s+|(?<![A-Za-z0-9^_*'’\u00c0-\uffff]))(?:\([^()]*\)|\[[^[\]]*\])/g;
/** A figure inside a parenthetical ("FID (2.27)", "(r=0.78)", "(+3.1%)"): a result bullet keeps it. */
const FIGURE = /\d\.\d|\d\s*(?:%|×|x\b|dB|pp\b)|[=<>≈±]\s*[-+]?\d/;
const keepFigure = (remark: string) => (FIGURE.test(remark) ? remark : '');

/**
 * Drops parenthetical remarks and bracketed references; keeps parentheses that hold most of the sentence, and with
 * `keepFigures` those that hold a figure.
 */
export function dropParentheticals(sentence: string, keepFigures = false): string | undefined {
  if (!sentence.includes('(') && !sentence.includes('[')) return undefined;
  const drop = (text: string) =>
    keepFigures ? text.replace(PARENTHETICAL, keepFigure) : text.replace(PARENTHETICAL, '');
  let s = drop(sentence);
  // A second round for nested ones: "(see (1))" loses its inner part first.
  if (s.includes('(') || s.includes('[')) s = drop(s);
  // "…two constraints, (one per manifold)." loses the remark and the comma that led into it.
  s = s.replace(/\s+([,.;:!?])/g, '$1').replace(/[,;:]+(?=[.!?](?:\s|$))/g, '');
  if (/\s\s/.test(s)) s = s.replace(/\s{2,}/g, ' ');
  if (s === sentence) return undefined;
  const kept = wordCount(s);
  if (kept < MIN_WORDS || kept < wordCount(sentence) * 0.5) return undefined;
  return s;
}

/** "; ", " – ", ": " (not a ratio like "1: 2"): clause boundaries. */
export const CLAUSE_MARK = /;\s|\s[–—]\s|:\s(?!\d)/g;

/**
 * Where a clause may end: a regex match's start times 4 plus its kind, the order its regex is collected in (a
 * plain number sort then orders ties as a stable sort by position did). An exec loop rather than matchAll:
 * matchAll clones the regex on every call, which cost more than the matching itself here.
 */
function collectMarks(marks: number[], regex: RegExp, text: string, kind: number): void {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    marks.push(m.index * 4 + kind);
    if (m[0].length === 0) regex.lastIndex++;
  }
}
/** The kind of a PREPOSITION mark (the last collected), which asks for MIN_CUT_WORDS and a check of its phrase. */
const PHRASE_KIND = 3;
/** What every CLAUSE_MARK match holds: most sentences have none of these, and this finds that at a glance. */
export const CLAUSE_MARK_HINT = /[;:–—]/;

/**
 * Index of the first finite verb at or after `from` (-1 when none): a phrase is cut only after the last one. Each
 * match is a whole word, so a search from a space finds what a search of the whole sentence finds after it.
 */
function nextFinite(sentence: string, from: number): number {
  FINITE.lastIndex = from;
  const m = FINITE.exec(sentence);
  return m === null ? -1 : m.index;
}

/** ", yet ", ", but ", ", where ": a clause that needs its own verb opens here. */
const CONTRAST_CLAUSE = /,\s(?:yet|but|while|whereas|although|though|where)\s/g;
/** What every CONTRAST_CLAUSE match holds: most sentences have none of these words after a comma. */
const CONTRAST_HINT = /, (?:yet|but|wh|alth|tho)/;
/** A concession and the comma that ends it: the main clause starts after it. */
const CONCESSION_CLAUSE = /\b(?:while|although|though|whereas)\s[^,;:()]{3,150}?,\s/gi;
/** A concession opening the sentence, through the comma that ends it. */
const LEADING_CONCESSION = /^(?:while|although|though|whereas|even though)\s[^,;:()]{3,150}?,\s/i;
/**
 * A main clause's verb: a finite one (FINITE's), a pronoun subject and the word after it ("they face"), or one of the
 * verbs problem statements use ("each requires", "these methods often suffer").
 */
const MAIN_VERB =
  /\b(?:is|are|was|were|be|been|can|could|will|would|may|might|shall|should|must|has|have|had|does|do|did|remains?|becomes?|seems?)\b|\b(?:they|it|we|he|she|there)\s+[\w-]+|\b(?:face|fail|suffer|struggle|overlook|lack|rely|relie|require|neglect|ignore|exhibit|achieve|show|offer|provide|focus|produce|perform|limit|incur|degrade|miss|use|treat|depend|yield|lead|make|need|tend|introduce|hinder)(?:s|es)?\b/gi;
/** What every CONCESSION_CLAUSE match holds. */
const CONCESSION_HINT = /(?:while|though|whereas) /i;
/** Words that open a noun phrase: a clause that starts with one and is cut short has its subject only. */
const NOUN_OPENERS = new Set(
  'its their his her the a an existing current most many some such prior previous conventional traditional standard'.split(
    ' ',
  ),
);
/** Words that make a short clause one: a verb form, or a pronoun subject whose verb may be plain ("they struggle"). */
const CLAUSE_WORD =
  /^(?:is|are|was|were|be|been|being|can|could|will|would|may|might|shall|should|must|has|have|had|does|do|did|not|remains?|becomes?|seems?|they|it|we|he|she|there|this|these|that|which|who|\w+ed)$/i;

/** How adjectives end ("insufficient", "semantic", "significant"): a short clause opening with one names a thing. */
const ADJECTIVE_END = /(?:al|ic|ent|ant|ive|ous|ary|ble|ful|less|ar)$/i;
/**
 * Adjectives without ADJECTIVE_END's endings, as they open a contrast's subject ("whereas shallow networks", SciTLDR
 * dev BJe55gBtvH, before "with fewer than exponentially many nodes incur constant error").
 */
const PLAIN_ADJECTIVES = new Set(
  'shallow deep large small big wide narrow simple complex modern other human older newer smaller larger deeper wider'.split(
    ' ',
  ),
);
/** A plural noun's ending, not that of "loss", "focus", "analysis". */
const PLURAL_END = /[^sui]s$/;

/**
 * Whether the words after a contrast ("yet existing methods", "but its integration", "where semantic similarities")
 * are a subject without its verb: a cut there leaves "…, yet existing methods." (arXiv 2605.25402). Up to three
 * words with no verb form, pronoun or adverb ("often degrades"), that read as a noun phrase: a determiner and one
 * word or a plural, or an adjective and a plural ("yet exhibit critical limitations" is a verb and its object).
 */
function subjectOnly(clause: string): boolean {
  const words = clause.trim().split(' ');
  if (words.length > 3 || words[0] === '') return false;
  for (const w of words) if (CLAUSE_WORD.test(w) || w.endsWith('ly')) return false;
  const first = words[0] as string;
  const last = words[words.length - 1] as string;
  if (NOUN_OPENERS.has(first.toLowerCase())) return words.length <= 2 || PLURAL_END.test(last);
  if (words.length < 2 || !PLURAL_END.test(last)) return false;
  if (!ADJECTIVE_END.test(first) && !PLAIN_ADJECTIVES.has(first.toLowerCase())) return false;
  for (let i = 0; i < words.length - 1; i++) if (PLURAL_END.test(words[i] as string)) return false;
  return true;
}

/** Positions where a trailing clause may be dropped, in the sentence as given. */
export function cutPoints(sentence: string): number[] {
  let points = cutPointsOf(sentence);
  if (points.length === 0) return points;
  const conceding = CONCESSION_HINT.test(sentence);
  // "While recent works have made progress in memory storage…, such as encoding memory…" (arXiv 2507.22925): a cut
  // before the main clause after an opening concession keeps the concession alone. Where that clause ends is not
  // plain (the concession has commas of its own): a cut must come after a verb past the concession's first comma
  // ("…, its inverse task, virtual try-off, which aims…, remains critically underexplored", 2508.04551; "…, they
  // face significant challenges"), and with none found ("…, these approaches often fall short in…") it stays whole.
  const lead = conceding ? LEADING_CONCESSION.exec(sentence) : null;
  if (lead !== null) {
    MAIN_VERB.lastIndex = lead[0].length;
    const verb = MAIN_VERB.exec(sentence);
    const after = verb === null ? -1 : verb.index + verb[0].length;
    points = after < 0 ? [] : points.filter((at) => at >= after);
    if (points.length === 0) return points;
  }
  if (!conceding && !CONTRAST_HINT.test(sentence)) return points;
  // Where each contrast clause starts: a cut within one must leave it its verb.
  const opens: number[] = [];
  CONTRAST_CLAUSE.lastIndex = 0;
  for (let m = CONTRAST_CLAUSE.exec(sentence); m !== null; m = CONTRAST_CLAUSE.exec(sentence))
    opens.push(m.index + m[0].length);
  // So must the main clause after a concession ("…revealing that while most models suffer …, the agentic models,
  // such as Claude-4-Sonnet, can…", arXiv 2508.16260): cut at "such as", it kept only "the agentic models".
  if (conceding) {
    CONCESSION_CLAUSE.lastIndex = 0;
    for (let m = CONCESSION_CLAUSE.exec(sentence); m !== null; m = CONCESSION_CLAUSE.exec(sentence))
      opens.push(m.index + m[0].length);
    opens.sort((x, y) => x - y);
  }
  if (opens.length === 0) return points;
  return points.filter((at) => {
    let open = -1;
    for (const o of opens) if (o <= at) open = o;
    return open < 0 || !subjectOnly(sentence.slice(open, at));
  });
}

/** Where the cut regexes allow a cut, before the contrast and concession clauses are checked for their verbs. */
export function cutPointsOf(sentence: string): number[] {
  const marks: number[] = [];
  collectMarks(marks, CUT_AFTER_COMMA, sentence, 0);
  collectMarks(marks, CUT_BARE, sentence, 1);
  if (CLAUSE_MARK_HINT.test(sentence)) collectMarks(marks, CLAUSE_MARK, sentence, 2);
  collectMarks(marks, PREPOSITION, sentence, PHRASE_KIND);
  if (marks.length === 0) return [];
  if (marks.length > 1) marks.sort((x, y) => x - y);
  const points: number[] = [];
  let finite: number | undefined;
  // Words before each mark and whether it sits in parentheses, in one scan that stops at the last mark. Words are
  // counted only up to the most a mark asks for, and without brackets the depth stays 0: then the scan stops early.
  const enough = Math.max(MIN_WORDS, MIN_CUT_WORDS);
  const bracketed = sentence.includes('(') || sentence.includes('[');
  let depth = 0;
  let count = 0;
  let inWord = false;
  let i = 0;
  for (const mark of marks) {
    const at = Math.floor(mark / 4);
    const phrase = mark % 4 === PHRASE_KIND;
    if (count >= enough && !bracketed) i = at;
    for (; i < at; i++) {
      const c = String.prototype.charCodeAt.call(sentence, i);
      if (c === 40 || c === 91) depth++;
      else if ((c === 41 || c === 93) && depth > 0) depth--;
      const isWord = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 128;
      if (isWord && !inWord) count++;
      inWord = isWord;
    }
    // A mark starts at a comma, a space or a clause mark, never at a bracket: the depth before it is its own.
    if (depth > 0 || count < (phrase ? MIN_CUT_WORDS : MIN_WORDS) || points[points.length - 1] === at)
      continue;
    if (phrase) {
      // "…taking into account", "…a model grounded in", "based on", "…the increase in loss is minimized": the
      // phrase is needed by the word before it or by the verb after it.
      let start = at;
      while (start > 0 && String.prototype.charCodeAt.call(sentence, start - 1) > 32) start--;
      const before = String.prototype.toLowerCase.call(String.prototype.slice.call(sentence, start, at));
      if (/(?:ing|ed|en|wn)$/.test(before) || NEEDS_PREPOSITION.has(before)) continue;
      // A verb after an earlier mark may lie after this one too; once none is left, none is.
      if (finite !== -1 && (finite === undefined || finite < at)) finite = nextFinite(sentence, at);
      if (finite >= at) continue;
    }
    points.push(at);
  }
  return points;
}

/** The sentence itself as a candidate, tidied (capital first, final stop). */
export function wholeSentence(sentence: string, words?: number): Variant {
  const text = finish(sentence);
  return { text, leadIn: false, paren: false, cut: false, words: words ?? wordCount(text) };
}

/** Every compression of a sentence worth scoring, the sentence itself first. */
export function variants(sentence: string, maxCuts = 6): Variant[] {
  const out: Variant[] = [];
  const lead = stripLeadIn(sentence);
  // The forms before any cut, in this order: the sentence, without its lead-in, without its parentheticals, without
  // both. The tidiest is the last of them with the lead-in dropped when there is one.
  const noParen = dropParentheticals(sentence);
  const leadNoParen = lead === undefined ? undefined : dropParentheticals(lead);
  // Clauses are cut from the last form only (lead-in and parentheses dropped when it has them): cutting the sentence
  // as written too scored no better on SciTLDR (dev ROUGE-1 0.02 lower, train equal) and took 5 % more time.
  let last = sentence;
  let lastLeadIn = false;
  let lastParen = false;
  if (leadNoParen !== undefined) {
    last = leadNoParen;
    lastLeadIn = true;
    lastParen = true;
  } else if (noParen !== undefined) {
    last = noParen;
    lastParen = true;
  } else if (lead !== undefined) {
    last = lead;
    lastLeadIn = true;
  }
  const points = cutPoints(last);
  const forms = lead === undefined ? 1 : 2;
  const single = forms === 1 && noParen === undefined;
  // The sentence as written is ranked by its own words (the features keep them): its words are listed only when
  // its clauses are cut (a third of sentences have no cut).
  let words = single && points.length > 0 ? asciiWords(sentence) : undefined;
  const first = addVariant(out, sentence, false, false, false, words?.tokens, true);
  if (single && first) first.tidiest = true;
  if (lead !== undefined) {
    const known = asciiWords(lead);
    if (noParen === undefined && leadNoParen === undefined) words = known;
    const v = addVariant(out, lead, true, false, false, known?.tokens, true);
    if (v && leadNoParen === undefined) v.tidiest = true;
  }
  if (noParen !== undefined) {
    const known = asciiWords(noParen);
    if (leadNoParen === undefined) words = known;
    const v = addVariant(out, noParen, false, true, false, known?.tokens, true);
    if (v && lead === undefined) v.tidiest = true;
  }
  if (leadNoParen !== undefined) {
    words = asciiWords(leadNoParen);
    const v = addVariant(out, leadNoParen, true, true, false, words?.tokens, true);
    if (v) v.tidiest = true;
  }
  // Cuts fall between words: the words before a cut are those ending at or before it (cuts come in order).
  let n = 0;
  const spaced = last.includes('  ');
  // As points.slice(-maxCuts): the last maxCuts points (all of them for 0).
  for (let p = maxCuts > 0 ? Math.max(0, points.length - maxCuts) : 0; p < points.length; p++) {
    const point = points[p] as number;
    if (words) while (n < words.ends.length && (words.ends[n] as number) <= point) n++;
    addVariant(out, last.slice(0, point), lastLeadIn, lastParen, true, words?.tokens, spaced, n);
  }
  return out;
}

/**
 * Adds a finished candidate unless one with its text is there (that one is returned) or it is a cut that ends open.
 * `tokens` are the words of the text, or of a longer one whose first `count` words it has.
 */
function addVariant(
  out: Variant[],
  text: string,
  leadIn: boolean,
  paren: boolean,
  cut: boolean,
  tokens: string[] | undefined,
  spaced: boolean,
  count = tokens?.length ?? 0,
): Variant | undefined {
  const { text: done, dropped } = finishCounting(text, spaced);
  // A handful of variants: comparing with each (most differ in length, which settles it) costs less than hashing
  // every text for a Map.
  for (const v of out) if (v.text === done) return v;
  if (cut && endsOpen(done)) return undefined;
  const kept = tokens?.slice(0, count - dropped);
  const variant: Variant = {
    text: done,
    leadIn,
    paren,
    cut,
    words: kept ? kept.length : wordCount(done),
    tokens: kept,
  };
  out.push(variant);
  return variant;
}

/** ", which …, " inside a sentence: a remark between commas that the sentence reads well without. */
const INNER_CLAUSE =
  /, (?:which|where|who|whose|whereby) [^,;:()]{3,140}, (?!and\b|or\b|but\b|which\b|while\b)/g;

/**
 * "…integrates soft value functions, which looks ahead to …, into the inference procedure" without its inner clause
 * (the sentence closes around it); undefined when it has none. On whole sentences this scored the same on SciTLDR dev
 * (+0.01), so only composed TL;DRs use it.
 */
export function dropInnerClauses(text: string): string | undefined {
  if (!text.includes(', wh')) return undefined;
  const inner = text.replace(INNER_CLAUSE, ' ');
  return inner !== text && wordCount(inner) >= MIN_CUT_WORDS ? inner : undefined;
}
