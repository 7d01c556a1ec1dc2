// How often a TL;DR is a stand-alone contribution statement, on a hand-labelled sample of SciTLDR dev and arXiv.
// Usage: npm run build && node dist/bench/contrib-tldr.js [--show] [--list]
//   --show  prints every labelled abstract, sentence by sentence, with its TL;DRs (to check or extend the labels)
//   --list  prints the TL;DRs and the verdicts only
// The labels (bench/contrib-labels.json) hold ids, sentence indexes and labels only: the texts stay in ../shared.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinSummary } from '../src/summarize/builtin.js';
import { prepareSentences } from '../src/summarize/engine.js';
import { cleanText, splitSentences } from '../src/summarize/text.js';
import { defaultEngine } from '../src/summarize/tldr.js';
import { ROOT, sharedFile } from './kit.js';
import { readSciTldr, sciTldrPath } from './scitldr.js';

/**
 * One labelled abstract. `set` says where its text is: SciTLDR dev (sentences as given in `source`) or the arXiv
 * catalog (sentences as Paperboy splits the cleaned abstract). `contribution`: the sentences that state what the
 * paper proposes, introduces, shows or finds, read on their own (a result sentence only when it is the paper's
 * claim, not a figure detail).
 */
interface Label {
  set: 'dev' | 'arxiv';
  id: string;
  contribution: number[];
}

/**
 * A TL;DR that leans on something it does not show, judged here and not by the summariser's own rules so that the
 * summariser cannot pass by agreeing with itself: a pronoun or demonstrative opener, "this problem", "to achieve
 * this", a structured-abstract label, or TeX left over.
 */
const DANGLING: [string, RegExp][] = [
  [
    'pronoun opener',
    /^(?:it|they|this|these|those|that|such|its|their|them|he|she)\b(?! (?:paper|work|study|article|letter|note|thesis|report|survey)\b)/i,
  ],
  [
    'demonstrative',
    /\b(?:this|these|those|such|the above|aforementioned|said) (?!as\b|paper|work|study|article|letter|note|thesis|report|survey|end\b)[a-z-]+/i,
  ],
  [
    'leans on the previous sentence',
    /^(?:to (?:achieve|accomplish|do|address|solve|tackle|overcome|realize|fix) (?:this|that|these|it|so)|observing|motivated|inspired|building on|based on (?:this|these|that))\b/i,
  ],
  [
    'structured label',
    /^(?:background|methods?|results?|conclusions?|objectives?|purpose|aims?|motivation|context|findings|significance|design|setting|introduction|summary)\s*:/i,
  ],
  ['TeX left over', /[\\^_{}$]|\b[A-Za-z]\^/],
];

function danglingReason(tldr: string): string | undefined {
  for (const [reason, re] of DANGLING) if (re.test(tldr)) return reason;
  return undefined;
}

const { values } = parseArgs({
  options: { show: { type: 'boolean', default: false }, list: { type: 'boolean', default: false } },
});
const labels = JSON.parse(readFileSync(join(ROOT, 'bench', 'contrib-labels.json'), 'utf8')) as Label[];
const devPath = sciTldrPath('dev');
const arxivPath = sharedFile('eval', 'arxiv', 'catalog.jsonl');
if (!devPath || !arxivPath) {
  console.error(
    'contrib-tldr: needs ../shared/eval/scitldr/dev.jsonl and ../shared/eval/arxiv/catalog.jsonl',
  );
  process.exit(2);
}
const dev = new Map(readSciTldr(devPath).map((r) => [r.paper_id, r]));
const wanted = new Set(labels.filter((l) => l.set === 'arxiv').map((l) => l.id));
const arxiv = new Map<string, { title: string; abstract: string }>();
for (const line of readFileSync(arxivPath, 'utf8').split('\n')) {
  const id = /^\{"id": "([^"]+)"/.exec(line)?.[1];
  if (id && wanted.has(id)) arxiv.set(id, JSON.parse(line) as { title: string; abstract: string });
}

interface Tally {
  n: number;
  contribution: number;
  standalone: number;
  both: number;
}
const tallies = new Map<string, Tally>();
function count(mode: string, isContribution: boolean, standalone: boolean) {
  const t = tallies.get(mode) ?? { n: 0, contribution: 0, standalone: 0, both: 0 };
  t.n++;
  if (isContribution) t.contribution++;
  if (standalone) t.standalone++;
  if (isContribution && standalone) t.both++;
  tallies.set(mode, t);
}

const engine = defaultEngine();
for (const label of labels) {
  let title: string;
  let sentences: string[];
  let tldrs: [string, string, number][];
  if (label.set === 'dev') {
    const r = dev.get(label.id);
    if (!r) throw new Error(`contrib-tldr: ${label.id} is not in SciTLDR dev`);
    title = r.title;
    sentences = r.source;
    const alone = engine.analyzeSentences(r.source);
    const titled = engine.analyzeSentences(r.source, r.title);
    tldrs = [
      ['abstract only', alone.tldr, alone.sentence],
      ['card (title shown above)', titled.untitled, titled.sentence],
    ];
  } else {
    const r = arxiv.get(label.id);
    if (!r) throw new Error(`contrib-tldr: ${label.id} is not in the arXiv catalog`);
    title = r.title;
    sentences = splitSentences(cleanText(r.abstract));
    const analysis = engine.analyze(r.abstract, r.title);
    tldrs = [['card (title shown above)', builtinSummary(r).tldr, analysis.sentence]];
  }
  // Labels index the sentences as given; the engine's index counts them after it joins wrapped lines and drops
  // empty ones, so each label is mapped to the prepared sentence that holds it.
  const prepared = (i: number) =>
    label.set === 'dev' ? prepareSentences(sentences.slice(0, i + 1)).length - 1 : i;
  const wants = new Set(label.contribution.map(prepared));
  if (values.show) {
    console.log(`\n## ${label.set} ${label.id}: ${title}`);
    sentences.forEach((s, i) => {
      console.log(`  ${label.contribution.includes(i) ? '*' : ' '}${i}. ${s}`);
    });
  }
  for (const [mode, tldr, sentence] of tldrs) {
    const reason = danglingReason(tldr);
    const isContribution = wants.has(sentence);
    count(`${label.set} ${mode}`, isContribution, reason === undefined);
    count(`all ${mode}`, isContribution, reason === undefined);
    if (values.show || values.list) {
      const verdict = `${isContribution ? 'contribution' : 'NOT contribution'}${reason ? `, ${reason}` : ''}`;
      console.log(`  [${label.set} ${label.id} ${mode}] (s${sentence}; ${verdict}) ${tldr}`);
    }
  }
}
const pct = (a: number, n: number) => `${((100 * a) / Math.max(1, n)).toFixed(0)} % (${a}/${n})`;
console.log('\nmode | stand-alone contribution statement | from a contribution sentence | stands alone');
for (const [mode, t] of [...tallies].sort()) {
  console.log(`${mode} | ${pct(t.both, t.n)} | ${pct(t.contribution, t.n)} | ${pct(t.standalone, t.n)}`);
}
