import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CatalogError,
  loadCatalog,
  loadCatalogFile,
  PaperSchema,
  sniffFormat,
} from '../../src/catalog/index.js';
import { arrayElements } from '../../src/catalog/json-elements.js';

const line = (id: string, title: string) => JSON.stringify({ id, title, abstract: 'x' });
const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'catalog', name);
const tmp = mkdtempSync(join(tmpdir(), 'paperboy-catalog-'));
const write = (name: string, data: string | Buffer) => {
  const path = join(tmp, name);
  writeFileSync(path, data);
  return path;
};
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('formats, chosen by content', () => {
  it('reads the BEIR corpus keeping its ids, so SciFact judgments still match', async () => {
    const r = await loadCatalogFile(fixture('beir-corpus.jsonl'));
    expect(r.format).toBe('jsonl');
    expect(r.papers.map((p) => p.id)).toEqual(['4983', '5836', '885056', '13492264', '2101.00001']);
    expect(r.papers.every((p) => p.source === 'beir' && p.arxivId === undefined)).toBe(true);
    expect(r.papers[0]?.abstract).toMatch(/^Alterations of the architecture/);
    expect(r.warnings).toEqual([]);
  });

  it('reads the arXiv listing format: ids, listing dates, authors, categories without class codes', async () => {
    const r = await loadCatalogFile(fixture('arxiv-listing.jsonl'));
    const [first, second, third] = r.papers;
    expect(first?.id).toBe('1812.06145');
    expect(first?.source).toBe('arxiv-listing');
    expect(first?.listed).toBe('2025-08-01');
    expect(first?.categories).toEqual(['cs.CV', 'cs.AI', 'stat.ML']);
    expect(first?.authors).toContain('Léon Bérard');
    expect(first?.abstract).toContain(
      'state-of-the-art models, with a β-weighted regulariser and a 30% gain.',
    );
    expect(first?.abstract).not.toContain('\n');
    expect(first?.links.abs).toBe('https://arxiv.org/abs/1812.06145');
    expect(second?.title).toBe('Sparse k-Means with Guarantees');
    expect(second?.abstract).toContain('ℝ^d and prove an O(√n log n) bound');
    expect(second?.links.code).toBe('https://github.com/example/sparse-kmeans');
    expect(second?.comment).toBe('12 pages, 3 figures');
    expect(third?.title).toBe('Naïve Bayes Revisited');
    expect(third?.links.project).toBe('https://naive.example.org/');
  });

  it("reads Paperboy's own JSON schema back unchanged, including {papers, warnings} output", async () => {
    const r = await loadCatalogFile(fixture('paperboy.json'));
    expect(r.format).toBe('json');
    const [own, bare] = r.papers;
    expect(own).toMatchObject({
      id: '2505.01234',
      arxivId: '2505.01234',
      authors: ['Grace Hopper'],
      keywords: ['compilers'],
      published: '2025-05-02',
      listed: '2025-05-08',
      trending: { rank: 3, upvotes: 42, stars: 7 },
      source: 'hf',
      sourceSummary: 'A one-line summary the source already had.',
      links: { code: 'https://github.com/example/own', hf: 'https://huggingface.co/papers/2505.01234' },
    });
    expect(bare?.abstract).toBe('');
  });

  it('reads JSONL from other tools by their common field names', async () => {
    const r = await loadCatalogFile(fixture('other-tool.jsonl'));
    const [openreview, hf, old, scitldr] = r.papers;
    expect(openreview).toMatchObject({
      id: 'SJ1Xmf-Rb',
      abstract: 'Its abstract is in "summary".',
      authors: ['Alan Turing', 'Alonzo Church', 'Kurt Gödel'],
      keywords: ['logic', 'computation'],
      published: '2025-05-13',
    });
    expect(hf).toMatchObject({
      id: '2504.15275',
      authors: ['Yann LeCun', 'Yoshua Bengio'],
      trending: { upvotes: 128, stars: 1500 },
      published: '2025-04-21',
      listed: '2025-04-22',
      sourceSummary: 'A short machine summary.',
      links: { code: 'https://github.com/example/hf-paper' },
    });
    expect(old).toMatchObject({
      id: 'hep-th/9901001',
      categories: ['hep-th', 'gr-qc'],
      published: '1999-01-01',
    });
    expect(scitldr?.abstract).toBe('First sentence of the abstract. Second sentence.');
  });

  it('reads a JSON array, skipping elements that are not papers with their line', async () => {
    const r = await loadCatalogFile(fixture('papers-array.json'));
    expect(r.papers.map((p) => p.title)).toEqual([
      'First Paper in an Array',
      'Second Paper in an Array',
      'Third Paper in an Array',
    ]);
    expect(r.warnings).toEqual([
      { file: fixture('papers-array.json'), line: 4, reason: 'expected a JSON object, got a string' },
      { file: fixture('papers-array.json'), line: 5, reason: 'no title (expected a "title" field)' },
    ]);
  });

  it('reads gzip-compressed and UTF-16 catalogs', async () => {
    const line = '{"id": "2501.00009", "title": "Zipped Über Paper", "abstract": "ok"}\n';
    const gz = await loadCatalogFile(write('papers.jsonl.gz', gzipSync(line)));
    expect(gz.papers[0]?.title).toBe('Zipped Über Paper');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(line, 'utf16le')]);
    const u = await loadCatalogFile(write('papers-utf16.jsonl', utf16));
    expect(u.papers[0]?.title).toBe('Zipped Über Paper');
  });

  it('reads UTF-8 with a byte-order mark and Windows line endings', async () => {
    const text = `\ufeff${line('2501.00010', 'First')}\r\n${line('2501.00011', 'Second')}\r\n`;
    const r = await loadCatalogFile(write('bom.jsonl', text));
    expect(r.papers.map((p) => p.title)).toEqual(['First', 'Second']);
    expect(r.warnings).toEqual([]);
  });

  it('does not trust the file extension', async () => {
    const r = await loadCatalogFile(
      write('catalog.txt', '{"title": "JSONL In Disguise", "abstract": "x"}\n'),
    );
    expect(r.format).toBe('jsonl');
    expect(sniffFormat('[\n {"title": "a"}', false)).toBe('json');
    expect(sniffFormat('{\n  "papers": [', false)).toBe('json');
    expect(sniffFormat('{"papers": []}\n', true)).toBe('json');
    expect(sniffFormat('{"title": "a"}\n{"title": "b"}\n', true)).toBe('jsonl');
    expect(sniffFormat('Get trending papers in your email inbox!\n\nSubscribe\n', true)).toBe('seed-page');
    expect(sniffFormat('{"title": "a", \n{"title": "b", \n', true)).toBe('jsonl');
    expect(sniffFormat('hello world', true)).toBeUndefined();
  });
});

describe('hostile input', () => {
  it('skips each malformed record with one warning naming the line, and keeps every good one', async () => {
    const file = fixture('hostile.jsonl');
    const r = await loadCatalogFile(file);
    expect(r.papers.map((p) => p.id)).toEqual([
      '2502.00001',
      '2502.00003',
      '2502.00004',
      '2502.00005',
      '2502.00006',
      '2502.00007',
    ]);
    expect(r.skipped).toBe(7);
    expect(r.warnings.map((w) => [w.line, w.reason])).toEqual([
      [2, expect.stringMatching(/^invalid JSON/)],
      [3, 'expected one JSON object per line, got an array'],
      [4, 'not a JSON object'],
      [5, 'no title (expected a "title" field)'],
      [6, '"title" must be a string, got a number'],
      [7, 'empty title'],
      [10, 'duplicate of the paper on line 9 (same id 2502.00004); merged into one'],
      [14, 'not a JSON object'],
    ]);
    expect(r.warnings.every((w) => w.file === file)).toBe(true);
  });

  it('keeps a paper whose abstract is empty', async () => {
    const r = await loadCatalogFile(fixture('hostile.jsonl'));
    expect(r.papers.find((p) => p.id === '2502.00003')?.abstract).toBe('');
  });

  it('merges duplicate ids into one paper with the richer fields', async () => {
    const r = await loadCatalogFile(fixture('hostile.jsonl'));
    const dup = r.papers.find((p) => p.id === '2502.00004');
    expect(dup).toMatchObject({
      abstract: 'A longer abstract wins the merge.',
      authors: ['A', 'B'],
      categories: ['cs.AI', 'cs.LG'],
    });
  });

  it('cleans odd Unicode: drops bidi overrides and zero-width characters, keeps RTL text, emoji and ZWNJ', async () => {
    const r = await loadCatalogFile(fixture('hostile.jsonl'));
    const odd = r.papers.find((p) => p.id === '2502.00005');
    expect(odd?.title).toBe('RTL override and עברית العربية mixed');
    expect(odd?.abstract).toBe(
      'Zerowidth joiners gone, emoji kept 👨‍👩‍👧 🚀, combining é composed, Persian می‌خواهم keeps ZWNJ.',
    );
    const control = r.papers.find((p) => p.id === '2502.00006');
    expect(control?.title).toBe('Control chars and tabs');
    expect(control?.abstract).toBe('Line one line two.');
  });

  it('loads the records before a truncation and names the line where the file breaks off', async () => {
    const r = await loadCatalogFile(fixture('truncated.json'));
    expect(r.papers.map((p) => p.id)).toEqual(['2501.00001', '2501.00002']);
    expect(r.warnings).toEqual([
      {
        file: fixture('truncated.json'),
        line: 4,
        reason: 'file ends inside this record (truncated JSON); the records before it were loaded',
      },
    ]);
  });

  it('returns at once from a stray "}" between records, keeping the good ones and naming the bad part', async () => {
    const file = write('stray-brace.json', '[{"title":"a b"},}]');
    const r = await loadCatalogFile(file);
    expect(r.papers.map((p) => p.title)).toEqual(['a b']);
    expect(r.warnings).toEqual([
      { file, line: 1, reason: 'stray "}" between records (a record missing its "{", or one "}" too many)' },
    ]);
    const more = write(
      'stray-braces.json',
      `[\n${line('2501.00001', 'First')},\n}},\n${line('2501.00002', 'Second')}}\n,${line('2501.00003', 'Third')}]`,
    );
    const m = await loadCatalogFile(more);
    expect(m.papers.map((p) => p.id)).toEqual(['2501.00001', '2501.00002', '2501.00003']);
    expect(m.warnings.map((w) => w.line)).toEqual([3, 3, 4]);
  });

  it('walks any damaged array to its end, one element at a time', () => {
    for (const text of ['[}]', '[}}}}', '[{"a":1}},}]', '[1}, 2]', '[{]}', '[,,}', '[ } ]', '[{"a":"}"}]']) {
      let steps = 0;
      for (const el of arrayElements(text, 0)) {
        expect(el.end).toBeGreaterThan(el.start);
        if (++steps > text.length) throw new Error(`no progress on ${text}`);
      }
    }
  });

  it('truncates a 1 MB title at a word boundary and says so', async () => {
    const huge = 'Gigantic '.repeat(120_000);
    const path = write(
      'huge-title.jsonl',
      `${JSON.stringify({ id: '2503.00001', title: huge, abstract: 'a' })}\n`,
    );
    const r = await loadCatalogFile(path);
    const title = r.papers[0]?.title ?? '';
    expect(title.length).toBeLessThanOrEqual(300);
    expect(title).toMatch(/^Gigantic Gigantic .*Gigantic…$/);
    expect(r.warnings).toEqual([
      { file: path, line: 1, reason: 'title was 1,080,000 characters; kept the first 300' },
    ]);
  });

  it('produces only papers that satisfy the Paper schema', async () => {
    for (const name of [
      'hostile.jsonl',
      'other-tool.jsonl',
      'arxiv-listing.jsonl',
      'paperboy.json',
      'beir-corpus.jsonl',
    ]) {
      const r = await loadCatalogFile(fixture(name));
      for (const p of r.papers) expect(PaperSchema.safeParse(p).success, `${name}: ${p.id}`).toBe(true);
    }
  });

  it.each([
    ['nope.jsonl', /nope\.jsonl: no such file \(check --catalog or PAPERBOY_CATALOG\)$/],
    ['empty.jsonl', /empty\.jsonl: is empty$/],
    ['blank.jsonl', /blank\.jsonl: is empty$/],
    ['garbage.bin', /garbage\.bin: is binary data, not a catalog/],
    ['notes.txt', /notes\.txt: unrecognised format: expected JSON/],
    [
      'all-bad.jsonl',
      /all-bad\.jsonl: no paper could be loaded \(3 records skipped; first problem: line 1: no title/,
    ],
  ])('stops on %s with a one-line CatalogError', async (name, message) => {
    const error = await loadCatalogFile(fixture(name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('names a damaged gzip file', async () => {
    const gz = gzipSync('{"title": "x"}\n'.repeat(1000));
    const path = write('damaged.jsonl.gz', gz.subarray(0, gz.length - 20));
    await expect(loadCatalogFile(path)).rejects.toThrow(/damaged\.jsonl\.gz: is a damaged gzip file$/);
  });

  it('refuses a directory or a device with a clear message', async () => {
    await expect(loadCatalogFile(tmp)).rejects.toThrow(/is a directory, not a catalog file/);
    await expect(loadCatalogFile('/dev/null')).rejects.toThrow(/\/dev\/null: is not a regular file/);
  });

  it('caps the warnings of a very broken file and counts the rest', async () => {
    const lines = ['{"title": "The One Good Paper"}', ...Array.from({ length: 30 }, () => '{broken')].join(
      '\n',
    );
    const seen: string[] = [];
    const r = await loadCatalogFile(write('broken.jsonl', lines), {
      maxWarnings: 5,
      onWarning: (w) => seen.push(w.reason),
    });
    expect(r.papers).toHaveLength(1);
    expect(r.skipped).toBe(30);
    expect(r.warnings).toHaveLength(6);
    expect(r.warnings.at(-1)?.reason).toBe('25 more warnings not shown');
    expect(seen).toHaveLength(6);
  });
});

describe('loadCatalog', () => {
  it('merges several files, duplicates across them becoming one paper', async () => {
    const a = write(
      'a.jsonl',
      '{"id": "2501.00001", "title": "Shared Paper", "abstract": "short", "upvotes": 3}\n',
    );
    const b = write(
      'b.json',
      JSON.stringify([
        { arxiv_id: '2501.00001v2', title: 'Shared paper', abstract: 'the longer one', upvotes: 8 },
      ]),
    );
    const c = await loadCatalog([a, b]);
    expect(c.papers).toHaveLength(1);
    expect(c.papers[0]).toMatchObject({
      id: '2501.00001',
      abstract: 'the longer one',
      trending: { upvotes: 8 },
    });
    expect(c.files.map((f) => [f.format, f.papers])).toEqual([
      ['jsonl', 1],
      ['json', 1],
    ]);
  });

  it('serves the bundled seed when no path is given, and under the @seed alias', async () => {
    const seedOnly = await loadCatalog([]);
    const extra = write('extra.jsonl', '{"title": "An Extra Paper", "abstract": "x"}\n');
    const both = await loadCatalog(['@seed', extra]);
    expect(seedOnly.papers).toHaveLength(57);
    expect(both.papers).toHaveLength(58);
  });

  it('reports warnings to the callback as they happen', async () => {
    const seen: number[] = [];
    await loadCatalog([fixture('hostile.jsonl')], { onWarning: (w) => seen.push(w.line ?? 0) });
    expect(seen).toEqual([2, 3, 4, 5, 6, 7, 10, 14]);
  });
});
