// Polite HTTP GET for the live sources: per-attempt timeouts, retries with exponential back-off and jitter,
// Retry-After honoured, optional pacing between requests; failures come back as values, never as throws.
import { type Clock, systemClock, systemTimers, type Timers } from '../clock.js';
import { readLimited } from '../http/read-limited.js';
import { backoffDelay, mayRetry, type RetryPolicy } from '../retry.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/**
 * The side effects the HTTP helper needs, injectable so tests run fast and deterministic: the Clock (Retry-After
 * dates, pacing) and sleep of src/clock.ts, fetch and jitter.
 */
export interface HttpDeps extends Clock, Pick<Timers, 'sleep'> {
  fetch: FetchLike;
  /** 0 ≤ x < 1, for jitter. */
  random(): number;
}

/** How the live sources call a server: attempts and their back-off, timeouts, and the largest answer read. */
export interface HttpPolicy {
  /** Total attempts, first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per attempt, headers and body included. */
  timeoutMs: number;
  /** A Retry-After longer than this is not waited for: the run fails and the scheduler retries later. */
  maxRetryAfterMs: number;
  /** Largest answer read; a bigger one is cut off while streaming and fails as invalid (not retried). */
  maxBytes: number;
}

export const DEFAULT_HTTP_POLICY: HttpPolicy = {
  attempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  timeoutMs: 20_000,
  maxRetryAfterMs: 120_000,
  // A page of 100 papers is well under 1 MB; a 400 MB answer once took the process to 2.2 GB.
  maxBytes: 8 * 1024 * 1024,
};

/** `offline`: the host cannot be reached at all (no network, no DNS, nothing listening); `timeout`: it is slow. */
export type FailureKind = 'timeout' | 'network' | 'offline' | 'http' | 'rate-limited' | 'invalid' | 'aborted';

export interface FetchFailure {
  kind: FailureKind;
  message: string;
  status?: number;
  /** How long the server asked us to wait, when it said so. */
  retryAfterMs?: number;
  /** The start of an error answer's body: some APIs explain themselves there (arXiv's error feed). */
  body?: string;
}

export type HttpResult =
  | { ok: true; status: number; text: string; attempts: number }
  | { ok: false; failure: FetchFailure; attempts: number };

/** Spaces requests to one host at least `minIntervalMs` apart (arXiv asks for 3 s), retries included. */
export interface Pacer {
  wait(signal?: AbortSignal): Promise<void>;
}

export function createPacer(minIntervalMs: number, deps: Pick<HttpDeps, 'sleep' | 'now'>): Pacer {
  let next = Number.NEGATIVE_INFINITY;
  let chain: Promise<void> = Promise.resolve();
  return {
    wait(signal) {
      // Serialised so two callers at once still leave the interval between them.
      const turn = chain.then(async () => {
        const delay = next - deps.now().getTime();
        if (delay > 0) await deps.sleep(delay, signal);
        next = deps.now().getTime() + minIntervalMs;
      });
      chain = turn.catch(() => undefined);
      return turn;
    },
  };
}

export const systemHttpDeps: HttpDeps = {
  fetch: (input, init) => globalThis.fetch(input, init),
  sleep: systemTimers.sleep,
  random: Math.random,
  now: systemClock.now,
};

export const USER_AGENT = 'paperboy/0.1 (research paper digest bot; polite fetcher)';

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Exponential back-off with equal jitter (half fixed, half random) between the attempts. */
function retryPolicy(policy: HttpPolicy): RetryPolicy {
  return {
    retries: policy.attempts - 1,
    baseMs: policy.baseDelayMs,
    maxMs: policy.maxDelayMs,
    jitter: 'equal',
  };
}

function retryable(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status !== 501);
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return `${error.message}${detail}`;
  }
  return String(error);
}

/** Connection errors that retrying in a few seconds will not fix: no route, no name, nothing listening. */
const UNREACHABLE = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
]);

/** The error code when a fetch failed because the host is unreachable (undici nests it in causes). */
export function unreachableCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE.has(code)) return code;
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      const inner = errors.map(unreachableCode).find(Boolean);
      if (inner) return inner;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function offline(url: string, code: string): FetchFailure {
  let host = url;
  try {
    host = new URL(url).host;
  } catch {}
  const why =
    code === 'ECONNREFUSED'
      ? 'connection refused'
      : code.startsWith('EAI') || code === 'ENOTFOUND'
        ? 'name not found'
        : 'unreachable';
  return { kind: 'offline', message: `no network: cannot reach ${host} (${why}, ${code})` };
}

export interface GetOptions {
  deps: HttpDeps;
  policy?: Partial<HttpPolicy>;
  pacer?: Pacer;
  headers?: Record<string, string>;
  /** Cancels the whole call (shutdown); attempts get their own timeouts on top. */
  signal?: AbortSignal;
}

/** GETs a URL as text, retrying what is worth retrying. Never throws. */
export async function getText(url: string, options: GetOptions): Promise<HttpResult> {
  const policy = { ...DEFAULT_HTTP_POLICY, ...options.policy };
  const retry = retryPolicy(policy);
  const { deps, signal } = options;
  let last: FetchFailure = { kind: 'network', message: 'no attempt made' };
  for (let attempt = 0; attempt < policy.attempts; attempt++) {
    if (signal?.aborted)
      return { ok: false, failure: { kind: 'aborted', message: 'cancelled' }, attempts: attempt };
    let waitMs: number | undefined;
    try {
      await options.pacer?.wait(signal);
      const timeout = AbortSignal.timeout(policy.timeoutMs);
      const response = await deps.fetch(url, {
        headers: { 'user-agent': USER_AGENT, accept: '*/*', ...options.headers },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        redirect: 'follow',
      });
      const text = await readLimited(response, policy.maxBytes);
      if (text === 'too-large') {
        const failure: FetchFailure = {
          kind: 'invalid',
          status: response.status,
          message: `answer larger than ${policy.maxBytes} bytes; not read`,
        };
        return { ok: false, failure, attempts: attempt + 1 };
      }
      if (response.ok) return { ok: true, status: response.status, text, attempts: attempt + 1 };
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), deps.now().getTime());
      last = {
        kind: response.status === 429 || response.status === 503 ? 'rate-limited' : 'http',
        status: response.status,
        message: `HTTP ${response.status} ${response.statusText}`.trim(),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        ...(text ? { body: text.slice(0, 4000) } : {}),
      };
      if (!retryable(response.status)) return { ok: false, failure: last, attempts: attempt + 1 };
      if (retryAfterMs !== undefined) {
        if (retryAfterMs > policy.maxRetryAfterMs) {
          last.message += ` (asked to wait ${Math.round(retryAfterMs / 1000)} s; will retry later)`;
          return { ok: false, failure: last, attempts: attempt + 1 };
        }
        waitMs = retryAfterMs;
      }
    } catch (error) {
      if (signal?.aborted) {
        return { ok: false, failure: { kind: 'aborted', message: 'cancelled' }, attempts: attempt + 1 };
      }
      // Unreachable is not slow: say so at once (within 2 s, not after 15 s of back-off); the scheduler retries later.
      const code = unreachableCode(error);
      if (code) return { ok: false, failure: offline(url, code), attempts: attempt + 1 };
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      last = timedOut
        ? { kind: 'timeout', message: `no complete answer within ${policy.timeoutMs} ms` }
        : { kind: 'network', message: describeError(error) };
    }
    if (mayRetry(retry, attempt + 1)) {
      try {
        await deps.sleep(Math.max(waitMs ?? 0, backoffDelay(retry, attempt, deps.random)), signal);
      } catch {
        return { ok: false, failure: { kind: 'aborted', message: 'cancelled' }, attempts: attempt + 1 };
      }
    }
  }
  return { ok: false, failure: last, attempts: policy.attempts };
}
