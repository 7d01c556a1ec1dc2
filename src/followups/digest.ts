// followups:digest — the channel's queued follow-ups as a compact section of its next digest.
import type { View } from '../views/types.js';

/** Lines shown in one digest; past them the section says how many more there were. */
export const MAX_DIGEST_FOLLOWUPS = 10;

const HEADING = 'Follow-ups on papers you received:';

/** The section's text: a heading and one bullet per follow-up. */
export function followupSection(lines: readonly string[]): string {
  const shown = lines.slice(0, MAX_DIGEST_FOLLOWUPS).map((l) => `• ${l}`);
  const more = lines.length - MAX_DIGEST_FOLLOWUPS;
  return [HEADING, ...shown, ...(more > 0 ? [`…and ${more} more`] : [])].join('\n');
}

/**
 * The digest with its follow-ups under the intro (a list) or the notice text; a day with nothing new that chose
 * silence still posts the follow-ups alone.
 */
export function withFollowups(view: View | null, lines: readonly string[]): View | null {
  if (lines.length === 0) return view;
  const section = followupSection(lines);
  if (!view) return { kind: 'notice', text: section };
  if (view.kind === 'list') return { ...view, intro: view.intro ? `${view.intro}\n\n${section}` : section };
  if (view.kind === 'notice') return { ...view, text: `${view.text}\n\n${section}` };
  return view;
}
