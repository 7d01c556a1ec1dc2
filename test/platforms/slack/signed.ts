// Sends requests to the Slack endpoint signed as Slack signs them (v0 HMAC-SHA256 of timestamp and body).
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-8f2c';

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  secret?: string;
  signature?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export async function postSigned(url: string, body: string, options: SignedOptions = {}) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? sign(body, timestamp, options.secret),
      ...options.headers,
    },
    body,
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json: json as Record<string, unknown> | undefined };
}

let triggers = 0;
/** A fresh trigger_id per request, as Slack sends: Paperboy drops a second request with the same one. */
export const nextTrigger = () => `trigger-${++triggers}`;

export function slashBody(text: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    team_domain: 't1',
    channel_id: 'C1',
    channel_name: 'papers',
    user_id: 'U1',
    user_name: 'ada',
    command: '/papers',
    text,
    api_app_id: 'A1',
    trigger_id: nextTrigger(),
    ...extra,
  }).toString();
}

export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/**
 * A block_actions body: user U1 pressing a Paperboy run button carrying `value` (a command line) on a message in
 * C1, private unless `ephemeral` is false, whose answer goes to `responseUrl`.
 */
export function buttonPressBody(
  value: string,
  responseUrl: string,
  options: { ephemeral?: boolean; extra?: Record<string, unknown> } = {},
): string {
  return interactionBody({
    type: 'block_actions',
    user: { id: 'U1', name: 'ada', team_id: 'T1' },
    team: { id: 'T1', domain: 't1' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: nextTrigger(),
    container: {
      type: 'message',
      message_ts: '1.2',
      channel_id: 'C1',
      is_ephemeral: options.ephemeral ?? true,
    },
    channel: { id: 'C1', name: 'papers' },
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: 'papers.run.7', block_id: 'b1', value, action_ts: '1.3' }],
    ...options.extra,
  });
}
