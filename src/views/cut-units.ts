// Cutting text to a platform's limit, counted in UTF-16 units as Discord and Slack count them.

/**
 * Cuts text to at most `max` UTF-16 units, ending with an ellipsis when cut; never splits a surrogate pair.
 * `tidy` gets the cut text first, for a platform's own loose ends (Discord: a dangling escape backslash).
 */
export function cutToUnits(text: string, max: number, tidy: (cut: string) => string = (cut) => cut): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${tidy(cut).trimEnd()}…`;
}
