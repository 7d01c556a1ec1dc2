// `paperboy tldr`: the built-in TL;DR of one text, or of every line of a JSONL file (--batch).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { standaloneSummary } from '../summarize/builtin.js';
import { defaultEngine } from '../summarize/tldr.js';
import { NO_ABSTRACT } from '../summarize/types.js';
import { type CliCommand, type CliIO, EXIT, parseCli, UsageError } from './kit.js';

const id = z.union([z.string(), z.number()]).transform(String);

/** `{"id","text"}` (also `abstract`), or SciTLDR's `{"paper_id","source":[sentences]}`; a title is used when given. */
const LineSchema = z.union([
  z.object({
    id,
    text: z.string().optional(),
    abstract: z.string().optional(),
    title: z.string().nullish(),
  }),
  z.object({ paper_id: id, source: z.array(z.string()), title: z.string().nullish() }),
]);

export interface BatchItem {
  id: string;
  /** The abstract as one text, or already split into sentences. */
  text: string | string[];
  title?: string;
}

/** Turns one JSONL line into an item, or a reason it cannot be used. */
export function parseBatchLine(line: string): BatchItem | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON' };
  }
  const parsed = LineSchema.safeParse(json);
  if (!parsed.success) {
    return { error: 'expected {"id","text"} or SciTLDR {"paper_id","source":[…]}' };
  }
  const v = parsed.data;
  const title = v.title ?? undefined;
  if ('paper_id' in v) return { id: v.paper_id, text: v.source, ...(title ? { title } : {}) };
  const text = v.text ?? v.abstract;
  if (text === undefined) return { error: `line for id "${v.id}" has no "text"` };
  return { id: v.id, text, ...(title ? { title } : {}) };
}

export function tldrOf(item: BatchItem, useTitle: boolean): string {
  const title = useTitle ? item.title : undefined;
  // Sentences already split (SciTLDR) are kept as given: the split is part of the benchmark's input.
  return Array.isArray(item.text)
    ? defaultEngine().fromSentences(item.text, title)
    : defaultEngine().tldr(item.text, title);
}

async function runBatch(file: string, useTitle: boolean, io: CliIO): Promise<number> {
  let input: NodeJS.ReadableStream;
  if (file === '-') input = process.stdin;
  else {
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new UsageError(`${file} is not a file`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    input = createReadStream(file, { encoding: 'utf8' });
  }
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  let done = 0;
  let bad = 0;
  let out = '';
  for await (const raw of lines) {
    number++;
    const line = number === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    const item = parseBatchLine(line);
    if ('error' in item) {
      bad++;
      io.err(`paperboy tldr: warning: ${file}:${number}: ${item.error}; skipped\n`);
      continue;
    }
    const summary = tldrOf(item, useTitle);
    if (!summary) io.err(`paperboy tldr: warning: ${file}:${number}: ${NO_ABSTRACT} (id ${item.id})\n`);
    out += `${JSON.stringify({ id: item.id, tldr: summary })}\n`;
    done++;
    if (out.length > 1 << 16) {
      io.out(out);
      out = '';
    }
  }
  if (out) io.out(out);
  if (done === 0) {
    throw new UsageError(
      bad > 0 ? `no usable line in ${file} (${bad} skipped)` : `${file} has no lines to summarise`,
    );
  }
  return EXIT.ok;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

const command: CliCommand = {
  name: 'tldr',
  summary: 'one-sentence TL;DR of an abstract (or of every line of a JSONL file)',
  usage: [
    'paperboy tldr "ABSTRACT TEXT" [--title TITLE] [--json]',
    '       paperboy tldr - [--title TITLE] [--json]          (the text from stdin)',
    '       paperboy tldr --batch FILE.jsonl [--no-title]    (FILE "-" reads stdin)',
    '',
    '--batch FILE   reads {"id","text"} lines (a "title" is used when present) or SciTLDR lines',
    '               {"paper_id","source":[sentences],"title"}, and writes one {"id","tldr"} line each.',
    '               A bad line gets one warning on stderr; the others are still summarised.',
    '--no-title     ignore titles in the batch (abstract-only, as SciTLDR-A is defined)',
    '--title TITLE  the paper title, which helps pick the sentence that says what the paper does',
    '--json         {"tldr","keyPoints"} instead of the sentence alone',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseCli(args, {
      batch: { type: 'string', short: 'b' },
      title: { type: 'string', short: 't' },
      'no-title': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (values.batch !== undefined) {
      if (positionals.length > 0) throw new UsageError('give either --batch FILE or a text, not both');
      return runBatch(values.batch, !values['no-title'], io);
    }
    if (positionals.length === 0)
      throw new UsageError('give the abstract to summarise, or --batch FILE.jsonl');
    const text =
      positionals.length === 1 && positionals[0] === '-' ? await readStdin() : positionals.join(' ');
    // Printed alone, the TL;DR may lead as --batch's does (a card shows the title above it instead).
    const summary = standaloneSummary({ title: values.title ?? '', abstract: text });
    if (!summary.tldr)
      throw new UsageError(`${NO_ABSTRACT.replace(/\.$/, '')}: the text has no sentence to use`);
    io.out(
      values.json
        ? `${JSON.stringify({ tldr: summary.tldr, keyPoints: summary.keyPoints })}\n`
        : `${summary.tldr}\n`,
    );
    return EXIT.ok;
  },
};
export default command;
