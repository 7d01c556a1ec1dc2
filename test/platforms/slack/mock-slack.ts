// A local mock of Slack's Web API and response_url endpoint on 127.0.0.1, recording every call it gets.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { real } from '../../support/real.js';

export interface Call {
  method: string;
  body: Record<string, unknown>;
  at: number;
}

export type Reply =
  | { status?: number; headers?: Record<string, string>; json: unknown }
  /**
   * A call Slack carries out but never answers (a timeout on the caller's side): the mock does what it would
   * have done (a chat.postMessage is posted), at once or when `lands` resolves (a slow Slack), and holds the
   * connection open until stop().
   */
  | { unanswered: true; lands?: Promise<unknown> };

/** Bytes posted to an upload URL that files.getUploadURLExternal gave out (step 2 of files.uploadV2). */
export interface Upload {
  path: string;
  filename: string;
  data: Buffer;
}
export type Script = (call: Call) => Reply | undefined;

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

function readBody(req: IncomingMessage, bytes: Buffer): Record<string, unknown> {
  const raw = bytes.toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (type.includes('json')) return raw ? JSON.parse(raw) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  const auth = req.headers.authorization;
  if (auth && !out.token) out.token = auth.replace(/^Bearer /, '');
  return out;
}

/** Slack's documented answers (docs.slack.dev "Working with files"; see test/fixtures/real/README.md). */
const UPLOAD_URL_ANSWER = real('slack/files-get-upload-url-external.json');
const COMPLETE_ANSWER = real('slack/files-complete-upload-external.json');

/** A message the mock keeps; `thread_ts` for a reply in a thread. */
export interface SlackPosted {
  ts: string;
  text: unknown;
  metadata?: unknown;
  thread_ts?: string;
}

export class MockSlack {
  readonly calls: Call[] = [];
  /** Users by id: is_admin etc. for users.info. */
  readonly users = new Map<string, { is_admin?: boolean; is_owner?: boolean }>();
  script: Script = () => undefined;
  /** Messages posted, by channel, for conversations.history (newest last). */
  readonly history = new Map<string, SlackPosted[]>();
  /** Replies posted in threads, by "channel/thread_ts" (oldest first), for conversations.replies. */
  readonly threads = new Map<string, SlackPosted[]>();
  /** Files received at upload URLs, in order. */
  readonly uploads: Upload[] = [];
  private server?: Server;
  /** Calls left unanswered (Reply `unanswered`), closed by stop(). */
  private readonly held: ServerResponse[] = [];
  private ts = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const raw = await readRaw(req);
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (path.startsWith('/upload/')) return this.onUpload(req, path, raw, res);
      const body = readBody(req, raw);
      const method = path.startsWith('/api/') ? path.slice(5) : path;
      const call = { method, body, at: Date.now() };
      this.calls.push(call);
      const reply = this.script(call) ?? this.defaultReply(call);
      if ('unanswered' in reply) {
        this.held.push(res);
        await reply.lands;
        this.defaultReply(call);
        return;
      }
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.json));
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Step 2 of an upload: the bytes as the Web API client posts them (multipart), answered like files.slack.com. */
  private async onUpload(req: IncomingMessage, path: string, raw: Buffer, res: ServerResponse) {
    const type = req.headers['content-type'] ?? 'application/octet-stream';
    let filename = '';
    let data = raw;
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      for (const value of form.values()) {
        if (typeof value === 'string') continue;
        filename = value.name;
        data = Buffer.from(await value.arrayBuffer());
      }
    }
    this.uploads.push({ path, filename, data });
    this.calls.push({ method: 'upload', body: { path, length: data.byteLength }, at: Date.now() });
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${data.byteLength}`);
  }

  private defaultReply(call: Call): Reply {
    switch (call.method) {
      case 'files.getUploadURLExternal': {
        // The recorded answer, its upload URL pointed at this mock instead of files.slack.com.
        const answer = JSON.parse(UPLOAD_URL_ANSWER) as { upload_url: string };
        answer.upload_url = answer.upload_url.replace('https://files.slack.com', this.url);
        return { json: answer };
      }
      case 'files.completeUploadExternal':
        return { json: JSON.parse(COMPLETE_ANSWER) };
      case 'auth.test':
        return {
          json: { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', url: 'https://t1.slack.com/' },
        };
      case 'chat.postMessage': {
        this.ts += 1;
        const ts = `1700000000.${String(this.ts).padStart(6, '0')}`;
        const channel = String(call.body.channel);
        const message = {
          ts,
          text: call.body.text,
          ...(call.body.metadata ? { metadata: call.body.metadata } : {}),
        };
        // Like Slack: a reply in a thread shows in the thread (conversations.replies), not the channel's history.
        const thread = call.body.thread_ts === undefined ? undefined : String(call.body.thread_ts);
        const where = thread ? `${channel}/${thread}` : channel;
        const list = (thread ? this.threads : this.history).get(where) ?? [];
        list.push(thread ? { ...message, thread_ts: thread } : message);
        (thread ? this.threads : this.history).set(where, list);
        return { json: { ok: true, channel, ts } };
      }
      case 'conversations.replies': {
        const thread = String(call.body.ts);
        const replies = this.threads.get(`${String(call.body.channel)}/${thread}`) ?? [];
        const parent = (this.history.get(String(call.body.channel)) ?? []).find((m) => m.ts === thread);
        const withMeta = String(call.body.include_all_metadata) === 'true';
        const messages = [...(parent ? [parent] : []), ...replies].map((m) =>
          withMeta ? m : { ts: m.ts, text: m.text },
        );
        return { json: { ok: true, messages, has_more: false } };
      }
      case 'conversations.history': {
        const posted = this.history.get(String(call.body.channel)) ?? [];
        // Slack returns metadata only when asked (include_all_metadata).
        const withMeta = String(call.body.include_all_metadata) === 'true';
        const messages = [...posted]
          .reverse()
          .slice(0, Number(call.body.limit ?? 100))
          .map((m) => (withMeta ? m : { ts: m.ts, text: m.text }));
        return { json: { ok: true, messages, has_more: false } };
      }
      case 'users.info': {
        const user = this.users.get(String(call.body.user)) ?? {};
        return { json: { ok: true, user: { id: call.body.user, ...user } } };
      }
      default:
        return { json: { ok: true } };
    }
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  called(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits (briefly) until `count` calls of a method arrived. */
  async waitFor(method: string, count = 1, timeoutMs = 5000): Promise<Call[]> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const got = this.called(method);
      if (got.length >= count) return got;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`expected ${count} ${method} call(s), got ${this.called(method).length}`);
  }

  async stop(): Promise<void> {
    for (const res of this.held.splice(0)) res.destroy();
    await new Promise<void>((r) => {
      this.server?.close(() => r());
      this.server?.closeAllConnections();
    });
  }
}
