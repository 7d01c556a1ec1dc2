// Hostile-input benchmark: the text a member or a poisoned source can send, timed against a budget per input.
// Every parser and cleaner here used to be quadratic on one of these (issue 19); each must now stay well under
// its budget. The figures are reported, never asserted: the machine is shared. Before the fixes (one run each):
// tokenize 40 kB 8,187 ms, 120 kB 61,350 ms; trimUrl 29,420 ms; cleanText 35,550 ms; \frac{ 1,573 ms;
// \textbf{\emph{ 1,207 ms; parseXml stray close tags 19,171 ms, attribute name 9,187 ms (its regex alone).
import { tokenize } from '../src/app/line/tokenize.js';
import { cleanText, trimUrl } from '../src/catalog/normalize.js';
import { texToUnicode } from '../src/catalog/tex.js';
import { parseXml } from '../src/sources/xml.js';
import { type BenchSuite, report, time } from './kit.js';

interface Case {
  name: string;
  input: string;
  run: (input: string) => unknown;
  /** What the input may cost at most; a linear pass over 50 kB takes a few milliseconds. */
  budgetMs: number;
}

const repeat = (unit: string, bytes: number) => unit.repeat(Math.ceil(bytes / unit.length));

export const HOSTILE: Case[] = [
  { name: "tokenize: 40 kB of 'a", input: repeat("'a ", 40_000), run: tokenize, budgetMs: 50 },
  { name: "tokenize: 120 kB of 'a", input: repeat("'a ", 120_000), run: tokenize, budgetMs: 150 },
  {
    name: 'trimUrl: https://a.com/ + 50,000 )',
    input: `https://a.com/${')'.repeat(50_000)}`,
    run: trimUrl,
    budgetMs: 50,
  },
  {
    name: 'cleanText: https://a.com/ + 50,000 )',
    input: `see https://a.com/${')'.repeat(50_000)}`,
    run: (s) => cleanText(s),
    budgetMs: 100,
  },
  { name: 'TeX: 50 kB of \\frac{', input: repeat('\\frac{', 50_000), run: texToUnicode, budgetMs: 200 },
  {
    name: 'TeX: 50 kB of \\textbf{\\emph{',
    input: repeat('\\textbf{\\emph{', 50_000),
    run: texToUnicode,
    budgetMs: 200,
  },
  {
    name: 'parseXml: 50,000 open + 50,000 unmatched close',
    input: `${'<a>'.repeat(50_000)}${'</b>'.repeat(50_000)}`,
    run: parseXml,
    budgetMs: 300,
  },
  {
    name: 'parseXml: a 50 kB attribute name without =',
    input: `<a ${'b'.repeat(50_000)}></a>`,
    run: parseXml,
    budgetMs: 50,
  },
];

const suite: BenchSuite = {
  name: 'hostile',
  async run() {
    const only = process.argv[3];
    const rows: Record<string, string | number>[] = [];
    for (const c of HOSTILE) {
      if (only && !c.name.includes(only)) continue;
      // Best of three: the first run also pays for compiling the code.
      let ms = Number.POSITIVE_INFINITY;
      for (let round = 0; round < 3; round++) ms = Math.min(ms, (await time(() => c.run(c.input))).ms);
      rows.push({
        input: c.name,
        kB: Math.round(c.input.length / 1000),
        ms: Math.round(ms * 10) / 10,
        budgetMs: c.budgetMs,
        within: ms <= c.budgetMs ? 'yes' : 'NO',
      });
    }
    report('hostile inputs (best of 3, wall ms)', rows);
  },
};
export default suite;
