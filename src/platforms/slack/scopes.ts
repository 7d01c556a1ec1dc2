// Slack's missing_scope answers: which scope an install lacks, one polite line asking to reinstall, logged once.
import type { Logger } from 'pino';

/**
 * What Slack says when the token lacks a scope the method needs (scopes added to the manifest after a workspace
 * installed the app reach it only when it is reinstalled): `{ ok: false, error: 'missing_scope', needed,
 * provided }`, with `needed` one scope or several, comma-separated, and `provided` the ones the token has.
 */
export interface MissingScope {
  needed: string;
  provided?: string;
}

/** The missing scope a failed Web API call reports, if that is why it failed. */
export function missingScope(error: unknown): MissingScope | undefined {
  const data = (error as { data?: { error?: unknown; needed?: unknown; provided?: unknown } } | null)?.data;
  if (data?.error !== 'missing_scope') return undefined;
  const needed = typeof data.needed === 'string' && data.needed !== '' ? data.needed : 'a newer scope';
  return typeof data.provided === 'string' ? { needed, provided: data.provided } : { needed };
}

/** "files:write", "channels:history and groups:history". */
function scopeList(needed: string): string {
  const scopes = needed
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (s.includes(':') ? `\`${s}\`` : s));
  return scopes.length <= 1
    ? (scopes[0] ?? needed)
    : `${scopes.slice(0, -1).join(', ')} and ${scopes[scopes.length - 1]}`;
}

/** The answer for the person whose command needed the scope: what is missing, and who can fix it how. */
export function reinstallText(scope: MissingScope, what: string): string {
  return (
    `Sorry, ${what}: this workspace installed Paperboy before it asked for ${scopeList(scope.needed)}. ` +
    'A workspace admin can reinstall the app (Add to Slack again, or Reinstall in the app’s settings) to grant it.'
  );
}

/**
 * Logs each missing scope once per workspace while it stays missing: scheduled work meets the same refusal every
 * day and every channel, and one line saying what to reinstall is what an operator needs. What is remembered is
 * forgotten when the workspace heals: a call that met the refusal succeeds again (`succeeded`, with the same
 * `what`), or the app is installed again (`installed`). A scope lost after that is logged again, without a restart.
 */
export class ScopeWarnings {
  /** Per workspace: each missing scope logged, and every `what` that met it (any of them succeeding heals it). */
  private readonly seen = new Map<string, Map<string, Set<string>>>();

  constructor(private readonly logger: Logger) {}

  /** Whether this was the first time for this workspace and scope since it last healed (and so was logged). */
  warn(team: string, scope: MissingScope, what: string): boolean {
    let scopes = this.seen.get(team);
    if (!scopes) {
      scopes = new Map();
      this.seen.set(team, scopes);
    }
    const whats = scopes.get(scope.needed);
    if (whats) {
      // Another call needing the same scope: its success later says the scope is back just as well.
      whats.add(what);
      return false;
    }
    scopes.set(scope.needed, new Set([what]));
    this.logger.warn(
      { team, needed: scope.needed, provided: scope.provided },
      `slack: ${what}: the install lacks ${scope.needed}; reinstall the app in this workspace to grant it (logged once)`,
    );
    return true;
  }

  /**
   * A call that can meet a missing scope went through in `team`: whatever scope it was refused before is granted
   * now (a reinstall), so a later loss is news again. Cheap when nothing is remembered (called on every success).
   */
  succeeded(team: string, what: string): void {
    const scopes = this.seen.get(team);
    if (!scopes) return;
    for (const [needed, whats] of scopes) {
      if (!whats.has(what)) continue;
      scopes.delete(needed);
      this.logger.info({ team, needed }, `slack: ${what} works again; the install has ${needed} now`);
    }
    if (scopes.size === 0) this.seen.delete(team);
  }

  /** The app was (re)installed in `team`: its new token has the scopes the manifest asks for today. */
  installed(team: string): void {
    this.seen.delete(team);
  }
}
