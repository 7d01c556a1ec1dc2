// A small forgiving XML reader for feeds: elements, attributes, text, CDATA and entities into a tree.
// It never throws: a cut-off document yields every element that was complete, and stray close tags are ignored.

export interface XmlElement {
  /** Qualified name as written, e.g. `arxiv:comment`. */
  name: string;
  /** Name without namespace prefix, e.g. `comment`. */
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated direct text content (entities decoded). */
  text: string;
  /** False when the document ended before this element was closed. */
  closed: boolean;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

// A name starts only where a run of name characters starts, and is taken whole ((?=(…))\1 cannot backtrack):
// otherwise a 50 kB run of name characters without "=" was retried from each of its characters (quadratic).
const ATTR = /(?<![^\s=/>])(?=([^\s=/>]+))\1\s*=\s*("([^"]*)"|'([^']*)')/g;

function element(name: string, attrs: Record<string, string>): XmlElement {
  const colon = name.indexOf(':');
  return {
    name,
    local: colon >= 0 ? name.slice(colon + 1) : name,
    attrs,
    children: [],
    text: '',
    closed: false,
  };
}

/** Parses a document into a synthetic root whose children are the top-level elements. */
export function parseXml(source: string): XmlElement {
  const root = element('#document', {});
  root.closed = true;
  const stack: XmlElement[] = [root];
  // How many elements of each name are open: a close tag nothing matches is ignored without walking the stack.
  const openNames = new Map<string, number>();
  const top = () => stack[stack.length - 1] as XmlElement;
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt < 0) {
      top().text += decodeEntities(source.slice(i));
      break;
    }
    if (lt > i) top().text += decodeEntities(source.slice(i, lt));
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      i = end < 0 ? source.length : end + 3;
    } else if (source.startsWith('<![CDATA[', lt)) {
      const end = source.indexOf(']]>', lt + 9);
      top().text += source.slice(lt + 9, end < 0 ? source.length : end);
      i = end < 0 ? source.length : end + 3;
    } else if (source[lt + 1] === '?' || source[lt + 1] === '!') {
      const end = source.indexOf('>', lt);
      i = end < 0 ? source.length : end + 1;
    } else {
      const end = source.indexOf('>', lt);
      if (end < 0) break; // cut off inside a tag
      const raw = source.slice(lt + 1, end);
      i = end + 1;
      if (raw.startsWith('/')) {
        const name = raw.slice(1).trim();
        // Close the nearest open element of that name (and those inside it); a close tag nothing matches is
        // ignored. Each element is popped at most once, so this stays linear however the tags are mixed.
        if (!openNames.get(name)) continue;
        for (;;) {
          const el = stack.pop() as XmlElement;
          openNames.set(el.name, (openNames.get(el.name) ?? 1) - 1);
          if (el.name === name) {
            el.closed = true;
            break;
          }
        }
        continue;
      }
      const selfClosing = raw.endsWith('/');
      const body = selfClosing ? raw.slice(0, -1) : raw;
      const nameMatch = /^[^\s/>]+/.exec(body);
      if (!nameMatch) continue;
      const attrs: Record<string, string> = {};
      for (const m of body.slice(nameMatch[0].length).matchAll(ATTR)) {
        attrs[m[1] as string] = decodeEntities(m[3] ?? m[4] ?? '');
      }
      const el = element(nameMatch[0], attrs);
      top().children.push(el);
      if (selfClosing) el.closed = true;
      else {
        stack.push(el);
        openNames.set(el.name, (openNames.get(el.name) ?? 0) + 1);
      }
    }
  }
  return root;
}

export function child(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

export function childrenNamed(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}
