// Test kit for the sources: a local HTTP server serving fixtures, fake ports and a fast fake clock.

import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Paper } from '../../src/catalog/paper.js';
import type { SearchEngine } from '../../src/search/types.js';
import type { HttpDeps } from '../../src/sources/http.js';
import type { RefreshReport } from '../../src/sources/refresh.js';
import type { KeyValueStore, PaperStore } from '../../src/store/types.js';
import { FakeClock } from '../support/fake-clock.js';

export function fixture(name: string): string {
  return readFileSync(resolve(import.meta.dirname, '../fixtures/sources', name), 'utf8');
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  /** Waits this long before answering (for timeouts). */
  delayMs?: number;
}

export interface FixtureServer {
  url: string;
  requests: URL[];
  close(): Promise<void>;
}

/** Serves `route(url, n)` where n counts requests to the same path, on 127.0.0.1 and a free port. */
export async function startServer(route: (url: URL, nth: number) => Reply): Promise<FixtureServer> {
  const requests: URL[] = [];
  const counts = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const nth = counts.get(url.pathname) ?? 0;
    counts.set(url.pathname, nth + 1);
    const reply = route(url, nth);
    const send = () => {
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    };
    if (reply.delayMs) {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!res.destroyed) send();
      }, reply.delayMs);
      timers.add(t);
    } else send();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((ok) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Real fetch, but sleeps only advance a fake clock (and are recorded), so back-off and pacing cost nothing. */
export function fastDeps(start = '2025-05-12T12:00:00Z') {
  const clock = new FakeClock(start);
  const sleeps: number[] = [];
  const deps: HttpDeps = {
    fetch: (input, init) => globalThis.fetch(input, init),
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    random: () => 0.5,
    now: clock.now,
  };
  return { deps, sleeps, clock };
}

export class MemoryStore implements PaperStore, KeyValueStore {
  papers = new Map<string, Paper>();
  kv = new Map<string, string>();
  failUpserts = false;
  async upsertPapers(papers: readonly Paper[]) {
    if (this.failUpserts) throw new Error('database is locked');
    for (const p of papers) this.papers.set(p.id, structuredClone(p));
  }
  async loadPapers() {
    return [...this.papers.values()].map((p) => structuredClone(p));
  }
  async getValue(ns: string, key: string) {
    return this.kv.get(`${ns}/${key}`);
  }
  async setValue(ns: string, key: string, value: string) {
    this.kv.set(`${ns}/${key}`, value);
  }
  async deleteValue(ns: string, key: string) {
    this.kv.delete(`${ns}/${key}`);
  }
}

/** The SearchEngine methods the refresh uses, over a Map (get also finds arXiv ids, like the real one). */
export class MapSearch implements Pick<SearchEngine, 'get' | 'upsert' | 'all'> {
  papers = new Map<string, Paper>();
  upserts = 0;
  constructor(initial: Paper[] = []) {
    for (const p of initial) this.papers.set(p.id, p);
  }
  get(id: string) {
    return this.papers.get(id) ?? [...this.papers.values()].find((p) => p.arxivId === id);
  }
  all() {
    return this.papers.values();
  }
  upsert(papers: readonly Paper[]) {
    this.upserts++;
    for (const p of papers) this.papers.set(p.id, p);
  }
}

/** The one fake clock of test/support, started at `iso`. */
export function clockAt(iso: string): FakeClock {
  return new FakeClock(iso);
}

/** A refresh report of an hf refresh that went fine and changed nothing; `over` says what differs. */
export function refreshReport(over: Partial<RefreshReport> = {}): RefreshReport {
  return {
    source: 'hf',
    outcome: 'ok',
    fetched: 0,
    added: 0,
    updated: 0,
    skipped: 0,
    requests: 1,
    problems: [],
    durationMs: 5,
    ...over,
  };
}
