// Optional LLM summaries through any OpenAI-compatible /chat/completions endpoint (OpenAI, Ollama, vLLM…).
import { z } from 'zod';
import type { Paper } from '../catalog/paper.js';
import { readLimited } from '../http/read-limited.js';
import { clampWords } from './engine.js';
import { cleanText, wordCount } from './text.js';

export interface LlmConfig {
  /** e.g. https://api.openai.com/v1 or http://localhost:11434/v1 (Ollama). */
  baseUrl: string;
  apiKey?: string | undefined;
  model: string;
  timeoutMs: number;
}

/** What the model is asked for: the abstract is cut here, so a huge paste cannot run up the bill. */
const MAX_PROMPT_CHARS = 6000;
/** A reply body larger than this is refused unread. */
const MAX_BODY_BYTES = 1 << 20;
/** TL;DRs up to this long are kept as they are; longer ones lose their tail (at a clause). */
const TLDR_WORDS = 45;
/** Past this the model ignored the brief: the answer is refused and the built-in summary stands. */
const TLDR_REJECT_WORDS = 80;
const BULLET_WORDS = 30;
const MAX_BULLETS = 3;

export const SYSTEM_PROMPT = [
  'You summarise research papers for busy researchers, using only the title and abstract you are given.',
  'Reply with JSON only, no prose around it: {"tldr": "...", "keyPoints": ["...", "..."]}.',
  'tldr: one plain sentence of 15 to 30 words saying what the paper does and what it finds.',
  'keyPoints: 2 or 3 short bullets (under 25 words each): the problem, the method, and the main result',
  '(with numbers when the abstract gives them). Never invent facts, numbers, names or links.',
].join(' ');

const CompletionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional() }) })).min(1),
});

const AnswerSchema = z.object({
  tldr: z.string(),
  keyPoints: z.array(z.string()).optional(),
  key_points: z.array(z.string()).optional(),
});

export interface LlmAnswer {
  tldr: string;
  keyPoints: string[];
}

/** Why an LLM answer was not used; the caller falls back to the built-in summary. */
export class LlmError extends Error {
  override readonly name = 'LlmError';
  constructor(
    readonly reason: 'timeout' | 'rate-limited' | 'http' | 'network' | 'malformed' | 'empty' | 'too-long',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export function promptFor(paper: Pick<Paper, 'title' | 'abstract'>): string {
  const abstract = cleanText(paper.abstract).slice(0, MAX_PROMPT_CHARS);
  return `Title: ${paper.title.replace(/\s+/g, ' ').trim()}\n\nAbstract: ${abstract}`;
}

function sanitize(text: string): string {
  return text
    .replace(/\*\*|__|`/g, '')
    .replace(/^\s*(?:[-*•·]|\d+[.)])\s+/, '')
    .replace(/^\s*(?:tl;?dr|summary|key points?)\s*[:–—-]\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["“'](.*)["”']$/, '$1')
    .trim();
}

function firstSentence(text: string): string {
  const m = /^.+?[.!?](?=\s+\p{Lu}|$)/u.exec(text);
  return m ? m[0] : text;
}

/** Turns the model's message into a TL;DR and bullets, or explains why it cannot be used. */
export function parseAnswer(content: string): LlmAnswer {
  const text = content.trim();
  if (!text) throw new LlmError('empty', 'the model returned an empty answer');
  if (text.length > 20_000)
    throw new LlmError('too-long', `the answer is far too long (${text.length} chars)`);
  let tldr: string;
  let bullets: string[] = [];
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text)?.[1] ?? text;
  const start = fenced.indexOf('{');
  if (start >= 0) {
    const end = fenced.lastIndexOf('}');
    let parsed: unknown;
    try {
      parsed = JSON.parse(fenced.slice(start, end + 1));
    } catch {
      throw new LlmError('malformed', 'the answer is not the JSON asked for');
    }
    const answer = AnswerSchema.safeParse(parsed);
    if (!answer.success) throw new LlmError('malformed', 'the answer JSON has no "tldr" string');
    tldr = sanitize(answer.data.tldr);
    bullets = answer.data.keyPoints ?? answer.data.key_points ?? [];
  } else {
    // Small local models often ignore the JSON brief and answer with the sentence itself.
    tldr = sanitize(text.split(/\n\s*\n/)[0] ?? '');
  }
  if (wordCount(tldr) < 4) throw new LlmError('empty', 'the answer has no usable TL;DR');
  const words = wordCount(tldr);
  if (words > TLDR_REJECT_WORDS) throw new LlmError('too-long', `the TL;DR is far too long (${words} words)`);
  if (words > TLDR_WORDS) {
    const first = firstSentence(tldr);
    tldr = wordCount(first) <= TLDR_WORDS ? first : clampWords(tldr, TLDR_WORDS);
  }
  const keyPoints = bullets
    .map((b) => (typeof b === 'string' ? sanitize(b) : ''))
    .filter((b) => wordCount(b) >= 2)
    .slice(0, MAX_BULLETS)
    .map((b) => clampWords(b, BULLET_WORDS));
  return { tldr, keyPoints };
}

/** Links and bare code-host paths an answer may show. */
const ANSWER_LINK =
  /\b(?:https?:\/\/|www\.)[^\s<>"'`)\]]+|\b(?:github\.com|gitlab\.com|huggingface\.co|bitbucket\.org)\/[^\s<>"'`)\]]+/gi;

const canonLink = (url: string) =>
  url
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[.,;:!?/]+$/, '');

/** The links in `text` the paper itself does not give (in its abstract or its links). */
function unknownLinks(text: string, paper: PaperText): string[] {
  const found = text.match(ANSWER_LINK) ?? [];
  if (found.length === 0) return [];
  const given = [paper.abstract, ...Object.values(paper.links ?? {})].join(' ').toLowerCase();
  return found.filter((url) => !given.includes(canonLink(url)));
}

/**
 * Models invent links, and an answer is shown to a whole channel: a TL;DR with a link the paper does not give
 * is refused (the built-in summary stands), and such a key point is dropped.
 */
export function checkLinks(answer: LlmAnswer, paper: PaperText): LlmAnswer {
  if (unknownLinks(answer.tldr, paper).length > 0) {
    throw new LlmError('malformed', 'the answer shows a link that is not in the paper');
  }
  return {
    tldr: answer.tldr,
    keyPoints: answer.keyPoints.filter((k) => unknownLinks(k, paper).length === 0),
  };
}

/** What a request needs of a paper: its text, and its links to check the answer's against. */
export type PaperText = Pick<Paper, 'title' | 'abstract'> & { links?: Paper['links'] };

function retryAfter(header: string | null): number {
  if (!header) return 30_000;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Math.min(600_000, Math.max(1_000, Number.isFinite(ms) ? ms : 30_000));
}

/** One chat-completions call for one paper: resolves to the answer or rejects with an LlmError. */
export async function requestSummary(
  paper: PaperText,
  config: LlmConfig,
  fetchImpl: typeof fetch,
): Promise<LlmAnswer> {
  const url = `${config.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  const body = JSON.stringify({
    model: config.model,
    temperature: 0.2,
    max_tokens: 400,
    stream: false,
    messages: [
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: promptFor(paper) },
    ],
  });
  let text: string;
  try {
    const res = await fetchImpl(url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    if (res.status === 429) {
      await res.body?.cancel();
      throw new LlmError(
        'rate-limited',
        'the model endpoint is rate limiting (HTTP 429)',
        retryAfter(res.headers.get('retry-after')),
      );
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new LlmError('http', `the model endpoint answered HTTP ${res.status}`);
    }
    // Chunked answers have no content-length: the limit is enforced while reading.
    const read = await readLimited(res, MAX_BODY_BYTES);
    if (read === 'too-large') {
      throw new LlmError('too-long', `the reply is far too large (over ${MAX_BODY_BYTES} bytes)`);
    }
    text = read;
  } catch (error) {
    if (error instanceof LlmError) throw error;
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new LlmError('timeout', `no answer within ${config.timeoutMs} ms`);
    }
    throw new LlmError(
      'network',
      `cannot reach ${url}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LlmError('malformed', 'the reply is not JSON');
  }
  const completion = CompletionSchema.safeParse(json);
  if (!completion.success) throw new LlmError('malformed', 'the reply is not a chat completion');
  return checkLinks(parseAnswer(completion.data.choices[0]?.message.content ?? ''), paper);
}
