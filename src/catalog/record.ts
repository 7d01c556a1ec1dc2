// Maps one catalog record (Paperboy's schema, or common field names from other tools) to a clean Paper.
import { arxivLinks, normalizeArxivId, titleSlug } from './ids.js';
import {
  absoluteUrl,
  classifyUrl,
  cleanTextStable,
  linksFromUrls,
  normalizeText,
  truncateAtWord,
} from './normalize.js';
import {
  type Paper,
  type PaperLinks,
  PaperSchema,
  type PaperSource,
  PaperSourceSchema,
  type Trending,
} from './paper.js';

export const LIMITS = {
  title: 300,
  abstract: 20_000,
  comment: 2_000,
  summary: 4_000,
  name: 200,
  authors: 5_000,
  list: 100,
  token: 100,
  id: 200,
} as const;

export type RecordResult = { ok: true; paper: Paper; notes: string[] } | { ok: false; reason: string };

type Obj = Record<string, unknown>;

const SOURCES = new Set<string>(PaperSourceSchema.options);

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

function first(obj: Obj, keys: readonly string[]): unknown {
  for (const k of keys) {
    const v = obj[k];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

/** Text of a field that may be a string or a list of sentences (SciTLDR's `source`). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(' ');
  return undefined;
}

/** Cleans text after clipping the raw input, so a megabyte title costs no more than a short one. */
function clipped(raw: string, max: number, paragraphs = false) {
  const clean = cleanTextStable(raw.length > max * 4 ? raw.slice(0, max * 4) : raw, { paragraphs });
  return { text: truncateAtWord(clean.text, max), urls: clean.urls, cut: clean.text.length > max };
}

/**
 * An author string without its parenthesised affiliations: "A. S. Mishchenko (1, 2), N. Nagaosa (1, 3) ((1)
 * CREST, …)" → "A. S. Mishchenko, N. Nagaosa". Linear: one pass with a depth counter; an unclosed "(" ends it.
 */
export function withoutAffiliations(value: string): string {
  if (!value.includes('(')) return value;
  let out = '';
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '(') {
      if (depth === 0) out += value.slice(start, i);
      depth++;
    } else if (c === ')' && depth > 0) {
      depth--;
      if (depth === 0) start = i + 1;
    }
  }
  if (depth === 0) out += value.slice(start);
  return out.replace(/\s+([,;])/g, '$1');
}

/** Splits an author list: "A, B and C", "A; B", "A, B, and C"; a ";" list keeps "Last, First" names whole. */
function splitNames(value: string): string[] {
  const plain = withoutAffiliations(value);
  return plain.includes(';') ? plain.split(';') : plain.split(/\s*,\s*and\s+|\s*,\s*|\s+and\s+/);
}

/** Kaggle's authors_parsed rows: [last, first, suffix, affiliation?] → "First Last Suffix". */
function parsedNames(value: unknown): { names: string[]; affiliations: string[] } | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const names: string[] = [];
  const affiliations: string[] = [];
  for (const row of value.slice(0, LIMITS.authors)) {
    if (!Array.isArray(row) || typeof row[0] !== 'string') continue;
    const [last, given, suffix, affiliation] = row as unknown[];
    const name = [given, last, suffix].filter((p) => typeof p === 'string' && p.trim() !== '').join(' ');
    if (name) names.push(name);
    if (typeof affiliation === 'string' && affiliation.trim()) affiliations.push(affiliation);
  }
  return names.length > 0 ? { names, affiliations } : undefined;
}

function names(value: unknown): string[] {
  let items: unknown[];
  if (typeof value === 'string') {
    items = splitNames(value);
  } else if (Array.isArray(value)) {
    items = value;
  } else {
    return [];
  }
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of items.slice(0, LIMITS.authors)) {
    let raw: unknown = item;
    if (item && typeof item === 'object') {
      const o = item as Obj;
      raw =
        first(o, ['name', 'fullname', 'full_name', 'fullName']) ??
        ([first(o, ['first', 'given', 'firstName']), first(o, ['last', 'family', 'lastName'])]
          .filter((p) => typeof p === 'string')
          .join(' ') ||
          undefined);
    }
    if (typeof raw !== 'string') continue;
    const name = truncateAtWord(normalizeText(raw), LIMITS.name);
    if (name && !seen.has(name)) {
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}

/** MSC (68T45) and ACM (I.2.7) class codes ride along in arXiv's category lists; they are not categories. */
const CLASS_CODE = /^(?:\d{2}[A-Z-]\d{2}|\d{2}[A-Z]xx|[A-K]\.\d+(?:\.\d+)?|[A-K]\.m)$/;

const SIMPLE_TOKEN = /^[A-Za-z0-9][\w.-]*$/;

function tokens(value: unknown, split: RegExp, dropClassCodes: boolean, splitItems = true): string[] {
  let items: unknown[];
  if (typeof value === 'string') items = value.split(split);
  else if (Array.isArray(value))
    items = splitItems ? value.flatMap((v) => (typeof v === 'string' ? v.split(/[;,]/) : [v])) : value;
  else return [];
  const out: string[] = [];
  for (const item of items) {
    const raw =
      typeof item === 'string' ? item : item && typeof item === 'object' ? (item as Obj).term : undefined;
    if (typeof raw !== 'string') continue;
    const t = (SIMPLE_TOKEN.test(raw) ? raw : normalizeText(raw)).slice(0, LIMITS.token);
    if (!t || (dropClassCodes && CLASS_CODE.test(t)) || out.includes(t)) continue;
    out.push(t);
    if (out.length >= LIMITS.list) break;
  }
  return out;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})/;

/** YYYY-MM-DD from an ISO string, an RFC 2822 date, or epoch seconds/milliseconds; undefined if unusable. */
export function isoDate(value: unknown): string | undefined {
  let d: Date | undefined;
  if (typeof value === 'string') {
    const m = ISO.exec(value.trim());
    if (m) {
      const month = Number(m[2]);
      const day = Number(m[3]);
      return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? m[0] : undefined;
    }
    const t = Date.parse(value);
    if (!Number.isNaN(t)) d = new Date(t);
  } else if (typeof value === 'number' && Number.isFinite(value)) {
    d = new Date(value > 1e11 ? value : value * 1000);
  }
  if (!d || Number.isNaN(d.getTime())) return undefined;
  const year = d.getUTCFullYear();
  return year >= 1900 && year <= 2200 ? d.toISOString().slice(0, 10) : undefined;
}

function count(value: unknown, min: number): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
  const i = Math.round(n);
  return i >= min && i <= Number.MAX_SAFE_INTEGER ? i : undefined;
}

function url(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 2000) return undefined;
  const v = value.trim();
  return /^(?:https?:\/\/|www\.)/i.test(v) ? absoluteUrl(v) : undefined;
}

const LINK_FIELDS: Record<keyof PaperLinks, readonly string[]> = {
  abs: ['abs', 'abs_url', 'absUrl', 'arxiv_url', 'arxivUrl'],
  pdf: ['pdf', 'pdf_url', 'pdfUrl'],
  hf: ['hf', 'hf_url', 'hfUrl', 'huggingface_url'],
  code: [
    'code',
    'code_url',
    'codeUrl',
    'github',
    'github_url',
    'githubUrl',
    'repo',
    'repo_url',
    'repository',
  ],
  project: ['project', 'project_page', 'projectPage', 'project_url', 'projectUrl', 'homepage', 'website'],
};

function links(obj: Obj): PaperLinks {
  const nested =
    obj.links && typeof obj.links === 'object' && !Array.isArray(obj.links) ? (obj.links as Obj) : {};
  const out: PaperLinks = {};
  for (const key of Object.keys(LINK_FIELDS) as (keyof PaperLinks)[]) {
    for (const field of LINK_FIELDS[key]) {
      const u = url(nested[field]) ?? url(obj[field]);
      if (u) {
        out[key] = u;
        break;
      }
    }
  }
  // A generic "url" goes where it belongs: the paper's page, its code or its project.
  const generic = url(first(obj, ['url', 'link', 'paper_url', 'paperUrl']));
  if (generic) {
    const slot = classifyUrl(generic);
    const key = slot === 'paper' ? 'abs' : slot;
    out[key] ??= generic;
  }
  return out;
}

function trending(obj: Obj): Trending {
  const nested =
    obj.trending && typeof obj.trending === 'object' && !Array.isArray(obj.trending)
      ? (obj.trending as Obj)
      : {};
  const t: Trending = {};
  const rank = count(nested.rank ?? first(obj, ['rank', 'trending_rank', 'position']), 1);
  const upvotes = count(nested.upvotes ?? first(obj, ['upvotes', 'numUpvotes', 'num_upvotes', 'likes']), 0);
  const stars = count(nested.stars ?? first(obj, ['stars', 'github_stars', 'githubStars']), 0);
  const comments = count(
    nested.comments ??
      first(obj, ['num_comments', 'numComments']) ??
      (typeof obj.comments === 'number' ? obj.comments : undefined),
    0,
  );
  if (rank !== undefined) t.rank = rank;
  if (upvotes !== undefined) t.upvotes = upvotes;
  if (stars !== undefined) t.stars = stars;
  if (comments !== undefined) t.comments = comments;
  // Paperboy's own measurements ride along, so `catalog --json` loads back as it was written.
  if (typeof nested.velocity === 'number' && Number.isFinite(nested.velocity) && nested.velocity >= 0)
    t.velocity = nested.velocity;
  if (typeof nested.score === 'number' && Number.isFinite(nested.score)) t.score = nested.score;
  if (typeof nested.scoredAt === 'string' && nested.scoredAt.length <= 40) t.scoredAt = nested.scoredAt;
  return t;
}

function explicitId(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const id = value.replace(/[\s\u0000-\u001F\u007F]+/g, ' ').trim();
  return id.length > 0 && id.length <= LIMITS.id ? id : undefined;
}

/** Kaggle's versions: [{version: "v1", created: "Mon, 2 Apr 2007 19:18:42 GMT"}, …], oldest first. */
function versionDates(
  value: unknown,
): { first: string; last: string; count: number; number?: number } | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const created = value
    .map((v) => (v && typeof v === 'object' ? (v as Obj).created : undefined))
    .filter((c): c is string => typeof c === 'string');
  if (created.length === 0) return undefined;
  const lastVersion = value[value.length - 1];
  const tag = lastVersion && typeof lastVersion === 'object' ? (lastVersion as Obj).version : undefined;
  const n = typeof tag === 'string' ? /^v(\d{1,4})$/.exec(tag.trim())?.[1] : undefined;
  return {
    first: created[0]!,
    last: created[created.length - 1]!,
    count: value.length,
    ...(n ? { number: Number(n) } : {}),
  };
}

/** The version in an arXiv id or URL ("2505.01234v2" → 2). */
function versionOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})v(\d{1,4})\b/i.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** A DOI without its resolver ("https://doi.org/10.1/x", "doi:10.1/x" → "10.1/x"); the first of several. */
export function doiOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /\b(10\.\d{4,9}\/\S+)/.exec(value.trim());
  if (!m || m[1]!.length > LIMITS.id) return undefined;
  return m[1]!.replace(/[.,;]+$/, '');
}

function tokenList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter((v): v is string => typeof v === 'string')
    .map((v) => truncateAtWord(normalizeText(v), LIMITS.name))
    .filter(Boolean);
}

/** A person or organisation named by a string or by Hugging Face's {fullname, name, user} objects. */
function displayName(value: unknown): string | undefined {
  const raw =
    typeof value === 'string'
      ? value
      : value && typeof value === 'object'
        ? first(value as Obj, ['fullname', 'name', 'user'])
        : undefined;
  if (typeof raw !== 'string') return undefined;
  const name = truncateAtWord(normalizeText(raw), LIMITS.name);
  return name || undefined;
}

/** Hugging Face's extras, under Paperboy's names or the API's own. */
function extras(obj: Obj, paper: Paper) {
  const thumbnail = url(obj.thumbnail);
  if (thumbnail) paper.thumbnail = thumbnail;
  if (Array.isArray(obj.mediaUrls)) {
    const media = obj.mediaUrls
      .map(url)
      .filter((u): u is string => u !== undefined)
      .slice(0, LIMITS.list);
    if (media.length > 0) paper.mediaUrls = [...new Set(media)];
  }
  const organization = displayName(obj.organization);
  if (organization) paper.organization = organization;
  const submittedBy = displayName(obj.submittedBy ?? obj.submittedOnDailyBy);
  if (submittedBy) paper.submittedBy = submittedBy;
}

/**
 * One record → Paper, or the reason it cannot be one. Unusable optional fields (a bad date, a non-http link)
 * are dropped; only a record without a usable title is rejected. `notes` report what was cut.
 */
export function recordToPaper(value: unknown, fallbackSource: PaperSource): RecordResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: `expected a JSON object, got ${kind(value)}` };
  }
  const obj = value as Obj;
  const rawTitle = first(obj, ['title', 'name', 'paper_title', 'paperTitle']);
  if (rawTitle === undefined) return { ok: false, reason: 'no title (expected a "title" field)' };
  const titleText = textOf(rawTitle);
  if (titleText === undefined)
    return { ok: false, reason: `"title" must be a string, got ${kind(rawTitle)}` };
  const notes: string[] = [];
  const title = clipped(titleText, LIMITS.title);
  if (!title.text) return { ok: false, reason: 'empty title' };
  if (title.cut) {
    notes.push(
      `title was ${titleText.length.toLocaleString('en-US')} characters; kept the first ${LIMITS.title}`,
    );
  }

  const rawAbstract =
    textOf(first(obj, ['abstract', 'summary', 'text', 'description', 'abstractText'])) ??
    (Array.isArray(obj.source) ? textOf(obj.source) : undefined);
  const abstract =
    rawAbstract === undefined
      ? { text: '', urls: [], cut: false }
      : clipped(rawAbstract, LIMITS.abstract, true);
  if (abstract.cut) {
    notes.push(
      `abstract was ${rawAbstract!.length.toLocaleString('en-US')} characters; kept the first ${LIMITS.abstract.toLocaleString('en-US')}`,
    );
  }

  const given = links(obj);
  const isBeir = obj._id !== undefined && obj.text !== undefined && obj.abstract === undefined;
  const idValue = first(obj, ['id', 'paper_id', 'paperId', 'doc_id', 'docid', 'uid']);
  const arxivId =
    normalizeArxivId(textOf(first(obj, ['arxivId', 'arxiv_id', 'arxiv', 'arXiv']))) ??
    (typeof idValue === 'string' ? normalizeArxivId(idValue) : undefined) ??
    (given.abs && /arxiv\.org\//.test(given.abs) ? normalizeArxivId(given.abs) : undefined) ??
    (given.pdf && /arxiv\.org\//.test(given.pdf) ? normalizeArxivId(given.pdf) : undefined);
  const id =
    (isBeir ? explicitId(obj._id) : undefined) ??
    arxivId ??
    explicitId(idValue ?? obj._id) ??
    titleSlug(title.text);

  const found = linksFromUrls(abstract.urls);
  const paperLinks: PaperLinks = { ...(arxivId ? arxivLinks(arxivId) : {}), ...found, ...given };

  const sourceField =
    typeof obj.source === 'string' && SOURCES.has(obj.source) ? (obj.source as PaperSource) : undefined;
  const source: PaperSource =
    sourceField ??
    (isBeir ? 'beir' : arxivId && obj.first_listed !== undefined ? 'arxiv-listing' : fallbackSource);

  // Kaggle's arXiv snapshot: authors_parsed is exact where the authors string mixes in affiliations.
  const parsed = parsedNames(obj.authors_parsed);
  const paper: Paper = {
    id,
    title: title.text,
    abstract: abstract.text,
    authors: names(parsed?.names ?? first(obj, ['authors', 'author', 'creators'])),
    categories: tokens(first(obj, ['categories', 'category', 'primary_category']), /[\s,;]+/, true),
    // A keyword list is kept item by item: "Mixture-of-Experts, sparse" may be one keyword.
    keywords: tokens(first(obj, ['keywords', 'ai_keywords', 'tags', 'topics']), /[,;]+/, false, false),
    links: paperLinks,
    trending: trending(obj),
    source,
  };
  if (arxivId) paper.arxivId = arxivId;
  const versions = versionDates(obj.versions);
  const published = isoDate(
    first(obj, ['published', 'publishedAt', 'published_at', 'date', 'submitted', 'created']) ??
      versions?.first,
  );
  const listed = isoDate(
    first(obj, ['listed', 'first_listed', 'listedAt', 'listed_at', 'submittedOnDailyAt']),
  );
  const updated = isoDate(
    first(obj, ['updated', 'updatedAt', 'updated_at']) ??
      (versions && versions.count > 1 ? versions.last : undefined) ??
      obj.update_date,
  );
  if (published) paper.published = published;
  if (listed) paper.listed = listed;
  if (updated) paper.updated = updated;
  const comment = textOf(first(obj, ['comment', 'comments']));
  if (comment) {
    const c = clipped(comment, LIMITS.comment).text;
    if (c) paper.comment = c;
  }
  const journalRef = textOf(first(obj, ['journalRef', 'journal_ref', 'journal-ref']));
  if (journalRef) {
    const j = clipped(journalRef, LIMITS.comment).text;
    if (j) paper.journalRef = j;
  }
  const doi = doiOf(first(obj, ['doi', 'DOI']));
  if (doi) paper.doi = doi;
  const version = count(obj.version, 1) ?? versions?.number ?? versionOf(idValue);
  if (version !== undefined) paper.version = version;
  const affiliations = tokenList(obj.affiliations) ?? parsed?.affiliations.map(normalizeText);
  if (affiliations && affiliations.length > 0)
    paper.affiliations = [...new Set(affiliations)].slice(0, LIMITS.list);
  extras(obj, paper);
  const summaryField = textOf(first(obj, ['sourceSummary', 'ai_summary', 'tldr']));
  const extraSummary =
    summaryField ?? (obj.abstract !== undefined && typeof obj.summary === 'string' ? obj.summary : undefined);
  if (extraSummary) {
    const s = clipped(extraSummary, LIMITS.summary).text;
    if (s && s !== paper.abstract) paper.sourceSummary = s;
  }
  // The coercion above builds the shape; zod still has the last word on every record (about 8% of the load time).
  const checked = PaperSchema.safeParse(paper);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, paper, notes };
}
