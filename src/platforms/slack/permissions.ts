// Who may configure a channel on Slack: workspace admins and owners (users.info, cached) and PAPERBOY_ADMINS.
import type { Logger } from 'pino';

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
  now?: () => number;
  logger: Logger;
}

export interface Permissions {
  canManage(client: UsersInfoClient, team: string, user: string): Promise<boolean>;
}

export function createPermissions(options: PermissionOptions): Permissions {
  const ttl = options.ttlMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  const admins = new Set(
    (options.admins ?? []).map((a) => a.trim()).flatMap((a) => (a.startsWith('slack:') ? [a.slice(6)] : [a])),
  );
  const cache = new Map<string, { value: boolean; until: number }>();
  return {
    async canManage(client, team, user) {
      if (admins.has(user)) return true;
      const key = `${team}:${user}`;
      const hit = cache.get(key);
      if (hit && hit.until > now()) return hit.value;
      try {
        const info = await client.users.info({ user });
        const u = info.user ?? {};
        const value = Boolean(u.is_admin || u.is_owner || u.is_primary_owner);
        cache.set(key, { value, until: now() + ttl });
        return value;
      } catch (error) {
        // Without users:read we cannot tell: refuse (politely, upstream) rather than let anyone configure.
        options.logger.warn({ err: error, user }, 'users.info failed; treating the user as not an admin');
        return false;
      }
    },
  };
}
