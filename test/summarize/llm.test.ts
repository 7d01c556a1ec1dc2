import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../../src/store/types.js';
import { builtinSummary } from '../../src/summarize/builtin.js';
import { CACHE_NAMESPACE, createSummarizer, type LlmConfig, parseAnswer } from '../../src/summarize/index.js';
import { captureLogger } from '../digest/fakes.js';
import { runCli } from '../support/cli.js';
import { DIFFUSION_VIDEO, LOSS_SCALING, paper } from './papers.js';

/** An in-memory KeyValueStore that counts its traffic. */
class FakeKeyValueStore implements KeyValueStore {
  readonly map = new Map<string, string>();
  gets = 0;
  sets = 0;
  async getValue(namespace: string, key: string) {
    this.gets++;
    return this.map.get(`${namespace}/${key}`);
  }
  async setValue(namespace: string, key: string, value: string) {
    this.sets++;
    this.map.set(`${namespace}/${key}`, value);
  }
  async deleteValue(namespace: string, key: string) {
    this.map.delete(`${namespace}/${key}`);
  }
}

interface Seen {
  path: string;
  headers: IncomingMessage['headers'];
  body: { model: string; messages: { role: string; content: string }[] };
}

type Reply = (seen: Seen, res: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let reply: Reply;

function completion(content: string): string {
  return JSON.stringify({
    id: 'x',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content } }],
  });
}

const GOOD = {
  tldr: 'Adaptive loss scaling sets per-layer loss scales automatically, removing a tuned hyperparameter and speeding up mixed precision training.',
  keyPoints: [
    'Loss scales need per-model tuning.',
    'Scales come from gradient statistics per layer.',
    'Converges 18% faster on ImageNet.',
  ],
};

function json(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const entry = { path: req.url ?? '', headers: req.headers, body: JSON.parse(raw) } as Seen;
      seen.push(entry);
      reply(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  reply = (_s, res) => json(res, 200, completion(JSON.stringify(GOOD)));
});

function config(overrides: Partial<LlmConfig> = {}): LlmConfig {
  return { baseUrl, apiKey: 'sk-test', model: 'tiny-model', timeoutMs: 2000, ...overrides };
}

describe('LLM summaries', () => {
  it('asks the chat-completions endpoint with the title and abstract only, and uses its answer', async () => {
    const summarizer = createSummarizer({ llm: config(), cache: new FakeKeyValueStore() });
    const summary = await summarizer.summarize(LOSS_SCALING);
    expect(summary.by).toBe('llm');
    expect(summary.tldr).toBe(GOOD.tldr);
    expect(summary.keyPoints).toEqual([...GOOD.keyPoints, 'Code: https://github.com/example/als']);
    expect(seen).toHaveLength(1);
    const request = seen[0] as Seen;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.body.model).toBe('tiny-model');
    const user = request.body.messages.find((m) => m.role === 'user')?.content ?? '';
    expect(user).toContain(LOSS_SCALING.title);
    expect(user).toContain('layer-wise loss scales');
    expect(user).not.toContain('Ada Lovelace');
    expect(user).not.toContain('github.com');
  });

  it('never summarises a paper twice: the second request is a cache hit', async () => {
    const cache = new FakeKeyValueStore();
    const first = await createSummarizer({ llm: config(), cache }).summarize(LOSS_SCALING);
    // A new summariser (a restart) over the same store still does not call the model again.
    const second = await createSummarizer({ llm: config(), cache }).summarize(LOSS_SCALING);
    expect(second).toEqual(first);
    expect(seen).toHaveLength(1);
    expect([...cache.map.keys()][0]).toMatch(new RegExp(`^${CACHE_NAMESPACE}/2001\\.00001:[0-9a-f]{16}$`));
  });

  it('asks again when the abstract changed', async () => {
    const cache = new FakeKeyValueStore();
    const summarizer = createSummarizer({ llm: config(), cache });
    await summarizer.summarize(LOSS_SCALING);
    await summarizer.summarize({
      ...LOSS_SCALING,
      abstract: `${LOSS_SCALING.abstract} We also release code.`,
    });
    expect(seen).toHaveLength(2);
  });

  it('shares one call between concurrent requests for the same paper', async () => {
    reply = (_s, res) => setTimeout(() => json(res, 200, completion(JSON.stringify(GOOD))), 100);
    const summarizer = createSummarizer({ llm: config(), cache: new FakeKeyValueStore() });
    const all = await Promise.all([1, 2, 3, 4, 5].map(() => summarizer.summarize(LOSS_SCALING)));
    expect(seen).toHaveLength(1);
    expect(new Set(all.map((s) => s.tldr))).toEqual(new Set([GOOD.tldr]));
  });

  it('falls back to the built-in summary when the model does not answer in time', async () => {
    reply = (_s, res) => setTimeout(() => json(res, 200, completion(JSON.stringify(GOOD))), 6000);
    const cache = new FakeKeyValueStore();
    const expected = builtinSummary(LOSS_SCALING);
    const started = Date.now();
    const summary = await createSummarizer({ llm: config({ timeoutMs: 150 }), cache }).summarize(
      LOSS_SCALING,
    );
    // Well before the model's answer (6 s): the timeout, not the reply, ended the wait.
    expect(Date.now() - started).toBeLessThan(4000);
    expect(summary).toEqual({ ...expected, llmError: 'no answer within 150 ms' });
    expect(cache.sets).toBe(0);
  });

  it('falls back on HTTP 429 and waits out Retry-After before asking again', async () => {
    reply = (_s, res) => json(res, 429, '{"error":"slow down"}', { 'retry-after': '120' });
    const summarizer = createSummarizer({ llm: config(), cache: new FakeKeyValueStore() });
    expect(await summarizer.summarize(LOSS_SCALING)).toEqual({
      ...builtinSummary(LOSS_SCALING),
      llmError: 'the model endpoint is rate limiting (HTTP 429)',
    });
    expect((await summarizer.summarize(DIFFUSION_VIDEO)).by).toBe('builtin');
    expect(seen).toHaveLength(1);
  });

  it('falls back on HTTP 500 and tries again next time', async () => {
    reply = (_s, res) => json(res, 500, '{"error":"boom"}');
    const cache = new FakeKeyValueStore();
    const summarizer = createSummarizer({ llm: config(), cache });
    expect((await summarizer.summarize(LOSS_SCALING)).by).toBe('builtin');
    reply = (_s, res) => json(res, 200, completion(JSON.stringify(GOOD)));
    expect((await summarizer.summarize(LOSS_SCALING)).by).toBe('llm');
    expect(seen).toHaveLength(2);
  });

  it('falls back when the reply is not JSON', async () => {
    reply = (_s, res) => json(res, 200, '{"choices": [ {"message": ');
    const summary = await createSummarizer({ llm: config() }).summarize(LOSS_SCALING);
    expect(summary).toEqual({ ...builtinSummary(LOSS_SCALING), llmError: 'the reply is not JSON' });
  });

  it('falls back when the message is not the JSON asked for', async () => {
    reply = (_s, res) => json(res, 200, completion('{"tldr": "unterminated'));
    expect((await createSummarizer({ llm: config() }).summarize(LOSS_SCALING)).by).toBe('builtin');
    reply = (_s, res) => json(res, 200, JSON.stringify({ choices: [] }));
    expect((await createSummarizer({ llm: config() }).summarize(LOSS_SCALING)).by).toBe('builtin');
  });

  it('refuses an answer far too long and keeps the built-in summary', async () => {
    const rambling = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    reply = (_s, res) => json(res, 200, completion(JSON.stringify({ tldr: rambling, keyPoints: [] })));
    const cache = new FakeKeyValueStore();
    const summary = await createSummarizer({ llm: config(), cache }).summarize(LOSS_SCALING);
    expect(summary).toEqual({
      ...builtinSummary(LOSS_SCALING),
      llmError: 'the TL;DR is far too long (400 words)',
    });
    expect(cache.sets).toBe(0);
  });

  it('falls back when the endpoint cannot be reached', async () => {
    const summary = await createSummarizer({
      llm: config({ baseUrl: 'http://127.0.0.1:9/v1' }),
    }).summarize(LOSS_SCALING);
    expect(summary.by).toBe('builtin');
  });

  it('uses an injected fetch', async () => {
    let calls = 0;
    const fetchImpl: typeof fetch = async () => {
      calls++;
      return new Response(completion(JSON.stringify(GOOD)), { status: 200 });
    };
    const summary = await createSummarizer({
      llm: config({ baseUrl: 'http://nowhere.invalid/v1' }),
      fetch: fetchImpl,
    }).summarize(LOSS_SCALING);
    expect(calls).toBe(1);
    expect(summary.by).toBe('llm');
  });

  it('does not call the model for a paper without an abstract', async () => {
    const summary = await createSummarizer({ llm: config() }).summarize(
      paper({ id: 'e', title: 'Empty', abstract: '' }),
    );
    expect(summary).toEqual({ tldr: '', keyPoints: [], by: 'builtin' });
    expect(seen).toHaveLength(0);
  });

  it('is off unless configured', async () => {
    const summary = await createSummarizer({ llm: null }).summarize(LOSS_SCALING);
    expect(summary.by).toBe('builtin');
    expect(seen).toHaveLength(0);
  });

  it('builds the overview lines from the LLM TL;DRs', async () => {
    const o = await createSummarizer({ llm: config() }).overview([LOSS_SCALING]);
    expect(o.lines).toEqual([{ id: LOSS_SCALING.id, line: `${LOSS_SCALING.title} — ${GOOD.tldr}` }]);
  });
});

describe('parseAnswer', () => {
  it('reads JSON inside a code fence and tidies bullets', () => {
    const answer = parseAnswer(
      '```json\n{"tldr": "TL;DR: **We** propose a fast sparse attention for long documents.", "keyPoints": ["- Problem: quadratic cost", "2. Linear-time attention", ""]}\n```',
    );
    expect(answer).toEqual({
      tldr: 'We propose a fast sparse attention for long documents.',
      keyPoints: ['Problem: quadratic cost', 'Linear-time attention'],
    });
  });

  it('accepts a plain sentence from a model that ignored the JSON brief', () => {
    expect(parseAnswer('We propose a fast sparse attention for long documents.').tldr).toBe(
      'We propose a fast sparse attention for long documents.',
    );
  });

  it('keeps the first sentence of a somewhat long answer', () => {
    const long = `We propose a fast sparse attention that scales linearly with length. ${'It also does many other things well. '.repeat(6)}`;
    expect(parseAnswer(JSON.stringify({ tldr: long })).tldr).toBe(
      'We propose a fast sparse attention that scales linearly with length.',
    );
  });

  it('rejects empty answers', () => {
    expect(() => parseAnswer('')).toThrow(/empty/);
    expect(() => parseAnswer('{"tldr": ""}')).toThrow(/no usable/);
  });
});

describe('when the LLM fails, Paperboy says so once', () => {
  it('logs one warning for a run of failures, and warns again only after it answered in between', async () => {
    const { logger, lines } = captureLogger();
    reply = (_s, res) => json(res, 500, '{"error":"boom"}');
    const summarizer = createSummarizer({ llm: config(), cache: new FakeKeyValueStore(), logger });
    await summarizer.summarize(LOSS_SCALING);
    await summarizer.summarize(DIFFUSION_VIDEO);
    const warnings = () => lines.filter((l) => l.level === 40).map((l) => l.msg);
    expect(warnings()).toEqual([
      'LLM summaries failed, using the built-in ones until it answers again: the model endpoint answered HTTP 500',
    ]);
    reply = (_s, res) => json(res, 200, completion(JSON.stringify(GOOD)));
    expect((await summarizer.summarize(LOSS_SCALING)).by).toBe('llm');
    reply = (_s, res) => json(res, 200, completion('not json {'));
    expect((await summarizer.summarize(DIFFUSION_VIDEO)).llmError).toBe(
      'the answer is not the JSON asked for',
    );
    expect(warnings()).toHaveLength(2);
  });

  it('paperboy summarize --json carries "llm_error" and warns on stderr', async () => {
    reply = (_s, res) => json(res, 500, '{"error":"boom"}');
    const { code, stdout, stderr } = await runCli(['summarize', 'stop regressing', '--json'], {
      LLM_BASE_URL: baseUrl,
      LLM_MODEL: 'tiny-model',
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ llm_error: 'the model endpoint answered HTTP 500' });
    expect(stderr).toBe(
      'paperboy: warning: the LLM failed, built-in summary used: the model endpoint answered HTTP 500\n',
    );
  });
});
