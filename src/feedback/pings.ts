// Personal pings: which members who opted in (notify me topics:…) a digest's papers concern, each once.
import type { Paper } from '../catalog/paper.js';
import { excludeMatcher } from '../digest/text.js';
import type { NotifySetting } from '../store/types.js';

/**
 * The members to mention, in the order of the first paper that concerns each: a member is named when a
 * paper's title or abstract has one of their topics (whole words, plural tolerated, like exclude words).
 * Nobody who did not opt in is ever returned.
 */
export function mentionsFor(
  papers: readonly Pick<Paper, 'title' | 'abstract'>[],
  settings: readonly NotifySetting[],
): string[] {
  const matchers = settings.map((s) => ({ user: s.user, matches: excludeMatcher(s.topics) }));
  const out: string[] = [];
  for (const paper of papers) {
    for (const m of matchers) {
      if (out.includes(m.user)) continue;
      if (m.matches(paper) !== undefined) out.push(m.user);
    }
  }
  return out;
}
