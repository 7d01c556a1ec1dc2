// GET /feeds/<token>.atom: an Atom feed of the papers a channel received, from the digest ledger.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Paper } from '../catalog/paper.js';
import { arxivIdOf } from '../keep/cite.js';
import type { ChannelKey, Delivery, Store } from '../store/types.js';
import type { RequestListener } from './server.js';

/** Mount under this prefix: the listener answers every path below it. */
export const FEEDS_PREFIX = '/feeds/';

/** Deliveries a feed looks back over (a daily digest: about two months), and at most this many entries. */
const DELIVERIES = 60;
const MAX_ENTRIES = 200;

export interface FeedRouteOptions {
  store: Pick<Store, 'feedChannel' | 'listDeliveries'>;
  /** The catalog's paper for an id; a paper no longer there still gets an entry, by its id. */
  paper(id: string): Paper | undefined;
  /**
   * PAPERBOY_PUBLIC_URL: the base of the feed's self link. Without it the feed has no self link: the request's
   * Host header is the client's to choose, and must not decide what the feed says it is.
   */
  publicUrl?: string;
  logger: Logger;
}

const XML_CHARS = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text for XML content and attribute values: escaped, and without characters XML 1.0 forbids. */
export function xmlText(text: string): string {
  return text
    .replace(XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function paperUrl(paper: Paper | undefined, id: string): string | undefined {
  const arxiv = paper ? arxivIdOf(paper) : /^\d{4}\.\d{4,5}$/.test(id) ? id : undefined;
  if (arxiv) return `https://arxiv.org/abs/${arxiv}`;
  return paper?.links.abs ?? paper?.links.hf ?? paper?.links.pdf;
}

/** A permanent id for the channel's feed that does not reveal the token (which a revoke replaces). */
function feedId(key: ChannelKey): string {
  const digest = createHash('sha256')
    .update(`${key.platform}\n${key.workspace}\n${key.channel}`)
    .digest('hex');
  return `urn:paperboy:feed:${digest.slice(0, 32)}`;
}

function entry(delivery: Delivery, id: string, paper: Paper | undefined): string {
  const when = delivery.sentAt ?? delivery.createdAt;
  const url = paperUrl(paper, id);
  const lines = [
    '  <entry>',
    `    <id>urn:paperboy:delivery:${xmlText(delivery.id)}:${xmlText(encodeURIComponent(id))}</id>`,
    `    <title type="text">${xmlText(paper?.title ?? id)}</title>`,
    ...(url ? [`    <link rel="alternate" type="text/html" href="${xmlText(url)}"/>`] : []),
    ...(paper?.links.pdf
      ? [`    <link rel="related" type="application/pdf" href="${xmlText(paper.links.pdf)}"/>`]
      : []),
    `    <published>${when}</published>`,
    `    <updated>${when}</updated>`,
    ...(paper?.authors ?? []).slice(0, 20).map((a) => `    <author><name>${xmlText(a)}</name></author>`),
    ...(paper?.categories ?? []).map((c) => `    <category term="${xmlText(c)}"/>`),
    ...(paper?.abstract.trim()
      ? [`    <summary type="text">${xmlText(paper.abstract.trim())}</summary>`]
      : []),
    '  </entry>',
  ];
  return lines.join('\n');
}

/** The feed document: newest delivery first, its papers in the order they were posted. */
export function atomFeed(
  key: ChannelKey,
  deliveries: readonly Delivery[],
  paper: (id: string) => Paper | undefined,
  selfUrl: string | undefined,
): string {
  const sent = deliveries
    .filter((d) => d.status === 'sent')
    .sort((a, b) => (b.sentAt ?? '').localeCompare(a.sentAt ?? ''));
  const entries: string[] = [];
  for (const delivery of sent) {
    for (const id of delivery.paperIds) {
      if (entries.length < MAX_ENTRIES) entries.push(entry(delivery, id, paper(id)));
    }
  }
  // A feed with nothing sent yet is still valid: its updated time is fixed, so readers see no change.
  const updated = sent[0]?.sentAt ?? '1970-01-01T00:00:00.000Z';
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${feedId(key)}</id>`,
    '  <title type="text">Paperboy papers for this channel</title>',
    '  <subtitle type="text">Every paper Paperboy posted in this channel’s digest, newest first.</subtitle>',
    ...(selfUrl ? [`  <link rel="self" type="application/atom+xml" href="${xmlText(selfUrl)}"/>`] : []),
    `  <updated>${updated}</updated>`,
    '  <author><name>Paperboy</name></author>',
    '  <generator>Paperboy</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('no such feed\n');
}

/**
 * The route: `/feeds/<token>.atom` answers the channel's feed; an unknown or revoked token, or any other path
 * under the prefix, answers 404 (the same for both, so tokens cannot be probed).
 */
export function createFeedRoute(options: FeedRouteOptions): RequestListener {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end('use GET\n');
      return;
    }
    const path = (req.url ?? '').split('?')[0] ?? '';
    const match = /^\/feeds\/([A-Za-z0-9_-]{1,64})\.atom$/.exec(path);
    const key = match?.[1] ? await options.store.feedChannel(match[1]) : undefined;
    if (!match || !key) return notFound(res);
    const deliveries = await options.store.listDeliveries(key, DELIVERIES);
    const self = options.publicUrl ? `${options.publicUrl}${path}` : undefined;
    const body = atomFeed(key, deliveries, options.paper, self);
    res.writeHead(200, {
      'content-type': 'application/atom+xml; charset=utf-8',
      // The token is the secret: shared caches must not keep the feed.
      'cache-control': 'private, max-age=300',
      'content-length': Buffer.byteLength(body),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
