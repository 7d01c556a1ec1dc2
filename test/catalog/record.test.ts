import { describe, expect, it } from 'vitest';
import { PaperSchema } from '../../src/catalog/paper.js';
import { isoDate, recordToPaper } from '../../src/catalog/record.js';

function ok(value: unknown) {
  const r = recordToPaper(value, 'jsonl');
  if (!r.ok) throw new Error(r.reason);
  expect(PaperSchema.safeParse(r.paper).success).toBe(true);
  return r.paper;
}

describe('recordToPaper', () => {
  it('keeps only http(s) links, so a catalog cannot smuggle javascript: into a chat button', () => {
    const p = ok({
      title: 'Links',
      links: { code: 'javascript:alert(1)', project: 'ftp://example.org/x', abs: 'https://example.org/abs' },
      homepage: 'https://example.org/home',
    });
    expect(p.links).toEqual({ abs: 'https://example.org/abs', project: 'https://example.org/home' });
  });

  it('sends a generic "url" to the slot it belongs to', () => {
    expect(ok({ title: 'A', url: 'https://github.com/a/b' }).links.code).toBe('https://github.com/a/b');
    expect(ok({ title: 'B', url: 'https://b.github.io/' }).links.project).toBe('https://b.github.io/');
    const arxiv = ok({ title: 'C', url: 'https://arxiv.org/abs/2501.00001v3' });
    expect(arxiv.id).toBe('2501.00001');
    expect(arxiv.links.abs).toBe('https://arxiv.org/abs/2501.00001v3');
  });

  it('drops unusable numbers and dates instead of the whole record', () => {
    const p = ok({
      title: 'Numbers',
      rank: 0,
      upvotes: -3,
      stars: 'many',
      comments: 2.6,
      published: 'someday',
      listed: '2025-13-01',
    });
    expect(p.trending).toEqual({ comments: 3 });
    expect(p.published).toBeUndefined();
    expect(p.listed).toBeUndefined();
  });

  it('reads dates as ISO strings, RFC 2822 strings and epoch seconds or milliseconds', () => {
    expect(isoDate('2025-05-08T10:00:00Z')).toBe('2025-05-08');
    expect(isoDate('Thu, 08 May 2025 10:00:00 GMT')).toBe('2025-05-08');
    expect(isoDate(1746698400)).toBe('2025-05-08');
    expect(isoDate(1746698400000)).toBe('2025-05-08');
    expect(isoDate('2025-02-30x')).toBe('2025-02-30');
    expect(isoDate('yesterday')).toBeUndefined();
  });

  it('accepts authors as a list, a "a, b and c" string, a semicolon list, or objects', () => {
    expect(ok({ title: 'A', authors: 'Ada Lovelace, Alan Turing and Grace Hopper' }).authors).toEqual([
      'Ada Lovelace',
      'Alan Turing',
      'Grace Hopper',
    ]);
    expect(ok({ title: 'B', authors: 'Lovelace, Ada; Turing, Alan' }).authors).toEqual([
      'Lovelace, Ada',
      'Turing, Alan',
    ]);
    expect(
      ok({ title: 'C', authors: [{ name: 'Ada' }, { first: 'Alan', last: 'Turing' }, 7, 'Ada'] }).authors,
    ).toEqual(['Ada', 'Alan Turing']);
  });

  it('splits category strings and drops MSC and ACM class codes', () => {
    expect(ok({ title: 'A', categories: 'cs.LG stat.ML' }).categories).toEqual(['cs.LG', 'stat.ML']);
    expect(ok({ title: 'B', categories: ['cs.CV', '68T45, 62H30', 'I.5.3; I.2.10'] }).categories).toEqual([
      'cs.CV',
    ]);
    expect(ok({ title: 'C', categories: [{ term: 'math.OC' }] }).categories).toEqual(['math.OC']);
  });

  it('keeps a summary beside the abstract as the source summary', () => {
    expect(ok({ title: 'A', abstract: 'The abstract.', summary: 'The summary.' })).toMatchObject({
      abstract: 'The abstract.',
      sourceSummary: 'The summary.',
    });
    expect(ok({ title: 'B', summary: 'Only a summary.' })).toMatchObject({ abstract: 'Only a summary.' });
    expect(ok({ title: 'B', summary: 'Only a summary.' }).sourceSummary).toBeUndefined();
  });

  it('uses BEIR ids as given, numbers become strings, and other ids fall back to the title slug', () => {
    expect(ok({ _id: '4983', title: 'A', text: 'x' })).toMatchObject({ id: '4983', source: 'beir' });
    expect(ok({ id: 17, title: 'B' }).id).toBe('17');
    expect(ok({ id: 'x'.repeat(300), title: 'Too Long An Id' }).id).toBe('too-long-an-id');
    expect(ok({ title: 'No Id At All' }).id).toBe('no-id-at-all');
  });

  it('takes the source from the record when it names a known one', () => {
    expect(ok({ title: 'A', source: 'hf' }).source).toBe('hf');
    expect(ok({ title: 'B', source: 'somewhere' }).source).toBe('jsonl');
  });

  it('says why a record is not a paper', () => {
    expect(recordToPaper([1], 'jsonl')).toEqual({
      ok: false,
      reason: 'expected a JSON object, got an array',
    });
    expect(recordToPaper(null, 'jsonl')).toEqual({ ok: false, reason: 'expected a JSON object, got null' });
    expect(recordToPaper({ title: ['a', 2] }, 'jsonl')).toEqual({
      ok: false,
      reason: '"title" must be a string, got an array',
    });
    expect(recordToPaper({ title: '\u200b\u200b' }, 'jsonl')).toEqual({ ok: false, reason: 'empty title' });
  });

  it('cuts an enormous abstract and reports it', () => {
    const r = recordToPaper({ title: 'Big', abstract: 'word '.repeat(10_000) }, 'jsonl');
    expect(r.ok && r.paper.abstract.length).toBeLessThanOrEqual(20_000);
    expect(r.ok && r.notes).toEqual(['abstract was 50,000 characters; kept the first 20,000']);
  });
});
