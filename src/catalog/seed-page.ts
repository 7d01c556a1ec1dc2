// Parses a Hugging Face trending-papers page saved as text: header lines, a date line, then title/abstract pairs.
import { z } from 'zod';
import { titleSlug } from './ids.js';
import { cleanText, linksFromUrls, truncateAtWord } from './normalize.js';
import type { CatalogWarning, Paper } from './paper.js';
import { LIMITS } from './record.js';

/** What a page lacks, from the small JSON manifest saved beside it (same name, .json). */
export const SeedManifestSchema = z.object({
  /** The year of the page's "May 8" date line. */
  year: z.number().int().min(1990).max(2200).optional(),
  /** The full listing date, when known (overrides date line + year). */
  listed: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
    .optional(),
  /** Where the page was taken from. */
  source: z.string().url().optional(),
  title: z.string().optional(),
  note: z.string().optional(),
});
export type SeedManifest = z.infer<typeof SeedManifestSchema>;

const HEADER = [
  /^new$/i,
  /^get trending papers\b/i,
  /^subscribe$/i,
  /^by\s*\S.*\band the research community$/i,
  /^(?:daily|trending) papers$/i,
];

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DATE_LINE =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$/i;
const ISO_DATE_LINE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface Paragraph {
  text: string;
  line: number;
}

function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const lines = text.split(/\r\n?|\n/);
  let current: string[] = [];
  let start = 0;
  lines.forEach((raw, i) => {
    if (raw.trim() === '') {
      if (current.length > 0) out.push({ text: current.join('\n'), line: start + 1 });
      current = [];
    } else {
      if (current.length === 0) start = i;
      current.push(raw);
    }
  });
  if (current.length > 0) out.push({ text: current.join('\n'), line: start + 1 });
  return out;
}

function dateOf(text: string): { month: number; day: number; year?: number } | undefined {
  const t = text.trim();
  const iso = ISO_DATE_LINE.exec(t);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  const m = DATE_LINE.exec(t);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
  const day = Number(m[2]);
  if (day < 1 || day > 31) return undefined;
  return m[3] ? { month, day, year: Number(m[3]) } : { month, day };
}

const isHeader = (t: string) => HEADER.some((re) => re.test(t.trim()));

/** Does this text look like a saved trending page (its header or date line near the top)? */
export function looksLikeSeedPage(text: string): boolean {
  const top = paragraphs(text.slice(0, 4096)).slice(0, 8);
  return top.some((p) => isHeader(p.text)) || (top.length > 0 && dateOf(top[0]!.text) !== undefined);
}

/** A title is short and does not read like a sentence; an abstract is prose. */
function titleLike(p: Paragraph | undefined): boolean {
  if (!p) return false;
  const t = p.text.trim();
  return t.length <= LIMITS.title && !/[.!?]["')\]]?$/.test(t) && t.split(/\s+/).length <= 40;
}

export interface SeedPageResult {
  papers: Paper[];
  warnings: CatalogWarning[];
  listed?: string;
}

/** Papers of a trending page in page order (rank 1 first). Never throws: problems become warnings. */
export function parseSeedPage(text: string, file: string, manifest: SeedManifest = {}): SeedPageResult {
  const warnings: CatalogWarning[] = [];
  const paras = paragraphs(text);
  let i = 0;
  let date: ReturnType<typeof dateOf>;
  let dateLine = 0;
  while (i < paras.length) {
    const p = paras[i]!;
    const d = date ? undefined : dateOf(p.text);
    if (d) {
      date = d;
      dateLine = p.line;
    } else if (!isHeader(p.text)) break;
    i++;
  }
  let listed = manifest.listed;
  if (!listed && date) {
    const year = date.year ?? manifest.year;
    if (year) listed = `${year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
    else {
      warnings.push({
        file,
        line: dateLine,
        reason:
          'the date line has no year; add a manifest beside the page (same name, .json) with {"year": YYYY}',
      });
    }
  }

  const papers: Paper[] = [];
  while (i < paras.length) {
    const titlePara = paras[i]!;
    const next = paras[i + 1];
    let abstractPara: Paragraph | undefined;
    if (next && !(titleLike(next) && (paras[i + 2] === undefined || !titleLike(paras[i + 2])))) {
      abstractPara = next;
      i += 2;
    } else {
      i += 1;
    }
    const title = cleanText(titlePara.text.slice(0, LIMITS.title * 4));
    if (!title.text) continue;
    const clean = cleanText(abstractPara?.text ?? '');
    if (!abstractPara)
      warnings.push({
        file,
        line: titlePara.line,
        reason: 'paper has no abstract; kept it with an empty one',
      });
    let titleText = title.text;
    if (titleText.length > LIMITS.title) {
      warnings.push({
        file,
        line: titlePara.line,
        reason: `title was ${titlePara.text.length.toLocaleString('en-US')} characters; kept the first ${LIMITS.title}`,
      });
      titleText = truncateAtWord(titleText, LIMITS.title);
    }
    const paper: Paper = {
      id: titleSlug(titleText),
      title: titleText,
      abstract: truncateAtWord(clean.text, LIMITS.abstract),
      authors: [],
      categories: [],
      keywords: [],
      links: linksFromUrls(clean.urls),
      trending: { rank: papers.length + 1 },
      source: 'seed',
    };
    if (listed) paper.listed = listed;
    papers.push(paper);
  }
  return listed ? { papers, warnings, listed } : { papers, warnings };
}
