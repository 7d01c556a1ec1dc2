// Runs the deliveries of one post (same nonce) one after another in a process; other posts are not held up.
import type { DeliveryResult, OutgoingPost } from '../digest/types.js';

/**
 * The scheduler gives up waiting on a slow delivery (its own timeout) and calls the port again while the first
 * may still post. Side by side, both could look for the post (history, progress record) before either had landed
 * and post it twice; in turn, the second finds the first's work recorded and posts only what is missing.
 */
export function oneDeliveryAtATime(
  deliver: (post: OutgoingPost) => Promise<DeliveryResult>,
): (post: OutgoingPost) => Promise<DeliveryResult> {
  const running = new Map<string, Promise<DeliveryResult>>();
  return async (post) => {
    const before = running.get(post.nonce);
    const mine = (async () => {
      // Its outcome is its caller's; this one only waits for it to end.
      if (before) await before.catch(() => undefined);
      return deliver(post);
    })();
    running.set(post.nonce, mine);
    try {
      return await mine;
    } finally {
      if (running.get(post.nonce) === mine) running.delete(post.nonce);
    }
  };
}
