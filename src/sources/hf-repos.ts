// Hugging Face Hub artifacts of a paper: the models, datasets and Spaces citing it (`/api/arxiv/<id>/repos`), cached.
import type { Logger } from 'pino';
import { z } from 'zod';
import type { HubArtifacts, Paper } from '../catalog/paper.js';
import { getText, type HttpDeps, type HttpPolicy } from './http.js';

/** One repository as the endpoint lists it; only the id and likes matter to a card, the rest is ignored. */
const RepoSchema = z.object({
  id: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
  likes: z.number().nonnegative().optional().catch(undefined),
});

const list = z
  .array(z.unknown())
  .nullish()
  .transform((items) =>
    (items ?? []).flatMap((item) => {
      const repo = RepoSchema.safeParse(item);
      return repo.success ? [repo.data] : [];
    }),
  );

/** The documented answer: `{ models: [...], datasets: [...], spaces: [...] }`, each a list of repositories. */
export const HfReposSchema = z.object({ models: list, datasets: list, spaces: list });

/** The most liked repository of a kind; the endpoint's own order breaks ties. */
function top(repos: { id: string; likes?: number | undefined }[]): string | undefined {
  let best: { id: string; likes?: number | undefined } | undefined;
  for (const repo of repos) if (!best || (repo.likes ?? 0) > (best.likes ?? 0)) best = repo;
  return best?.id;
}

/** The counts and top repositories of an answer; undefined when it is not the expected shape. */
export function hubArtifacts(json: unknown): HubArtifacts | undefined {
  const parsed = HfReposSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { models, datasets, spaces } = parsed.data;
  const tops = { model: top(models), dataset: top(datasets), space: top(spaces) };
  return {
    models: models.length,
    datasets: datasets.length,
    spaces: spaces.length,
    top: Object.fromEntries(Object.entries(tops).filter(([, v]) => v !== undefined)),
  };
}

export interface HubLookupOptions {
  apiUrl: string;
  deps: HttpDeps;
  policy?: Partial<HttpPolicy>;
  logger: Logger;
  /** How long an answer is kept before it is asked for again (default a day: new models appear slowly). */
  ttlMs?: number;
  /** Papers looked up per fetch at most (default 120), so a backfill never sends hundreds of requests. */
  maxPerFetch?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
}

export interface HubLookup {
  /**
   * The papers with `hub` filled in where the Hub knows of repositories citing them. Papers without a new-style
   * arXiv id are left as they are; a failed lookup leaves the paper as it is and is retried on the next fetch.
   */
  enrich(
    papers: readonly Paper[],
    now: Date,
    signal?: AbortSignal,
  ): Promise<{ papers: Paper[]; failed: number }>;
}

const NEW_STYLE = /^\d{4}\.\d{4,5}$/;

export function createHubLookup(options: HubLookupOptions): HubLookup {
  const base = options.apiUrl.replace(/\/+$/, '');
  const ttl = options.ttlMs ?? 24 * 60 * 60 * 1000;
  const max = options.maxPerFetch ?? 120;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const log = options.logger.child({ source: 'hf-repos' });
  const cache = new Map<string, { at: number; hub: HubArtifacts | null }>();

  async function lookup(
    id: string,
    now: number,
    signal?: AbortSignal,
  ): Promise<HubArtifacts | null | 'failed'> {
    const hit = cache.get(id);
    if (hit && now - hit.at < ttl) return hit.hub;
    const url = `${base}/arxiv/${id}/repos`;
    const res = await getText(url, {
      deps: options.deps,
      policy: { attempts: 2, ...options.policy },
      signal,
      headers: { accept: 'application/json' },
    });
    // The Hub answers 404 for a paper it has no page for: nothing cites it, which is an answer, not a failure.
    if (!res.ok && res.failure.status === 404) {
      cache.set(id, { at: now, hub: null });
      return null;
    }
    if (!res.ok) {
      log.warn(
        { url, failure: { kind: res.failure.kind, message: res.failure.message } },
        'hf-repos: lookup failed',
      );
      return 'failed';
    }
    let json: unknown;
    try {
      json = JSON.parse(res.text);
    } catch {
      log.warn({ url }, 'hf-repos: answer is not JSON');
      return 'failed';
    }
    // An empty answer of either kind: nothing on the Hub cites the paper.
    const hub = Array.isArray(json) && json.length === 0 ? hubArtifacts({}) : hubArtifacts(json);
    if (!hub) {
      log.warn({ url }, 'hf-repos: answer is not the documented {models, datasets, spaces}');
      return 'failed';
    }
    const found = hub.models + hub.datasets + hub.spaces > 0 ? hub : null;
    cache.set(id, { at: now, hub: found });
    return found;
  }

  return {
    async enrich(papers, now, signal) {
      const out = [...papers];
      const todo = out
        .map((paper, index) => ({ paper, index }))
        .filter(({ paper }) => paper.arxivId && NEW_STYLE.test(paper.arxivId))
        .slice(0, max);
      let failed = 0;
      let next = 0;
      const worker = async () => {
        while (next < todo.length && !signal?.aborted) {
          const { paper, index } = todo[next++]!;
          const hub = await lookup(paper.arxivId as string, now.getTime(), signal);
          if (hub === 'failed') failed++;
          else if (hub) out[index] = { ...paper, hub };
          else if (paper.hub) {
            const { hub: _gone, ...rest } = paper;
            out[index] = rest;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
      return { papers: out, failed };
    },
  };
}
