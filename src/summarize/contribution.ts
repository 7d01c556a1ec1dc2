// What makes a TL;DR a stand-alone contribution statement: labels stripped, the method named, nothing left dangling.
import { POINTING_OPENERS } from './cues.js';

/** "Methods: We introduce…", "OBJECTIVE: To…": a structured abstract's section label, not part of the sentence. */
const SECTION_LABEL =
  /^(?:background|introduction|context|motivation|objectives?|purpose|aims?|goals?|methods?|methodology|approach|design|setting|materials and methods|results?|findings|conclusions?|significance|summary|discussion|importance|contributions?)\s*:\s+(?=\S)/i;

/** The sentence without its structured-abstract label; the sentence itself when it has none. */
export function stripSectionLabel(sentence: string): string {
  const c = sentence.charCodeAt(0);
  // Labels start with a capital letter: most sentences are ruled out by one comparison.
  if (!(c >= 65 && c <= 90) || !sentence.includes(':')) return sentence;
  const rest = sentence.replace(SECTION_LABEL, '');
  return rest.length >= 12 ? rest : sentence;
}

/**
 * The paper's own phrases for what it proposes, when they stand where a name should be: "our method integrates…"
 * reads on its own once it says "SVDD integrates…".
 */
const OWN_NOUN =
  '(?:method|approach|algorithm|framework|model|system|technique|architecture|pipeline|scheme|strategy|procedure|network|agent|tool|metric|benchmark|dataset|library|platform|estimator|objective|loss|protocol)';
const OWN_SUBJECT = new RegExp(
  `^(?:our|this|the proposed|the resulting|the new) (?:\\w+[- ])?${OWN_NOUN}\\b`,
  'i',
);
/** A name set off by commas: ", EgoTrigger, ". */
const APPOSED = String.raw`\s*,\s*["“]?([\p{L}\p{N}][\p{L}\p{N}*+-]*)["”]?\s*,\s+`;
/** "Our approach, EgoTrigger, leverages…": the authors name their method in apposition. */
const OWN_NAMED = new RegExp(`\\b(?:our|the proposed|the new) (?:\\w+[- ])?${OWN_NOUN}${APPOSED}`, 'iu');
/** APPOSED right after the method's own words ("Our approach" + ", EgoTrigger, …"). */
const APPOSITION = new RegExp(`^${APPOSED}`, 'u');
/** What every OWN_NAMED match holds: its Unicode pattern is slow to fail, and most sentences fail this at once. */
const OWN_NAMED_HINT = /(?:our|proposed|new) (?:\w+[- ])?\w+\s*,/i;

/** Words that make an acronym-like token more than a name: common all-capital abbreviations of the field. */
const NOT_A_NAME = new Set(
  (
    'AI ML NLP CV RL LLM LLMS LM LMS GPU GPUS CPU CPUS API URL HTTP HTTPS PDF DNA RNA MRI CT EEG FID IS BLEU ' +
    'ROUGE SOTA SGD MSE KL ODE SDE PDE GAN GANS VAE CNN CNNS RNN RNNS MLP GNN GNNS NAS QA VQA IID US UK EU ' +
    'README MIT GPT BERT ID IDS'
  ).split(' '),
);

/** A token that can be a method's name: "SVDD", "Deep SAD", "B-Coder", "word2net", "F-CoT", "LLMCache". */
const NAME_TOKEN = /^[\p{L}\p{N}][\p{L}\p{N}*+-]*$/u;

function nameLike(token: string): boolean {
  if (token.length < 2 || token.length > 30 || !NAME_TOKEN.test(token)) return false;
  if (NOT_A_NAME.has(token.toUpperCase())) return false;
  // Capitals after the first letter or a digit inside: a coined name, not an ordinary word.
  return /^.+[\p{Lu}\p{N}]/u.test(token) || /[\p{N}]/u.test(token);
}

/** "we propose X," / "called X" / "dubbed X" / "named X" / "termed X": the name a sentence introduces. */
export const INTRODUCED =
  /\b(?:called|dubbed|named|termed|coined(?: as)?|referred to as|which we call|we call(?: it)?|we term)\s+["“]?([\p{L}\p{N}][\p{L}\p{N}*+-]*(?:\s[\p{Lu}][\p{L}\p{N}*+-]*)?)/u;
/**
 * What every INTRODUCED match holds (it is case-sensitive): a Unicode regex is slow to fail, and this plain one rules
 * out nearly every sentence first.
 */
export const INTRODUCED_HINT = /called|dubbed|named|termed|coined|referred to as|we call|we term/;
const PROPOSED =
  /\b(?:we|this (?:paper|work|study))\s+(?:\w+ly\s+)?(?:propose[sd]?|introduce[sd]?|present[sd]?|develop[sd]?|design|devise|build|release)\s+["“]?([\p{L}\p{N}][\p{L}\p{N}*+-]*)["”]?\s*(?:,|\(|:|—|–)/iu;
/** "(SVDD)" right after a long name in a claim sentence. */
const ACRONYM = /\(([\p{Lu}][\p{L}\p{N}*+-]{1,14})\)/u;
const CLAIM_VERB =
  /\b(?:we|this (?:paper|work|study))\s+(?:\w+ly\s+)?(?:propose|introduce|present|develop|design|devise|build|release)/i;

/**
 * The name the abstract gives its method, or undefined. Looked for in claim sentences ("we propose X, …",
 * "…called X", "…(X)"), then in a title that leads with a name ("PointGrow: …"), then in the code link the
 * abstract gives (github.com/masa-ue/SVDD) when the title spells it ("Soft Value-based Decoding in Diffusion").
 */
export function methodName(sentences: readonly string[], title?: string): string | undefined {
  for (const s of sentences) {
    const named = OWN_NAMED_HINT.test(s) ? OWN_NAMED.exec(s)?.[1] : undefined;
    if (named && nameLike(named)) return named;
  }
  const lead = title ? /^\s*([^:]{2,30}?)\s*:\s/.exec(title)?.[1] : undefined;
  const titled = lead && !lead.includes(' ') && nameLike(lead) ? lead : undefined;
  // A title that leads with a name the abstract uses names the paper's method, whatever else a claim abbreviates.
  if (titled && sentences.some((s) => s.includes(titled))) return titled;
  for (const s of sentences) {
    const hinted = INTRODUCED_HINT.test(s);
    if (!CLAIM_VERB.test(s) && !(hinted && INTRODUCED.test(s))) continue;
    const introduced = hinted ? INTRODUCED.exec(s) : null;
    if (introduced) {
      // "…that we call Multi-agent Soft Actor-Critic (MA-SAC)": the short form is the name used later.
      const acronym = ACRONYM.exec(s.slice(introduced.index))?.[1];
      if (acronym && nameLike(acronym)) return acronym;
      const first = (introduced[1] as string).split(' ')[0] as string;
      if (nameLike(first)) return first;
    }
    const proposed = PROPOSED.exec(s)?.[1];
    if (proposed && nameLike(proposed)) return proposed;
    const acronym = objectAcronym(s);
    if (acronym && nameLike(acronym)) return acronym;
  }
  if (titled) return titled;
  const repo = /github\.com\/[\w.-]+\/([\w-]+)/i.exec(sentences.join(' '))?.[1];
  if (repo && nameLike(repo) && title && initialsFit(repo, title)) return repo;
  return undefined;
}

/**
 * Links that end a claim's object, so an abbreviation after one names something else: "…a benchmark, for evaluating
 * Vision-Language Models (VLMs)", "we introduce and evaluate on the … (HME-QA) dataset". A preposition followed by
 * a capital stays inside a name ("Progressive Adaptation for Multi-Modal Tracking (PATrack)", "Mixture of Experts").
 */
const LOWER_LINK =
  /(?:^|\s)(?:for|of|on|to|in|into|with|by|from|against|under|over|via|than|between|among|across|through|and|or|that|which|where|whose|when|while)\s+[\p{Ll}\p{N}]/u;
/** Links that end it whatever follows: what the method uses or includes is not the method. */
const ALWAYS_LINK = /(?:^|\s)(?:using|based on|with|via|leveraging|utilizing|employing|including|such as)\s/i;

/**
 * "We propose the Spatiotemporal-Untrammelled Mixture of Experts (ST-MoE), …": the abbreviation the claim gives
 * its own object, if any. Only the object's last clause counts (after a comma or colon an apposition names it).
 */
function objectAcronym(sentence: string): string | undefined {
  const claim = CLAIM_VERB.exec(sentence);
  if (!claim) return undefined;
  const after = sentence.slice(claim.index + claim[0].length);
  const acronym = ACRONYM.exec(after);
  if (!acronym) return undefined;
  // "we propose to perform Progressive Adaptation…": the claim verb's own infinitive is not a link.
  const object = after.slice(0, acronym.index).replace(/^\s+to\s+\w+/, '');
  const clause = object.slice(
    Math.max(object.lastIndexOf(','), object.lastIndexOf(':'), object.lastIndexOf(';')) + 1,
  );
  if (LOWER_LINK.test(clause) || ALWAYS_LINK.test(clause)) return undefined;
  return acronym[1];
}

/**
 * Whether every letter of a name is the initial of its own title word ("SVDD" in "…Diffusion Models with Soft
 * Value-Based Decoding"): names reorder their words, so the order is not checked.
 */
function initialsFit(name: string, title: string): boolean {
  const initials = title.split(/[\s-]+/).map((w) => w[0]?.toLowerCase() ?? '');
  for (const ch of name.toLowerCase()) {
    if (!/[a-z]/.test(ch)) continue;
    const at = initials.indexOf(ch);
    if (at < 0) return false;
    initials[at] = '';
  }
  return true;
}

/** Whether a text opens with the paper's own method as its subject ("Our approach avoids…"). */
export function ownSubject(text: string): boolean {
  return ownOpener(text) && OWN_SUBJECT.test(text);
}

/** Whether a text starts with "o" or "t" ("Our…", "This…", "The proposed…"): most are ruled out by this alone. */
function ownOpener(text: string): boolean {
  const c = text.charCodeAt(0) | 32;
  return c === 111 || c === 116;
}

/** "…, our work explores…", "Our paper shows…": the paper as the subject of a claim. */
const OUR_WORK = /\bour (?:work|paper|study|analysis|results?|experiments?|findings?) (?:\w+ly )?\w+s\b/i;

/** Whether a text states what the paper itself does, with "our work" as its subject. */
export function ownWork(text: string): boolean {
  return OUR_WORK.test(text);
}

/** "We propose a new method to address these challenges.": a claim that names nothing, to be completed. */
const VAGUE_CLAIM =
  /^(?:in (?:this|our) (?:paper|work|study), )?we (propose|introduce|present|develop|design|devise)(?: here)? (?:a|an) (?:(?:new|novel|simple|general|principled|efficient|unified|effective|generic|alternative|different)(?:,? (?:and )?)?)*(?:method|approach|framework|algorithm|model|technique|scheme|strategy|solution|procedure)(?: (?:to|for|that) [^,;:()]{0,80})?\.$/i;
/** "Our algorithm is an iterative sampling method that…" / "It integrates…": the sentence that says what it is. */
const DEFINITION = /^(?:our|this|the proposed|the new) (?:\w+[- ])?\w+ (?:is|is essentially) ((?:a|an) .+)$/i;
const DESCRIPTION = /^(?:our|this|the proposed|the new) (?:\w+[- ])?\w+ ((?:\w+ly )?\w+s) (.+)$/i;

/**
 * "We propose a new method to address these challenges. Our algorithm is an iterative sampling method that…"
 * composed into "We propose SVDD, an iterative sampling method that…" (or "…, which integrates…"): every word
 * from the two sentences and the method's name. Undefined when the two do not fit that pattern.
 */
export function composeClaim(
  claim: string,
  next: string,
  nameOf: string | undefined | (() => string | undefined),
): string | undefined {
  const vague = VAGUE_CLAIM.exec(claim);
  if (!vague || !ownSubject(next)) return undefined;
  const name = typeof nameOf === 'function' ? nameOf() : nameOf;
  const verb = (vague[1] as string).toLowerCase();
  const definition = DEFINITION.exec(next);
  if (definition) {
    const what = definition[1] as string;
    return `We ${verb} ${name ? `${name}, ${what}` : what}`;
  }
  const description = DESCRIPTION.exec(next);
  if (!description || !name) return undefined;
  return `We ${verb} ${name}, which ${description[1]} ${description[2]}`;
}

/** A demonstrative after the first word: most texts have none, and are ruled out by this alone. */
const INNER_DEMONSTRATIVE = / (?:this|these|those) /i;
/** "…, and show that these codes are…": a demonstrative and the noun it points at. */
const POINTING = /(?<= )(this|these|those) ([a-z][a-z-]+)\b/gi;
/** "…linear attention within this framework.": a closing phrase whose object is only pointed at. */
const POINTED_TAIL =
  /,? (?:with|within|in|under|for|on|from|using|via|through|into|across) (?:this|these|those|such) [a-z-]+(?: [a-z-]+)?(?=[.;!?]?$)/i;
/** "constraining the model in this way": says only that it was done as described before. */
const THIS_WAY = /,? in (?:this|such a|the above) (?:way|manner|fashion)\b,?/i;

/**
 * What a demonstrative inside a text points at, when the text shows it: "We construct folded quantum Hermitian
 * codes … and show that these codes are…" says "the codes"; a closing "within this framework" and "in this way"
 * say nothing the reader can see, and go. Other demonstratives stay (the claim would change without them).
 */
export function resolveDemonstratives(text: string): string {
  if (!INNER_DEMONSTRATIVE.test(text)) return text;
  let out = text.replace(THIS_WAY, (m) => (m.startsWith(',') && m.endsWith(',') ? ',' : ''));
  const tail = POINTED_TAIL.exec(out);
  if (tail && tail.index > 40) out = out.slice(0, tail.index) + out.slice(tail.index + tail[0].length);
  // "the" comes from the text itself: a TL;DR invents no word.
  if (!/\bthe\b/i.test(out)) return out;
  out = out.replace(POINTING, (m, _det: string, noun: string, at: number) => {
    const stem = noun.toLowerCase().replace(/(?:es|s)$/, '');
    if (stem.length < 3) return m;
    // The noun was named before, in the same text: "the" points at it as well.
    const before = out.slice(0, at).toLowerCase();
    return new RegExp(`\\b${stem}`).test(before) ? `the ${noun}` : m;
  });
  return out;
}

/**
 * "Our approach avoids…" → "SVDD avoids…" when the abstract names the method, and the demonstratives the text
 * itself resolves (resolveDemonstratives); the text as is otherwise.
 */
export function resolveSubject(text: string, name: string | undefined | (() => string | undefined)): string {
  return resolveDemonstratives(resolveOwnSubject(text, name));
}

function resolveOwnSubject(text: string, name: string | undefined | (() => string | undefined)): string {
  const m = ownOpener(text) ? OWN_SUBJECT.exec(text) : null;
  if (!m) return text;
  if (typeof name === 'function') name = name();
  if (!name) return text;
  const rest = text.slice(m[0].length);
  // "Our approach, EgoTrigger, leverages…" reads "EgoTrigger leverages…".
  const apposed = APPOSITION.exec(rest);
  if (apposed && nameLike(apposed[1] as string)) return `${apposed[1]} ${rest.slice(apposed[0].length)}`;
  // "Our SVDD model…" names it already.
  if (text.slice(0, m[0].length + name.length + 4).includes(name)) return text;
  // "The proposed method's accuracy…": a possessive stays attached to the name.
  return `${name}${rest}`;
}

/** "…show that our method outperforms…", "…the effectiveness of our algorithm": the paper's own method inside a claim. */
export const OWN_INSIDE =
  /\b(that|and|where|while|whereas|thus|hence|then|of|with|apply|applying) (?:our|the proposed|the resulting) (?:\w+[- ])?(?:method|approach|algorithm|framework|model|system|technique|architecture|pipeline|scheme|strategy|procedure|network|agent|estimator)\b(?! of\b)/i;

/**
 * What every OWN_INSIDE match holds: " our ", " the proposed " or " the resulting ". OWN_INSIDE tries its dozen
 * opening words at every position; the hint looks for one space-led phrase, at a third of the cost.
 */
export const OWN_INSIDE_HINT = / (?:our|the proposed|the resulting) /i;

/** Whether the paper's own method appears inside a text (OWN_INSIDE), run only past its hint. */
function ownInside(text: string): boolean {
  return OWN_INSIDE_HINT.test(text) && OWN_INSIDE.test(text);
}

/**
 * The method's name fused into a claim wherever the paper says "our method": as its subject ("Our approach
 * avoids…" → "SVDD avoids…") and inside it ("…show that our method outperforms…" → "…show that SVDD
 * outperforms…"). The text as is when the abstract names no method or the text names it already.
 */
export function fuseName(text: string, name: string | undefined | (() => string | undefined)): string {
  const opener = ownOpener(text) && OWN_SUBJECT.test(text);
  if (!opener && !ownInside(text)) return text;
  if (typeof name === 'function') name = name();
  if (!name) return text;
  const subject = opener ? resolveSubject(text, name) : text;
  if (subject !== text && !ownInside(subject)) return subject;
  // Every "our method" inside, not only the first ("…that our method outperforms … and that our method scales…");
  // "…that our method, SVDD, outperforms…" names it already.
  const called = name;
  return subject.replace(OWN_INSIDE_ALL, (m: string, link: string, at: number, whole: string) => {
    const end = at + m.length;
    return whole.slice(end, end + called.length + 4).includes(called) ? m : `${link} ${called}`;
  });
}

/** OWN_INSIDE at every place in a text. */
const OWN_INSIDE_ALL = new RegExp(OWN_INSIDE.source, 'gi');

/**
 * A TL;DR leans on a sentence that is not shown when it opens with a pronoun or a back-reference ("To achieve this
 * we…", "Observing this discrepancy, we…", "To that end, …", "For the second issue, …", "As a solution, …") or points
 * at "this problem", "such methods", "these challenges".
 */
const LEANING_OPENER = new RegExp(
  `^(?:it|they|this|these|those|that|such|its|their|them|he|she|${POINTING_OPENERS}|observing|noting|motivated|inspired|building on|so(?=,))\\b`,
  'i',
);
const SELF_REFERENCE =
  /^(?:this|these) (?:paper|work|study|article|letter|note|manuscript|thesis|report|survey|chapter|position paper)\b/i;
const DEMONSTRATIVE =
  /\b(?:this|these|those|such|the above|aforementioned) (?!as\b|paper|work|study|article|letter|note|manuscript|thesis|report|survey|chapter|end\b|way\b|purpose\b|reason\b|context\b|direction\b|sense\b)[a-z\u00c0-\uffff-]/i;

/** Whether a TL;DR leans on something it does not show. */
export function leans(text: string): boolean {
  if (LEANING_OPENER.test(text) && !SELF_REFERENCE.test(text)) return true;
  return DEMONSTRATIVE.test(text);
}

/**
 * "Finally, we develop…", "We also propose…", "Moreover, we present…": a claim the abstract adds to one it made
 * before, so not the paper's main contribution. ("In addition to X, we propose…" sets the claim against prior work.)
 */
const SECONDARY =
  /^(?:(?:finally|moreover|furthermore|additionally|in addition(?! to\b)|also|lastly|further)\b|we (?:also|further|additionally|finally)\b)/i;

/** Whether a sentence adds a claim to one made before it ("Finally, we also show…"). */
export function secondaryClaim(sentence: string): boolean {
  return SECONDARY.test(sentence);
}

/** "We study the training process of DNNs from the Fourier analysis perspective.": what the paper looks at. */
const TOPIC_ONLY =
  /^(?:(?:in this|here),? (?:(?:paper|work|study),? )?)?we (?:\w+ly )?(?:study|investigate|explore|consider|address|analy[sz]e|examine|revisit|focus on|aim to|seek to|set out to|attempt to)\b(?!.*\b(?:show|find|prove|demonstrate|propose|introduce|present)\b)/i;

/** Whether a sentence names only the paper's topic, not what it proposes or finds. */
export function topicOnly(sentence: string): boolean {
  return TOPIC_ONLY.test(sentence);
}
