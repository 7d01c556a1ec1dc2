// Who may configure a channel on Slack: workspace admins and owners (users.info, cached) and PAPERBOY_ADMINS.
import type { Logger } from 'pino';
import { type Clock, systemClock } from '../../clock.js';

export interface UsersInfoClient {
  users: {
    info(args: { user: string }): Promise<{
      ok?: boolean;
      user?: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean };
    }>;
  };
}

export interface PermissionOptions {
  /** PAPERBOY_ADMINS: user ids, bare (U123) or prefixed (slack:U123). */
  admins?: readonly string[];
  /** How long a users.info answer is trusted (default 10 minutes): promotions show up without a restart. */
  ttlMs?: number;
  /**
   * How long one lookup may take, retries included (default 3 s). Bolt's client retries 10 times over about
   * 30 minutes by default; an admin command must not wait that long, nor hold a place in the work lane.
   */
  timeoutMs?: number;
  clock?: Clock;
  logger: Logger;
}

export interface Permissions {
  canManage(client: UsersInfoClient, team: string, user: string): Promise<boolean>;
}

export function createPermissions(options: PermissionOptions): Permissions {
  const ttl = options.ttlMs ?? 10 * 60_000;
  const timeoutMs = options.timeoutMs ?? 3_000;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now().getTime();
  const admins = new Set(
    (options.admins ?? []).map((a) => a.trim()).flatMap((a) => (a.startsWith('slack:') ? [a.slice(6)] : [a])),
  );
  // Answers are kept past their TTL: when Slack cannot answer, the last known answer beats refusing an admin.
  const cache = new Map<string, { value: boolean; until: number }>();
  // One lookup per person at a time: twenty commands from one admin during an outage make one request.
  const pending = new Map<string, Promise<boolean>>();

  async function lookup(client: UsersInfoClient, key: string, user: string): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const info = await Promise.race([
        client.users.info({ user }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`users.info gave no answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
      const u = info.user ?? {};
      const value = Boolean(u.is_admin || u.is_owner || u.is_primary_owner);
      cache.set(key, { value, until: now() + ttl });
      return value;
    } catch (error) {
      const stale = cache.get(key);
      if (stale) {
        options.logger.warn({ err: error, user }, 'users.info failed; using the last answer');
        return stale.value;
      }
      // Without users:read we cannot tell: refuse (politely, upstream) rather than let anyone configure.
      options.logger.warn({ err: error, user }, 'users.info failed; treating the user as not an admin');
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async canManage(client, team, user) {
      if (admins.has(user)) return true;
      const key = `${team}:${user}`;
      const hit = cache.get(key);
      if (hit && hit.until > now()) return hit.value;
      const inFlight = pending.get(key);
      if (inFlight) return inFlight;
      const asked = lookup(client, key, user).finally(() => pending.delete(key));
      pending.set(key, asked);
      return asked;
    },
  };
}

/** Bolt's Web API client settings for handlers: few, quick retries instead of 10 over 30 minutes. */
export const HANDLER_CLIENT_RETRIES = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1_000 } as const;
