// Reads a JSON array even when the answer was cut off: every complete element before the cut is kept.

export type LenientArray =
  | { ok: true; items: unknown[]; truncated: boolean; badItems: number }
  | { ok: false; reason: string };

/**
 * Parses `[ {...}, {...}, ...` element by element. A well-formed array parses as usual; a truncated one yields
 * the elements that were complete; anything that is not an array at all is refused with a reason.
 */
export function parseJsonArrayLenient(text: string): LenientArray {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty answer' };
  try {
    const whole: unknown = JSON.parse(trimmed);
    if (Array.isArray(whole)) return { ok: true, items: whole, truncated: false, badItems: 0 };
    return { ok: false, reason: `expected a JSON array, got ${whole === null ? 'null' : typeof whole}` };
  } catch {
    // Fall through to the element-by-element scan.
  }
  if (trimmed[0] !== '[') {
    const preview = trimmed.slice(0, 40).replace(/\s+/g, ' ');
    return { ok: false, reason: `not JSON (starts with "${preview}")` };
  }
  const items: unknown[] = [];
  let badItems = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = -1;
  let closed = false;
  for (let i = 1; i < trimmed.length; i++) {
    const ch = trimmed[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      if (start < 0) start = i;
    } else if (ch === '{' || ch === '[') {
      if (start < 0) start = i;
      depth++;
    } else if (ch === '}' || ch === ']') {
      if (depth === 0) {
        // The array's own closing bracket: flush a pending scalar element.
        if (start >= 0) badItems += pushElement(trimmed.slice(start, i), items);
        start = -1;
        closed = true;
        break;
      }
      depth--;
    } else if (ch === ',' && depth === 0) {
      if (start >= 0) badItems += pushElement(trimmed.slice(start, i), items);
      start = -1;
    } else if (start < 0 && !/\s/.test(ch ?? '')) {
      start = i;
    }
  }
  return { ok: true, items, truncated: !closed, badItems };
}

function pushElement(slice: string, into: unknown[]): number {
  try {
    into.push(JSON.parse(slice));
    return 0;
  } catch {
    return 1;
  }
}
