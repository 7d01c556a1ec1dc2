// The cue regexes of the TL;DR ranker (claim, finding, result, background, …) and the word flags that gate them.

/**
 * "We (therefore) propose…": the verbs are those that train's TL;DRs use at least three times after "we" (or "this
 * paper"), less the finding verbs and auxiliaries. An adverb between subject and verb may be an -ly one or one that
 * concludes ("therefore", "here"), not one that adds ("also", "further", "then"): "We also propose…" is a second
 * contribution, and counting it as a claim lowered abstract-only dev ROUGE-1 by 0.4.
 */
export const CLAIM =
  /\b(?:we|this (?:paper|work|study|article)|the (?:paper|authors))\s+(?:(?:\w+ly|thus|therefore|hence|here|now|instead)\s+)?(?:propose|proposes|introduce|introduces|present|presents|develop|develops|design|designs|describe|describes|devise|devises|formulate|formulates|offer|offers|put forward|contribute|study|studies|investigate|investigates|explore|explores|address|addresses|tackle|consider|considers|extend|extends|provide|provides|establish|derive|derives|analyze|analyzes|analyse|use|uses|apply|applies|train|learn|combine|combines|give|gives|improve|improves|compare|compares|solve|solves|aim|aims|construct|constructs|perform|performs|suggest|suggests|generate|generates|unify|unifies|embed|embeds|augment|augments|revisit|revisits|define|defines)\b/i;
export const FINDING =
  /\b(?:we|this (?:paper|work))\s+(?:\w+ly\s+)?(?:also\s+)?(?:show|shows|demonstrate|demonstrates|find|finds|prove|proves|observe|establish|argue|report|discover|reveal|verify|confirm|identify|obtain)\b/i;
/**
 * "Outperforms" and "experiments show" report results; the other result words count only beside the paper's own
 * subject or a figure, since "state-of-the-art" or "accuracy" alone also describe prior work ("RNNs are used in
 * state-of-the-art models…").
 */
export const RESULT =
  /\b(?:outperform\w*|results? (?:show|demonstrate|indicate|suggest)|experiments? (?:show|demonstrate|on)|evaluations? (?:shows?|demonstrates?))\b|^(?=.*?(?:\b(?:we|our|ours|proposed|this (?:paper|work|method|approach|model|framework|algorithm))\b|(?<![\w.-])\d))(?=.*?\b(?:state[- ]of[- ]the[- ]art|achiev\w+|improv\w+|empirical\w*|significantly|superior|competitive|accuracy|speed-?up|better)\b)/i;
export const BACKGROUND =
  /\b(?:recent(?:ly)?|have been|has been|has become|have become|however|existing|typically|traditionally|popular|widely|remains?|challenging|limited|suffer\w*|difficult|is an? |are an? )\b/i;
/** "to address these challenges", "this problem": the sentence leans on the one before it. */
export const ANAPHORA =
  /\b(?:these|this|such|those|the above|aforementioned|both) (?:challenges?|issues?|problems?|limitations?|gaps?|shortcomings?|drawbacks?|questions?|goals?|difficult(?:y|ies)|concerns?|observations?|findings?|insights?|hypothes[ie]s|ideas?|obstacles?|deficienc(?:y|ies)|needs?|weakness(?:es)?|barriers?|phenomen(?:on|a)|settings?|cases?)\b/i;
/**
 * Openers that point back at a sentence before ("To this end", "To address these issues", "Observing this",
 * "Based on these findings", "For the second issue"): one alternation, so the compressor drops (LEAD_ADVERB) exactly
 * the openers the contribution check calls leaning (LEANING_OPENER). Regex source, without anchors or an end.
 */
export const POINTING_OPENERS =
  'to (?:this|that) end|' +
  '(?:motivated|inspired) by (?:this|these|that|such)|' +
  'building (?:on|upon) (?:this|these|that|such)|' +
  'based on (?:this|these|that|such|the (?:above|analysis|observations?|findings?))|' +
  'to (?:achieve|accomplish|realize|attain|implement|do|address|tackle|overcome|solve|bridge|fill|alleviate|mitigate|' +
  'remedy|resolve|circumvent|fix|avoid|handle) (?:this|that|these|those|both|such|it|so|the above|the aforementioned)|' +
  '(?:observing|noting|noticing|recognizing|given|seeing|considering) (?:this|these|that|such)|' +
  'as a (?:response|solution|remedy|consequence)|' +
  'among (?:these|them)|' +
  'for (?:this|these) reasons?|' +
  'for (?:the|this) (?:first|second|third|fourth|former|latter)(?! time\\b)';
export const PRONOUN_START = /^(?:it|they|this|these|such|their|its|those|them|he|she)\b/i;
/** "This paper proposes…" names its subject: a self-contained opener, not a pronoun leaning on the sentence before. */
const DOCUMENT_WORDS =
  'paper|work|study|note|article|letter|manuscript|thesis|report|submission|research|contribution|chapter|abstract';
export const SELF_REFERENCE = new RegExp(`^(?:this|our) (?:${DOCUMENT_WORDS})\\b`, 'i');
export const NOVEL =
  /\b(?:novel|new|first|simple|efficient|general|framework|method|approach|algorithm|model)\b/i;

/**
 * A cue regex can only match when the candidate has one of its words: a word found by the regex's ASCII \b is a
 * whole token unless a non-ASCII letter touches it, and such tokens carry every flag. So the regex runs only on
 * candidates whose words could trigger it, with the same result, and most candidates skip all three.
 */
export const OUR_FLAG = 1;
export const NOVEL_FLAG = 2;
export const ANAPHORA_FLAG = 4;
/** The same for the sentence cues: CLAIM, FINDING, RESULT and BACKGROUND need one of their words. */
export const CLAIM_FLAG = 8;
export const FINDING_FLAG = 16;
export const RESULT_FLAG = 32;
export const BACKGROUND_FLAG = 64;
/** CLAIM and FINDING need their verb as well as their subject: most sentences with "we" have neither verb. */
export const CLAIM_VERB_FLAG = 128;
export const FINDING_VERB_FLAG = 256;
export const ALL_FLAGS =
  OUR_FLAG |
  NOVEL_FLAG |
  ANAPHORA_FLAG |
  CLAIM_FLAG |
  FINDING_FLAG |
  RESULT_FLAG |
  BACKGROUND_FLAG |
  CLAIM_VERB_FLAG |
  FINDING_VERB_FLAG;
const WORD_FLAGS = new Map<string, number>();
function flagWords(flag: number, list: string): void {
  for (const w of list.split(' ')) WORD_FLAGS.set(w, (WORD_FLAGS.get(w) ?? 0) | flag);
}
flagWords(OUR_FLAG, 'our');
flagWords(NOVEL_FLAG, 'novel new first simple efficient general framework method approach algorithm model');
flagWords(ANAPHORA_FLAG, 'these this such those above aforementioned both');
flagWords(CLAIM_FLAG, 'we paper work study article authors');
flagWords(FINDING_FLAG, 'we paper work');
flagWords(
  CLAIM_VERB_FLAG,
  'propose proposes introduce introduces present presents develop develops design designs describe describes ' +
    'devise devises formulate offer offers put contribute study studies investigate investigates explore explores ' +
    'address addresses tackle consider extend extends provide provides establish derive analyze analyse use apply ' +
    'train learn formulates considers derives analyzes uses applies combine combines give gives improve improves ' +
    'compare compares solve solves aim aims construct constructs perform performs suggest suggests generate ' +
    'generates unify unifies embed embeds augment augments revisit revisits define defines',
);
flagWords(
  FINDING_VERB_FLAG,
  'show shows demonstrate demonstrates find finds prove proves observe establish argue report discover reveal ' +
    'verify confirm identify obtain',
);
flagWords(
  RESULT_FLAG,
  'state result results experiment experiments evaluation evaluations significantly superior competitive accuracy ' +
    'speed speedup better',
);
flagWords(
  BACKGROUND_FLAG,
  'recent recently been become however existing typically traditionally popular widely remain remains ' +
    'challenging limited difficult is are',
);
/** Cue words the regexes match by their start ("outperforms", "achieved", "suffering"). */
const FLAG_PREFIXES: [string, number][] = [
  ['outperform', RESULT_FLAG],
  ['achiev', RESULT_FLAG],
  ['improv', RESULT_FLAG],
  ['empirical', RESULT_FLAG],
  ['suffer', BACKGROUND_FLAG],
];

/** Each prefix by its first letter's code: they all start with different letters. */
const PREFIX_BY_LETTER: ([string, number] | undefined)[] = new Array(128).fill(undefined);
for (const entry of FLAG_PREFIXES) {
  const c = entry[0].charCodeAt(0);
  if (PREFIX_BY_LETTER[c] !== undefined) throw new Error(`cues: two flag prefixes start with ${entry[0][0]}`);
  PREFIX_BY_LETTER[c] = entry;
}

/** The cue flags of a lower-cased word; every flag when it has non-ASCII letters (`capitals` -1). */
export function wordFlags(w: string, capitals: number): number {
  if (capitals < 0) return ALL_FLAGS;
  const flags = WORD_FLAGS.get(w) ?? 0;
  if (w.length < 6) return flags;
  // Only the prefix starting with the word's letter can match it.
  const c = w.charCodeAt(0);
  const prefix = c < 128 ? PREFIX_BY_LETTER[c] : undefined;
  return prefix !== undefined && w.startsWith(prefix[0]) ? flags | prefix[1] : flags;
}

/**
 * Claim, finding, result, background and fragment cues of a sentence (0/1 each). `flags` (its words' flags
 * together) says which cue regexes can match at all; the others are not run.
 */
export function sentenceCues(sentence: string, flags: number): Uint8Array {
  return Uint8Array.of(
    flags & CLAIM_FLAG && flags & CLAIM_VERB_FLAG && CLAIM.test(sentence) ? 1 : 0,
    flags & FINDING_FLAG && flags & FINDING_VERB_FLAG && FINDING.test(sentence) ? 1 : 0,
    flags & RESULT_FLAG && RESULT.test(sentence) ? 1 : 0,
    flags & BACKGROUND_FLAG && BACKGROUND.test(sentence) ? 1 : 0,
    /^[\p{Ll}\d(,;:)]/u.test(sentence) ? 1 : 0,
  );
}
