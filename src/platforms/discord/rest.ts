// The REST client every Discord call goes through: discord.js's REST (rate limits, retries) pointed at DISCORD_API_URL.
import { DefaultRestOptions, type RawFile, REST, type RESTOptions } from 'discord.js';
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

/**
 * discord.js's own request strategy, with a multipart body (file uploads) turned into bytes first.
 *
 * @discordjs/rest sends through undici 6's request() on the process-wide dispatcher, which every undici copy
 * keeps under one key (Symbol.for('undici.globalDispatcher.1')) and which the first copy loaded installs. Slack's
 * socket mode loads undici 7: loaded first, its Agent receives Discord's requests, and it reads only FormData of
 * its own class, so Node's FormData (the one @discordjs/rest builds) became a body whose stream has no source
 * ("action is not a function"). Bytes are read alike by every undici, so the SDKs may load in any order.
 */
export const makeRequest: RESTOptions['makeRequest'] = async (url, init) => {
  if (!(init.body instanceof FormData)) return DefaultRestOptions.makeRequest(url, init);
  // Node's Response encodes Node's FormData (its boundary goes in the Content-Type).
  const encoded = new Response(init.body);
  const body = new Uint8Array(await encoded.arrayBuffer());
  const headers: Record<string, string> = {};
  new Headers(init.headers as ConstructorParameters<typeof Headers>[0]).forEach((value, name) => {
    headers[name] = value;
  });
  headers['content-type'] = encoded.headers.get('content-type') ?? 'multipart/form-data';
  return DefaultRestOptions.makeRequest(url, { ...init, body, headers });
};

export function createRest(options: RestOptions): REST {
  const max = options.maxRateLimitWaitMs ?? 30_000;
  const rest = new REST({
    api: options.apiUrl,
    version: '10',
    makeRequest,
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
