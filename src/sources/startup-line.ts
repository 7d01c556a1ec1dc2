// One line about the start-up refresh for a person at the console, instead of a warning per failed request.
import { plural } from '../views/format.js';
import type { RefreshReport } from './refresh.js';

/**
 * What the live sources did at start-up, in one line, or nothing worth saying. Offline is said as such (the
 * bundled catalog and the stored papers still answer); other failures point at `paperboy sources status`.
 */
export function startupLine(reports: readonly RefreshReport[]): string | undefined {
  if (reports.length === 0) return undefined;
  const added = reports.reduce((n, r) => n + r.added, 0);
  const failed = reports.filter((r) => r.outcome === 'failed');
  const offline =
    failed.length === reports.length && failed.every((r) => r.problems.every((p) => p.kind === 'offline'));
  if (offline) {
    return 'live sources: offline, serving the bundled catalog and the papers fetched before (details: paperboy sources status; PAPERBOY_SOURCES=none turns them off)';
  }
  const parts: string[] = [];
  if (added > 0)
    parts.push(
      `fetched ${plural(added, 'new paper')} from ${reports
        .filter((r) => r.added > 0)
        .map((r) => r.source)
        .join(' and ')}`,
    );
  if (failed.length > 0) {
    const why = failed[0]?.problems[0]?.message;
    parts.push(
      `${failed.map((r) => r.source).join(' and ')} failed${why ? ` (${why})` : ''}; details: paperboy sources status`,
    );
  }
  return parts.length > 0 ? `live sources: ${parts.join('; ')}` : undefined;
}
