// Finding the paper a command names (arXiv id, link or title words), with the closest titles when none matches.
import { option } from '../../src/app/command.js';
import type { Services } from '../../src/app/types.js';
import type { Paper } from '../../src/catalog/paper.js';
import { truncate } from '../../src/views/format.js';
import type { View } from '../../src/views/types.js';

/** The option naming one paper, the same in every command that takes one (autocompleted on Discord). */
export function paperOption() {
  return option.string('arXiv id, link, or words from the title', {
    required: true,
    positional: 'rest',
    autocomplete: true,
  });
}

/** Free text keeps its quotes for search; a paper reference does not need them. */
export function unquote(text: string): string {
  return text.replace(/^\s*["“„«'‘](.*)["”“»'’]\s*$/s, '$1').trim();
}

/** The paper, or an error view naming the closest titles with the command line that would use each. */
export function findPaper(
  services: Pick<Services, 'search'>,
  text: string,
  commandFor: (id: string) => string,
): { paper: Paper } | { view: View } {
  const reference = unquote(text);
  const paper = services.search.resolve(reference);
  if (paper) return { paper };
  const outcome = services.search.search(reference, { limit: 3 });
  const closest = outcome.ok ? outcome.hits : [];
  const hint =
    closest.length > 0
      ? `Closest titles:\n${closest.map((h) => `• ${truncate(h.paper.title, 90)} — ${commandFor(h.paper.id)}`).join('\n')}`
      : 'Try a few words of the title, an arXiv id (like 2501.04697) or an arXiv or Hugging Face link.';
  return {
    view: {
      kind: 'error',
      text: `I could not find a paper matching “${truncate(reference, 80)}”.`,
      hint,
      ephemeral: true,
    },
  };
}
