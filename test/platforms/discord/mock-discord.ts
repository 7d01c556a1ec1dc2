// A local mock of Discord's REST API (node:http on 127.0.0.1): records every request, answers like Discord,
// and can be told to answer 429 with Retry-After, 403, 404, 500 or nothing at all for chosen routes.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, e.g. /channels/123/messages. */
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** Files of a multipart/form-data request, by their part name (`files[0]`), as Discord reads them. */
  files: RecordedFile[];
  at: number;
}

export interface RecordedFile {
  key: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export type Scripted =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** Never answers (until the mock stops): a timeout. */
  | 'hang'
  /**
   * Carries the request out as Discord would (a message is posted) when `lands` resolves, a slow Discord, but
   * never answers: the caller times out while its message appears later.
   */
  | { unanswered: true; lands: Promise<unknown> };

interface Rule {
  method: string;
  path: RegExp;
  responses: Scripted[];
}

export class MockDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly applicationId = '111111111111111111';
  private server: Server | undefined;
  private rules: Rule[] = [];
  private nextId = 1_000_000_000_000_000_000n;
  private nonces = new Map<string, { message: unknown; at: number }>();
  /** Messages posted, by channel (newest last), for GET /channels/:id/messages. */
  readonly posted = new Map<string, Record<string, unknown>[]>();
  /** How long a nonce is remembered; Discord promises only "a few minutes" (default: forever). */
  nonceMemoryMs = Number.POSITIVE_INFINITY;
  private hanging: ServerResponse[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  /**
   * Channels that exist, for GET /channels/:id; any other id is answered as Discord answers a deleted channel
   * (404, code 10003 Unknown Channel).
   */
  readonly channels = new Map<string, Record<string, unknown>>();
  /** Answers GET /gateway/bot with this WebSocket URL (gateway tests). */
  gatewayUrl = 'ws://127.0.0.1:1';

  get url(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}/api`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next matching requests get these answers, in order; later ones get the default behaviour. */
  script(method: string, path: RegExp, ...responses: Scripted[]): void {
    this.rules.push({ method, path, responses });
  }

  find(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  /** Resolves once `count` requests match (background follow-ups and edits arrive after the response). */
  async waitFor(method: string, path: RegExp, count = 1, timeoutMs = 5_000): Promise<RecordedRequest[]> {
    await this.waitUntil((r) => r.method === method && path.test(r.path), count, timeoutMs);
    return this.find(method, path);
  }

  /** Resolves with the first `count` requests that satisfy `match`, waiting for them if need be. */
  async waitUntil(
    match: (r: RecordedRequest) => boolean,
    count = 1,
    timeoutMs = 5_000,
  ): Promise<RecordedRequest[]> {
    const check = () => this.requests.filter(match).length >= count;
    if (!check()) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${count} matching request(s)`)),
          timeoutMs,
        );
        this.waiters.push({
          check,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    }
    return this.requests.filter(match);
  }

  private snowflake(): string {
    this.nextId += 1n;
    return this.nextId.toString();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!.replace(/^\/api\/v10/, ''));
    let body: unknown = text;
    const files: RecordedFile[] = [];
    const type = req.headers['content-type'] ?? '';
    if (type.includes('application/json')) body = text ? JSON.parse(text) : undefined;
    if (type.startsWith('multipart/form-data')) {
      // Like Discord: the message is the payload_json part, each other file part an attachment.
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      for (const [key, value] of form.entries()) {
        if (key === 'payload_json' && typeof value === 'string') body = JSON.parse(value);
        else if (typeof value !== 'string') {
          files.push({
            key,
            filename: value.name,
            contentType: value.type,
            data: Buffer.from(await value.arrayBuffer()),
          });
        }
      }
    }
    const method = req.method ?? 'GET';
    this.requests.push({ method, path, headers: req.headers, body, files, at: Date.now() });
    for (const w of this.waiters.filter((x) => x.check())) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve();
    }

    const rule = this.rules.find((r) => r.method === method && r.path.test(path) && r.responses.length > 0);
    const scripted = rule?.responses.shift();
    if (scripted === 'hang') {
      this.hanging.push(res);
      return;
    }
    if (scripted && 'unanswered' in scripted) {
      this.hanging.push(res);
      await scripted.lands;
      // Done as the default answer would, written nowhere: the caller stopped listening long ago.
      const sink = { writeHead: () => sink, end: () => sink } as unknown as ServerResponse;
      return this.defaultAnswer(method, path, body, sink);
    }
    if (scripted) return this.send(res, scripted.status, scripted.body, scripted.headers);
    return this.defaultAnswer(method, path, body, res);
  }

  private send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    if (status === 204 || body === undefined) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(text);
  }

  private defaultAnswer(method: string, path: string, body: unknown, res: ServerResponse) {
    const b = (body ?? {}) as Record<string, unknown>;
    const m = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && m) {
      const channel = m[1]!;
      // Like Discord: with enforce_nonce, a repeated nonce returns the message it first created.
      const key = `${channel}:${String(b.nonce)}`;
      const remembered = this.nonces.get(key);
      if (b.enforce_nonce && remembered && Date.now() - remembered.at < this.nonceMemoryMs) {
        return this.send(res, 200, remembered.message);
      }
      const message = { id: this.snowflake(), channel_id: channel, ...b };
      if (b.nonce !== undefined) this.nonces.set(key, { message, at: Date.now() });
      const { nonce: _notReturnedLater, enforce_nonce: _e, ...stored } = message as Record<string, unknown>;
      const list = this.posted.get(channel) ?? [];
      list.push({ ...stored, author: { id: this.applicationId, bot: true } });
      this.posted.set(channel, list);
      return this.send(res, 200, message);
    }
    if (method === 'GET' && m) {
      return this.send(res, 200, [...(this.posted.get(m[1]!) ?? [])].reverse().slice(0, 50));
    }
    const channel = /^\/channels\/(\d+)$/.exec(path);
    if (method === 'GET' && channel) {
      const known = this.channels.get(channel[1]!);
      return known
        ? this.send(res, 200, known)
        : this.send(res, 404, { message: 'Unknown Channel', code: 10003 });
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return this.send(res, 204);
    if (method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) {
      return this.send(res, 200, { id: this.snowflake(), ...b });
    }
    if (method === 'DELETE' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path))
      return this.send(res, 204);
    if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) {
      return this.send(res, 200, { id: this.snowflake(), ...b });
    }
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const list = Array.isArray(body) ? body : [];
      return this.send(
        res,
        200,
        list.map((c) => ({ id: this.snowflake(), application_id: this.applicationId, ...(c as object) })),
      );
    }
    if (method === 'GET' && path === '/applications/@me') {
      return this.send(res, 200, { id: this.applicationId, name: 'Paperboy' });
    }
    if (method === 'GET' && path === '/gateway/bot') {
      return this.send(res, 200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    return this.send(res, 404, { message: 'Unknown route', code: 0 });
  }
}
