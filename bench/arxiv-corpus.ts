// Reads the arXiv catalog (../shared/eval/arxiv/catalog.jsonl) as titled abstracts for the TL;DR model's word statistics.
import { readFileSync } from 'node:fs';
import { cleanText, splitSentences } from '../src/summarize/text.js';
import { sharedFile } from './kit.js';

/** An abstract split as the summariser splits it, with its paper's title. */
export interface TitledAbstract {
  sentences: string[];
  title: string;
}

export function arxivCatalogPath(): string | undefined {
  return sharedFile('eval', 'arxiv', 'catalog.jsonl');
}

/** Every catalog paper with an abstract, in file order (the file is sorted by id, so the result is deterministic). */
export function readArxivCorpus(path: string): TitledAbstract[] {
  const out: TitledAbstract[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { title?: unknown; abstract?: unknown };
    if (typeof record.abstract !== 'string' || typeof record.title !== 'string') continue;
    const sentences = splitSentences(cleanText(record.abstract));
    if (sentences.length > 0) out.push({ sentences, title: record.title });
  }
  return out;
}
