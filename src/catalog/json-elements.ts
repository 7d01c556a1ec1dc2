// Finds the elements of a JSON array without parsing it whole, so one bad or truncated record costs only itself.

export interface ArrayElement {
  start: number;
  end: number;
  line: number;
  complete: boolean;
  /** A closing brace with nothing to close (`[{…},}]`): the span is that one character, for the caller to name. */
  stray?: true;
}

/**
 * Where each element of the JSON array opening at `open` starts and ends, with its line; tolerant of truncation.
 * Every step consumes at least one character, so damaged input always ends.
 */
export function* arrayElements(text: string, open: number): Generator<ArrayElement> {
  let line = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < open; k = text.indexOf('\n', k + 1)) line++;
  let i = open + 1;
  for (;;) {
    while (i < text.length) {
      const ch = text[i];
      if (ch === '\n') line++;
      else if (ch !== ' ' && ch !== '\t' && ch !== '\r' && ch !== ',') break;
      i++;
    }
    if (i >= text.length || text[i] === ']') return;
    const start = i;
    const startLine = line;
    if (text[i] === '}') {
      i++;
      yield { start, end: i, line: startLine, complete: true, stray: true };
      continue;
    }
    let depth = 0;
    let inString = false;
    let complete = false;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (inString) {
        if (ch === '\\') i++;
        else if (ch === '"') inString = false;
        else if (ch === '\n') line++;
        continue;
      }
      if (ch === '"') inString = true;
      else if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') {
        if (depth === 0) {
          complete = true;
          break;
        }
        depth--;
        if (depth === 0) {
          i++;
          complete = true;
          break;
        }
      } else if (ch === ',' && depth === 0) {
        complete = true;
        break;
      } else if (ch === '\n') line++;
    }
    yield { start, end: i, line: startLine, complete };
    if (!complete) return;
  }
}
