// After a settings change, the schedule the reply shows is the one that runs: no surprise digest for a time that passed.
import type { Clock } from '../clock.js';
import type { ChannelKey, ChannelRecord, Store } from '../store/types.js';
import { localDate, slotsBetween } from './slots.js';

const HOUR = 3_600_000;
/** The longest DIGEST_GRACE_HOURS: older slots are never posted anyway. */
const LOOKBACK = 48 * HOUR;

const scheduled = (r: ChannelRecord | undefined): r is ChannelRecord =>
  r !== undefined && r.topics.length > 0 && !r.paused && r.unreachable === null;

/**
 * Slots the new schedule puts in the recent past that the old one did not have at that instant (an earlier time,
 * another zone, a day added, a channel subscribed again) would be caught up at once by the scheduler, although the
 * reply promised the next one. They are recorded as skipped. A slot both schedules share (count or exclude
 * changed) is left to the scheduler. Returns a sentence for the reply when a slot was skipped.
 */
export async function settleScheduleChange(
  store: Store,
  key: ChannelKey,
  before: ChannelRecord | undefined,
  after: ChannelRecord,
  clock: Clock,
): Promise<string | undefined> {
  if (!scheduled(after)) return undefined;
  const now = clock.now().getTime();
  const kept = new Set(
    scheduled(before) ? slotsBetween(before, now - LOOKBACK, now).map((s) => `${s.slot}@${s.at}`) : [],
  );
  const created = Date.parse(after.createdAt);
  const today = localDate(now, after.timezone);
  let skippedToday = false;
  for (const slot of slotsBetween(after, now - LOOKBACK, now)) {
    if (slot.at < created || kept.has(`${slot.slot}@${slot.at}`)) continue;
    if (await store.getDelivery(key, slot.slot)) continue;
    const claim = await store.claimDelivery(key, slot.slot, [], 'settings', 60_000);
    if (!claim) continue;
    await store.markSkipped(claim.id, 'the schedule changed after this time had passed', {
      owner: 'settings',
    });
    if (slot.slot === today) skippedToday = true;
  }
  // Older slots were past the grace anyway; only today's is one the person might have expected.
  return skippedToday
    ? `Nothing goes out now for ${after.time} today, as that time has passed: the next digest is below.`
    : undefined;
}

/** The local dates that already have their digest (sent, pending or skipped): the next one is after them. */
export async function settledSlots(store: Store, key: ChannelKey): Promise<Set<string>> {
  // Other posts share the ledger (reading groups' "2025-05-15 reading-group"): read past them to the digests.
  const deliveries = await store.listDeliveries(key, 12);
  return new Set(deliveries.map((d) => d.slot));
}
