// Fuzz: the linear rewrites of trimUrl, TeX group matching, parseXml and tokenize give the answers of the old,
// quadratic versions (kept here as oracles) on any small input, and clip what live sources hand them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/app/line/tokenize.js';
import { cleanText, trimUrl } from '../../src/catalog/normalize.js';
import { groupEnds, texToUnicode } from '../../src/catalog/tex.js';
import { decodeEntities, parseXml, type XmlElement } from '../../src/sources/xml.js';

/** The old trimUrl: recounts both brackets for every character it strips. */
function trimUrlOracle(raw: string): { url: string; rest: string } {
  let url = raw;
  let rest = '';
  for (;;) {
    const last = url[url.length - 1];
    if (last === undefined) break;
    let strip = '.,;:!?\'"”’*>$'.includes(last);
    if (last === ')' || last === ']' || last === '}') {
      const open = last === ')' ? '(' : last === ']' ? '[' : '{';
      strip = url.split(open).length < url.split(last).length;
    }
    if (!strip) break;
    rest = last + rest;
    url = url.slice(0, -1);
  }
  return { url, rest };
}

/** The old group matcher: scans from each opening bracket. */
function groupEndOracle(s: string, open: number): number {
  const opener = s[open];
  const closer = opener === '[' ? ']' : '}';
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === opener) depth++;
    else if (c === closer) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** The old close-tag handling of parseXml, over the same tag soup: walks the stack for every close tag. */
function parseXmlOracle(source: string): XmlElement {
  const element = (name: string, attrs: Record<string, string>): XmlElement => ({
    name,
    local: name.includes(':') ? name.slice(name.indexOf(':') + 1) : name,
    attrs,
    children: [],
    text: '',
    closed: false,
  });
  const root = element('#document', {});
  root.closed = true;
  const stack: XmlElement[] = [root];
  const top = () => stack[stack.length - 1] as XmlElement;
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt < 0) {
      top().text += decodeEntities(source.slice(i));
      break;
    }
    if (lt > i) top().text += decodeEntities(source.slice(i, lt));
    const end = source.indexOf('>', lt);
    if (end < 0) break;
    const raw = source.slice(lt + 1, end);
    i = end + 1;
    if (raw.startsWith('/')) {
      const name = raw.slice(1).trim();
      for (let d = stack.length - 1; d > 0; d--) {
        if ((stack[d] as XmlElement).name === name) {
          (stack[d] as XmlElement).closed = true;
          stack.length = d;
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
    for (const m of body.slice(nameMatch[0].length).matchAll(/([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
      attrs[m[1] as string] = decodeEntities(m[3] ?? m[4] ?? '');
    }
    const el = element(nameMatch[0], attrs);
    top().children.push(el);
    if (selfClosing) el.closed = true;
    else stack.push(el);
  }
  return root;
}

const from = (pieces: string[], max = 40) =>
  fc.array(fc.constantFrom(...pieces), { maxLength: max }).map((a) => a.join(''));

describe('linear text cleaning agrees with the old quadratic versions', () => {
  it('trimUrl strips the same trailing punctuation and unbalanced brackets', () => {
    const tail = from(['a', '/', '(', ')', '[', ']', '{', '}', '.', ',', '"', '’', '*', '$']);
    fc.assert(
      fc.property(tail, (t) => {
        const raw = `https://a.com/${t}`;
        expect(trimUrl(raw)).toEqual(trimUrlOracle(raw));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the end of every TeX group exactly where scanning from its opening would', () => {
    const tex = from(['{', '}', '[', ']', 'a', '\\frac', '\\emph', ' ']);
    fc.assert(
      fc.property(tex, (s) => {
        const ends = groupEnds(s);
        for (let i = 0; i < s.length; i++) {
          if (s[i] === '{' || s[i] === '[') expect(ends[i]).toBe(groupEndOracle(s, i));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads any tag soup into the same tree, stray and crossed close tags included', () => {
    const soup = from([
      '<a>',
      '</a>',
      '<b x="1">',
      '</b>',
      '<a:c>',
      '</a:c>',
      '<d/>',
      '</e>',
      'text',
      '&amp;',
      '<f y=\'2\' zz w="3">',
      '</f>',
    ]);
    fc.assert(
      fc.property(soup, (s) => {
        expect(parseXml(s)).toEqual(parseXmlOracle(s));
      }),
      { numRuns: 2000 },
    );
  });

  // A name glued to the quote before it (b="v"c="w") is no longer read: names start after a space or "=". So no
  // stray quote here: one can end a value early and glue the next name to it (` d= " b="v"= "` read `v"` before).
  it('reads space-separated attributes as before, whatever stray names and equals signs come between', () => {
    const attrs = from([' b="v"', " c='w'", ' d', ' =', ' e = "x"', ' bbb', '='], 20);
    fc.assert(
      fc.property(attrs, (a) => {
        const s = `<t ${a}></t>`;
        expect(parseXml(s)).toEqual(parseXmlOracle(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('hostile text never breaks the cleaners', () => {
  const hostile = from([
    '\\frac{',
    '\\textbf{',
    '\\emph{',
    '{',
    '}',
    '$',
    '\\(',
    'a',
    ' ',
    ')',
    'https://a.com/',
  ]);

  it('cleans any mix of unclosed TeX and URLs to text without TeX braces left over', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = cleanText(s).text;
        expect(typeof out).toBe('string');
        expect(texToUnicode(s)).not.toMatch(/\\frac\{/);
      }),
      { numRuns: 1000 },
    );
  });

  it('tokenizes any mix of quotes in one pass over the line', () => {
    const line = from(["'", '‘', '‚', '’', '"', '«', '»', 'a', ' ', 'k:'], 200);
    fc.assert(
      fc.property(line, (s) => {
        const work = { steps: 0 };
        tokenize(s, work);
        // Each character is examined by at most one quote scan per opener kind.
        expect(work.steps).toBeLessThanOrEqual(7 * (s.length + 1));
      }),
      { numRuns: 1000 },
    );
  });
});
