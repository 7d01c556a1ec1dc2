// Per-source refresh status kept in the key-value store: last success, last error, counters and the next run.
import { z } from 'zod';
import type { KeyValueStore } from '../store/types.js';
import { SOURCE_NAMES, type SourceName } from './types.js';

const NS = 'sources.status';

export const SourceStatusSchema = z.object({
  source: z.enum(SOURCE_NAMES),
  lastRunAt: z.string().optional(),
  lastOutcome: z.enum(['ok', 'partial', 'failed']).optional(),
  lastSuccessAt: z.string().optional(),
  lastError: z.object({ at: z.string(), message: z.string() }).optional(),
  /** Runs that failed in a row; reset by a run that fetched everything. */
  consecutiveFailures: z.number().int().nonnegative().default(0),
  runs: z.number().int().nonnegative().default(0),
  failures: z.number().int().nonnegative().default(0),
  /** What the last run brought in. */
  lastFetched: z.number().int().nonnegative().default(0),
  lastAdded: z.number().int().nonnegative().default(0),
  lastUpdated: z.number().int().nonnegative().default(0),
  lastSkipped: z.number().int().nonnegative().default(0),
  totalAdded: z.number().int().nonnegative().default(0),
  nextRunAt: z.string().optional(),
});
export type SourceStatus = z.infer<typeof SourceStatusSchema>;

export function emptyStatus(source: SourceName): SourceStatus {
  return SourceStatusSchema.parse({ source });
}

export async function readStatus(kv: KeyValueStore, source: SourceName): Promise<SourceStatus> {
  const raw = await kv.getValue(NS, source);
  if (!raw) return emptyStatus(source);
  try {
    const parsed = SourceStatusSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : emptyStatus(source);
  } catch {
    return emptyStatus(source);
  }
}

/** Read-modify-write of one source's status. */
export async function updateStatus(
  kv: KeyValueStore,
  source: SourceName,
  change: (current: SourceStatus) => SourceStatus,
): Promise<SourceStatus> {
  const next = change(await readStatus(kv, source));
  await kv.setValue(NS, source, JSON.stringify(next));
  return next;
}
