// createSummarizer: the built-in summariser, or an LLM in front of it (cached, deduplicated, falling back).
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Paper } from '../catalog/paper.js';
import { silentLogger } from '../logger.js';
import type { KeyValueStore } from '../store/types.js';
import { builtinOverview, builtinSummary } from './builtin.js';
import { type LlmConfig, LlmError, requestSummary } from './llm.js';
import type { Overview, Summarizer, Summary } from './types.js';

export { builtinOverview, builtinSummary, createBuiltinSummarizer, keyPoints } from './builtin.js';
export { type LlmConfig, LlmError, parseAnswer, promptFor, requestSummary, SYSTEM_PROMPT } from './llm.js';
export { overviewOf } from './overview.js';
export { tldr } from './tldr.js';
export { NO_ABSTRACT, type Overview, type Summarizer, type Summary } from './types.js';

/** Namespace of LLM summaries in the key-value store. */
export const CACHE_NAMESPACE = 'summary.llm';

export interface SummarizerOptions {
  /** The LLM endpoint; null or absent: built-in summaries only. */
  llm?: LlmConfig | null;
  /** Where LLM summaries are kept so a paper is never summarised twice (default: in memory). */
  cache?: KeyValueStore;
  fetch?: typeof fetch;
  logger?: Logger;
  /** LLM calls in flight at once (default 4): a digest for many channels must not flood a local model. */
  maxConcurrent?: number;
  /** Built-in summaries remembered, most recently used kept (default 5,000; 0 turns it off). */
  memo?: number;
}

const CachedSchema = z.object({ tldr: z.string().min(1), keyPoints: z.array(z.string()) });

/** A bounded in-memory KeyValueStore: the cache when no database store is given. */
export class MemoryKeyValueStore implements KeyValueStore {
  private readonly map = new Map<string, string>();
  constructor(private readonly capacity = 10_000) {}
  async getValue(namespace: string, key: string) {
    return this.map.get(`${namespace}\u0000${key}`);
  }
  async setValue(namespace: string, key: string, value: string) {
    const k = `${namespace}\u0000${key}`;
    this.map.delete(k);
    this.map.set(k, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }
  async deleteValue(namespace: string, key: string) {
    this.map.delete(`${namespace}\u0000${key}`);
  }
}

/** The cache key of a paper's LLM summary: its id plus a hash of what the model saw (and which model). */
export function cacheKey(paper: Pick<Paper, 'id' | 'title' | 'abstract'>, model: string): string {
  const hash = createHash('sha256')
    .update(`${model}\u0000${paper.title}\u0000${paper.abstract}`)
    .digest('hex')
    .slice(0, 16);
  return `${paper.id}:${hash}`;
}

function withCode(keyPoints: readonly string[], paper: Paper): string[] {
  const code = paper.links.code;
  return code ? [...keyPoints, `Code: ${code}`] : [...keyPoints];
}

/** A small semaphore: at most `limit` tasks run at once, the rest wait their turn. */
function limiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/**
 * The Summarizer for the app: built-in summaries, or LLM summaries when `llm` is configured. An LLM failure
 * (timeout, 429, 500, malformed or far-too-long answer) falls back to the built-in summary; LLM summaries are
 * cached by paper id and content hash, and concurrent requests for one paper share one call. Never rejects.
 */
export function createSummarizer(options: SummarizerOptions = {}): Summarizer {
  const llm = options.llm ?? null;
  const cache = options.cache ?? new MemoryKeyValueStore();
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const logger = options.logger ?? silentLogger();
  const run = limiter(Math.max(1, options.maxConcurrent ?? 4));
  const inflight = new Map<string, Promise<Summary>>();
  let coolUntil = 0;
  /** The LLM failure being lived with: warned about once, until an answer comes back. */
  let failing: string | undefined;

  function llmFailed(paper: Paper, reason: string, message: string): Summary {
    if (failing === undefined) {
      logger.warn(
        { paper: paper.id, reason },
        `LLM summaries failed, using the built-in ones until it answers again: ${message}`,
      );
    }
    failing = message;
    return { ...fallback(paper), llmError: message };
  }

  // Built-in summaries are a pure function of the paper and cost milliseconds each; a search shows the same
  // popular papers again and again. Keyed by the Paper object, so a paper updated by a refresh is summarised anew.
  const builtinMemo = new Map<Paper, Summary>();
  const memoLimit = Math.max(0, options.memo ?? 5_000);

  function fallback(paper: Paper): Summary {
    const memo = builtinMemo.get(paper);
    if (memo) {
      builtinMemo.delete(paper);
      builtinMemo.set(paper, memo);
      return { ...memo, keyPoints: [...memo.keyPoints] };
    }
    try {
      const summary = builtinSummary(paper);
      if (memoLimit > 0) {
        if (builtinMemo.size >= memoLimit) builtinMemo.delete(builtinMemo.keys().next().value as Paper);
        builtinMemo.set(paper, summary);
      }
      return { ...summary, keyPoints: [...summary.keyPoints] };
    } catch (error) {
      // The built-in path is total; this guards the promise "never rejects" against a bug.
      logger.error({ paper: paper.id, err: error }, 'built-in summary failed');
      return { tldr: '', keyPoints: withCode([], paper), by: 'builtin' };
    }
  }

  async function viaLlm(paper: Paper, config: LlmConfig, key: string): Promise<Summary> {
    try {
      const hit = await cache.getValue(CACHE_NAMESPACE, key);
      if (hit !== undefined) {
        const cached = CachedSchema.safeParse(JSON.parse(hit));
        if (cached.success)
          return { tldr: cached.data.tldr, keyPoints: withCode(cached.data.keyPoints, paper), by: 'llm' };
      }
    } catch (error) {
      logger.warn({ paper: paper.id, err: error }, 'summary cache unreadable; asking the model');
    }
    if (Date.now() < coolUntil)
      return llmFailed(paper, 'rate-limited', failing ?? 'the model endpoint is rate limiting');
    try {
      const answer = await run(() => requestSummary(paper, config, fetchImpl));
      const keyPoints =
        answer.keyPoints.length > 0
          ? answer.keyPoints
          : fallback(paper).keyPoints.filter((k) => !k.startsWith('Code: '));
      try {
        await cache.setValue(CACHE_NAMESPACE, key, JSON.stringify({ tldr: answer.tldr, keyPoints }));
      } catch (error) {
        logger.warn({ paper: paper.id, err: error }, 'could not cache the LLM summary');
      }
      if (failing !== undefined) {
        logger.info({ paper: paper.id }, 'LLM summaries are answering again');
        failing = undefined;
      }
      return { tldr: answer.tldr, keyPoints: withCode(keyPoints, paper), by: 'llm' };
    } catch (error) {
      if (error instanceof LlmError && error.retryAfterMs !== undefined)
        coolUntil = Date.now() + error.retryAfterMs;
      return llmFailed(
        paper,
        error instanceof LlmError ? error.reason : 'unexpected',
        error instanceof Error ? error.message : String(error),
      );
    }
  }

  async function summarize(paper: Paper): Promise<Summary> {
    if (!llm || !/[\p{L}\p{N}]/u.test(paper.abstract ?? '')) return fallback(paper);
    const key = cacheKey(paper, llm.model);
    const pending = inflight.get(key);
    if (pending) return pending;
    const promise = viaLlm(paper, llm, key).finally(() => inflight.delete(key));
    inflight.set(key, promise);
    return promise;
  }

  async function overview(papers: readonly Paper[]): Promise<Overview> {
    const summaries = await Promise.all(papers.map((p) => summarize(p)));
    return builtinOverview(
      papers,
      summaries.map((s) => s.tldr),
    );
  }

  return { summarize, overview };
}
