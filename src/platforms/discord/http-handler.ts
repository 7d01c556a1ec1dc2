// POST /discord/interactions: Discord's HTTP interactions endpoint, signature-checked, answered by the shared core.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { ReplayGuard } from '../../app/replay-guard.js';
import type { InteractionCore } from './interaction-core.js';
import { importPublicKey, verifySignature } from './verify.js';

export const INTERACTIONS_PATH = '/discord/interactions';

export interface DiscordHttpOptions {
  /** DISCORD_PUBLIC_KEY: 64 hex digits from the Developer Portal. */
  publicKey: string;
  core: InteractionCore;
  logger: Logger;
  /** Interactions are small; anything bigger is refused before it is read whole. */
  maxBodyBytes?: number;
  /** Remembers interaction ids: a signed request replayed within the 5-minute window runs once. */
  replays?: ReplayGuard;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > max) return 'too-large';
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** A Node request listener for POST /discord/interactions, to mount on the shared HTTP server. */
export function createDiscordInteractionHandler(options: DiscordHttpOptions): Listener {
  const key = importPublicKey(options.publicKey);
  const max = options.maxBodyBytes ?? 128 * 1024;
  const replays = options.replays ?? new ReplayGuard();
  return async (req, res) => {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return send(res, 405, { error: 'use POST' });
    }
    const body = await readBody(req, max);
    if (body === 'too-large') return send(res, 413, { error: 'request body too large' });
    const valid = verifySignature({
      key,
      signature: header(req, 'x-signature-ed25519'),
      timestamp: header(req, 'x-signature-timestamp'),
      body,
    });
    if (!valid) {
      options.logger.warn(
        { remote: req.socket.remoteAddress },
        'discord interaction with a bad signature refused',
      );
      return send(res, 401, { error: 'invalid request signature' });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return send(res, 400, { error: 'body is not JSON' });
    }
    // Discord sends each interaction once; a second copy is a replay of a captured request.
    const id = (payload as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && !replays.firstTime(id)) {
      options.logger.warn({ interaction: id }, 'discord interaction received twice; the copy is refused');
      return send(res, 409, { error: 'interaction already received' });
    }
    const reply = await options.core.handle(payload);
    send(res, 200, reply.body);
    options.core.runAfter(reply);
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
