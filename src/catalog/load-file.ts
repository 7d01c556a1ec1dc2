// Loads one catalog file, choosing the loader by content: JSON, JSONL (any tool's field names) or a trending page.
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { CatalogError } from './errors.js';
import { arrayElements } from './json-elements.js';
import { PaperMerger } from './merge.js';
import type { CatalogWarning, Paper, PaperSource } from './paper.js';
import { describe, isGzip, readHead, textChunks } from './read-text.js';
import { recordToPaper } from './record.js';
import { looksLikeSeedPage, parseSeedPage, type SeedManifest, SeedManifestSchema } from './seed-page.js';

export type CatalogFormat = 'json' | 'jsonl' | 'seed-page';

export interface CatalogFileResult {
  file: string;
  format: CatalogFormat;
  papers: Paper[];
  warnings: CatalogWarning[];
  /** Records that could not be used. */
  skipped: number;
  /** From a trending page's manifest: what the page is and where it came from. */
  title?: string;
  url?: string;
}

export interface LoadFileOptions {
  /** Called for every warning as it happens (also returned in the result). */
  onWarning?: (warning: CatalogWarning) => void;
  /** Warnings kept per file; the rest are counted in one last warning. */
  maxWarnings?: number;
}

/** Whole-document formats are held in memory; past this, JSONL is the format to use. */
const MAX_DOCUMENT_CHARS = 256 * 1024 * 1024;
/** One JSONL line longer than this is skipped rather than buffered. */
const MAX_LINE_CHARS = 64 * 1024 * 1024;

function firstLines(text: string, count: number, complete: boolean): string[] {
  const lines = text.split('\n');
  if (!complete) lines.pop();
  return lines
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, count);
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(line);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Which loader reads this text: decided by its first characters and lines, never by the file name alone. */
export function sniffFormat(head: string, complete: boolean): CatalogFormat | undefined {
  const t = head.trimStart();
  if (t.startsWith('[')) return 'json';
  if (t.startsWith('{')) {
    // `paperboy catalog --json` writes `{"papers":[` alone on the first line, then one paper per line.
    if (/^\{\s*"papers"\s*:\s*\[/.test(t)) return 'json';
    const lines = firstLines(t, 5, complete);
    for (const [n, line] of lines.entries()) {
      const obj = parseObject(line);
      if (obj) return n === 0 && Array.isArray(obj.papers) ? 'json' : 'jsonl';
    }
    // Nothing parsed on its own: several lines opening objects is broken JSONL; otherwise one JSON document.
    return lines.filter((l) => l.startsWith('{"')).length >= 2 ? 'jsonl' : 'json';
  }
  return looksLikeSeedPage(t) ? 'seed-page' : undefined;
}

/** Collects warnings for one file, capped, and de-duplicates its records as they arrive. */
class FileCollector {
  readonly warnings: CatalogWarning[] = [];
  readonly merger = new PaperMerger();
  private readonly lines = new Map<string, number>();
  skipped = 0;
  private dropped = 0;

  constructor(
    readonly file: string,
    private readonly source: PaperSource,
    private readonly options: LoadFileOptions,
  ) {}

  warn(line: number | undefined, reason: string) {
    if (this.warnings.length >= (this.options.maxWarnings ?? 1000)) {
      this.dropped++;
      return;
    }
    const w: CatalogWarning =
      line === undefined ? { file: this.file, reason } : { file: this.file, line, reason };
    this.warnings.push(w);
    this.options.onWarning?.(w);
  }

  skip(line: number | undefined, reason: string) {
    this.skipped++;
    this.warn(line, reason);
  }

  record(value: unknown, line: number) {
    const result = recordToPaper(value, this.source);
    if (!result.ok) {
      this.skip(line, result.reason);
      return;
    }
    for (const note of result.notes) this.warn(line, note);
    const outcome = this.merger.add(result.paper);
    if (outcome.duplicateOf) {
      const firstLine = this.lines.get(outcome.duplicateOf.id);
      const same = outcome.duplicateOf.id === result.paper.id ? `id ${result.paper.id}` : 'title';
      this.warn(line, `duplicate of the paper on line ${firstLine ?? '?'} (same ${same}); merged into one`);
      this.lines.set(outcome.paper.id, firstLine ?? line);
    } else {
      this.lines.set(outcome.paper.id, line);
    }
  }

  finish() {
    if (this.dropped > 0) {
      const w: CatalogWarning = { file: this.file, reason: `${this.dropped} more warnings not shown` };
      this.warnings.push(w);
      this.options.onWarning?.(w);
    }
  }
}

function jsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `invalid JSON (${message.replace(/\s+/g, ' ').slice(0, 120)})`;
}

async function loadJsonl(head: string, chunks: AsyncGenerator<string>, done: boolean, c: FileCollector) {
  let buffer = head;
  let lineNo = 0;
  let skipping = false;
  const handle = (line: string) => {
    lineNo++;
    const t = line.trim();
    if (t === '') return;
    if (t[0] !== '{') {
      c.skip(lineNo, t[0] === '[' ? 'expected one JSON object per line, got an array' : 'not a JSON object');
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch (error) {
      c.skip(lineNo, jsonError(error));
      return;
    }
    c.record(value, lineNo);
  };
  const drain = (final: boolean) => {
    let start = 0;
    for (;;) {
      const nl = buffer.indexOf('\n', start);
      if (nl < 0) break;
      if (skipping) {
        lineNo++;
        skipping = false;
      } else handle(buffer.slice(start, nl));
      start = nl + 1;
    }
    buffer = start === 0 ? buffer : buffer.slice(start);
    if (buffer.length > MAX_LINE_CHARS) {
      c.skip(lineNo + 1, `line longer than ${MAX_LINE_CHARS / 1024 / 1024} MB; skipped`);
      buffer = '';
      skipping = true;
    }
    if (final && buffer.length > 0) {
      if (!skipping) handle(buffer);
      buffer = '';
    }
  };
  drain(done);
  if (done) return;
  for await (const chunk of chunks) {
    buffer += chunk;
    drain(false);
  }
  drain(true);
}

function loadJsonDocument(text: string, c: FileCollector) {
  const t = text.trimStart();
  let open = -1;
  if (t.startsWith('[')) open = text.indexOf('[');
  else {
    const key = /"papers"\s*:\s*\[/.exec(text);
    if (key) open = key.index + key[0].length - 1;
  }
  if (open < 0) {
    // One paper as a JSON object, or a document we do not know.
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      c.skip(1, jsonError(error));
      return;
    }
    if (value && typeof value === 'object' && !Array.isArray(value) && 'papers' in value) {
      c.skip(1, '"papers" must be an array of paper objects');
      return;
    }
    c.record(value, 1);
    return;
  }
  for (const el of arrayElements(text, open)) {
    if (!el.complete) {
      c.skip(el.line, 'file ends inside this record (truncated JSON); the records before it were loaded');
      return;
    }
    if (el.stray) {
      c.skip(el.line, 'stray "}" between records (a record missing its "{", or one "}" too many)');
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text.slice(el.start, el.end));
    } catch (error) {
      c.skip(el.line, jsonError(error));
      continue;
    }
    c.record(value, el.line);
  }
}

/** The manifest beside a trending page (page.txt → page.json), if there is one. */
async function readManifest(file: string, c: FileCollector): Promise<SeedManifest> {
  const path = join(dirname(file), `${basename(file, extname(file))}.json`);
  if (path === file) return {};
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = SeedManifestSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    c.warn(undefined, `manifest ${path} ignored: ${issue?.path.join('.') || 'value'}: ${issue?.message}`);
  } catch (error) {
    c.warn(undefined, `manifest ${path} ignored: ${jsonError(error)}`);
  }
  return {};
}

/**
 * Loads one catalog file. Bad records are skipped with a warning (file, line, reason); a file that is missing,
 * unreadable, binary, empty or yields no paper throws a CatalogError with a one-line message.
 */
export async function loadCatalogFile(
  file: string,
  options: LoadFileOptions = {},
): Promise<CatalogFileResult> {
  let size: number;
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (!s.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' });
    size = s.size;
  } catch (error) {
    throw new CatalogError(file, describe(error));
  }
  if (size === 0) throw new CatalogError(file, 'is empty');
  let gzip: boolean;
  try {
    gzip = await isGzip(file);
  } catch (error) {
    throw new CatalogError(file, describe(error));
  }
  const chunks = textChunks(file, gzip);
  const { head, done } = await readHead(chunks);
  if (done && head.trim() === '') throw new CatalogError(file, 'is empty');
  const format = sniffFormat(head, done);
  if (!format) {
    await chunks.return(undefined);
    throw new CatalogError(
      file,
      'unrecognised format: expected JSON (an array or {"papers": [...]}), JSONL (one paper object per line) or a Hugging Face trending page saved as text',
    );
  }
  const source: PaperSource = format === 'jsonl' ? 'jsonl' : format === 'json' ? 'json' : 'seed';
  const c = new FileCollector(file, source, options);
  let meta: { title?: string; url?: string } = {};
  if (format === 'jsonl') {
    await loadJsonl(head, chunks, done, c);
  } else {
    let text = head;
    if (!done) {
      for await (const chunk of chunks) {
        text += chunk;
        if (text.length > MAX_DOCUMENT_CHARS) {
          await chunks.return(undefined);
          throw new CatalogError(
            file,
            'is too large to read as one document; save it as JSONL (one paper per line)',
          );
        }
      }
    }
    if (format === 'json') loadJsonDocument(text, c);
    else {
      const manifest = await readManifest(file, c);
      const page = parseSeedPage(text, file, manifest);
      for (const w of page.warnings) c.warn(w.line, w.reason);
      for (const p of page.papers) {
        const outcome = c.merger.add(p);
        if (outcome.duplicateOf) c.warn(undefined, `"${p.title}" appears twice on the page; merged into one`);
      }
      meta = {
        ...(manifest.title ? { title: manifest.title } : {}),
        ...(manifest.source ? { url: manifest.source } : {}),
      };
    }
  }
  c.finish();
  if (c.merger.size === 0) {
    const first = c.warnings[0];
    const why = first ? `; first problem: ${first.line ? `line ${first.line}: ` : ''}${first.reason}` : '';
    throw new CatalogError(
      file,
      `no paper could be loaded (${c.skipped} record${c.skipped === 1 ? '' : 's'} skipped${why})`,
    );
  }
  return { file, format, papers: c.merger.papers(), warnings: c.warnings, skipped: c.skipped, ...meta };
}
