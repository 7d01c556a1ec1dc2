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
 * Logs each missing scope once per workspace (per process): scheduled work meets the same refusal every day and
 * every channel, and one line saying what to reinstall is what an operator needs.
 */
export class ScopeWarnings {
  private readonly seen = new Set<string>();

  constructor(private readonly logger: Logger) {}

  /** Whether this was the first time for this workspace and scope (and so was logged). */
  warn(team: string, scope: MissingScope, what: string): boolean {
    const key = `${team}\u0000${scope.needed}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.logger.warn(
      { team, needed: scope.needed, provided: scope.provided },
      `slack: ${what}: the install lacks ${scope.needed}; reinstall the app in this workspace to grant it (logged once)`,
    );
    return true;
  }
}
