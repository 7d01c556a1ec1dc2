// Chooses a card's TL;DR among the LLM's, Hugging Face's ai_summary and the built-in one, in a configured order.
import type { Paper } from '../catalog/paper.js';
import type { Summary } from '../summarize/types.js';
import { squash } from './format.js';
import type { TldrSource } from './types.js';

export const TLDR_SOURCES = ['llm', 'hf', 'builtin'] as const satisfies readonly TldrSource[];

/** The default: the configured LLM, then Hugging Face's summary, then the built-in summariser. */
export const DEFAULT_TLDR_SOURCES: readonly TldrSource[] = ['llm', 'hf', 'builtin'];

/** "llm,hf,builtin" → the order; unknown names and repeats are reported, not ignored. */
export function parseTldrSources(
  text: string,
): { ok: true; value: TldrSource[] } | { ok: false; error: string } {
  const names = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) return { ok: false, error: 'needs at least one of llm, hf, builtin' };
  const out: TldrSource[] = [];
  for (const name of names) {
    if (!(TLDR_SOURCES as readonly string[]).includes(name)) {
      return {
        ok: false,
        error: `"${name}" is not a summary source: use llm, hf and builtin, e.g. llm,hf,builtin`,
      };
    }
    if (out.includes(name as TldrSource)) return { ok: false, error: `"${name}" is listed twice` };
    out.push(name as TldrSource);
  }
  return { ok: true, value: out };
}

/** A fallback when nothing else wrote one: the abstract's first sentence, which is what the built-in does too. */
function firstSentence(text: string): string {
  const clean = squash(text);
  const match = /^(.{40,}?[.!?])\s+[A-Z]/.exec(clean);
  return match?.[1] ?? clean;
}

/**
 * The TL;DR a card shows and who wrote it. Sources missing from `order` are never used, except that a card is
 * never left empty: with none of the listed sources available it takes the first available in the default order.
 * Hugging Face's summary counts only on a paper Hugging Face lists (a catalog file's own `tldr` is not theirs).
 */
export function pickTldr(
  paper: Pick<Paper, 'abstract' | 'sourceSummary' | 'links'>,
  summary: Pick<Summary, 'tldr' | 'by'> | undefined,
  order: readonly TldrSource[] = DEFAULT_TLDR_SOURCES,
): { text: string; source: TldrSource } | undefined {
  const hf = paper.links.hf ? paper.sourceSummary?.trim() : undefined;
  const candidates: Record<TldrSource, string | undefined> = {
    llm: summary?.by === 'llm' ? summary.tldr.trim() : undefined,
    hf,
    builtin:
      (summary?.by === 'builtin' ? summary.tldr.trim() : undefined) ||
      (hf ? undefined : paper.sourceSummary?.trim()) ||
      firstSentence(paper.abstract) ||
      undefined,
  };
  for (const source of [...order, ...DEFAULT_TLDR_SOURCES]) {
    const text = candidates[source];
    if (text) return { text, source };
  }
  return undefined;
}

/** The small label under a TL;DR. */
export function tldrLabel(source: TldrSource): string {
  return { llm: 'TL;DR by the LLM', hf: 'TL;DR by Hugging Face', builtin: 'TL;DR by Paperboy' }[source];
}
