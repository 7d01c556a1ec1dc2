// The REST client every Discord call goes through: discord.js's REST (rate limits, retries) pointed at DISCORD_API_URL.
import { type RawFile, REST } from 'discord.js';
import type { ViewFile } from '../../views/types.js';

export interface RestOptions {
  /** DISCORD_API_URL, e.g. https://discord.com/api (tests: a local mock). */
  apiUrl: string;
  token?: string;
  /**
   * discord.js waits out rate limits by itself; a wait longer than this is returned to the caller instead
   * (a digest is rescheduled rather than holding a worker for minutes).
   */
  maxRateLimitWaitMs?: number;
  /** Per-request timeout; timeouts and 5xx are retried `retries` times. */
  timeoutMs?: number;
  retries?: number;
  /**
   * discord.js holds every call to the bot's global limit (50/s by default). Interaction answers (webhook
   * edits and follow-ups with the interaction token) are exempt on Discord's side, so their client lifts it:
   * a burst of slash commands must not queue behind digests or one another.
   */
  interactions?: boolean;
}

export function createRest(options: RestOptions): REST {
  const max = options.maxRateLimitWaitMs ?? 30_000;
  const rest = new REST({
    api: options.apiUrl,
    version: '10',
    timeout: options.timeoutMs ?? 15_000,
    retries: options.retries ?? 3,
    rejectOnRateLimit: (info) => info.retryAfter > max,
    ...(options.interactions ? { globalRequestsPerSecond: Number.MAX_SAFE_INTEGER } : {}),
  });
  if (options.token) rest.setToken(options.token);
  return rest;
}

/** A View's files as discord.js sends them: `files[n]` parts beside `payload_json`, n matching `attachments`. */
export function rawFiles(files: readonly ViewFile[] | undefined): RawFile[] | undefined {
  if (!files?.length) return undefined;
  return files.map((f, n) => ({
    key: `files[${n}]`,
    name: f.name,
    contentType: f.contentType,
    data: Buffer.from(f.data),
  }));
}
