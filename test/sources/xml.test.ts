import { describe, expect, it } from 'vitest';
import { child, childrenNamed, decodeEntities, parseXml } from '../../src/sources/xml.js';

describe('parseXml', () => {
  it('reads nested elements, attributes in either quote, self-closing tags and prefixes', () => {
    const root = parseXml(`<?xml version="1.0"?><!-- note --><feed a="1" b='two &amp; three'>
      <x:item term="t"/><entry><title>Hi</title></entry></feed>`);
    const feed = child(root, 'feed')!;
    expect(feed.attrs).toEqual({ a: '1', b: 'two & three' });
    expect(child(feed, 'item')).toMatchObject({
      name: 'x:item',
      local: 'item',
      attrs: { term: 't' },
      closed: true,
    });
    expect(child(child(feed, 'entry')!, 'title')?.text).toBe('Hi');
    expect(feed.closed).toBe(true);
  });

  it('keeps CDATA verbatim and decodes numeric and named entities elsewhere', () => {
    const root = parseXml('<a><![CDATA[x < y & z]]> &#233;&#xE9;&lt;&bogus;</a>');
    expect(child(root, 'a')?.text).toBe('x < y & z éé<&bogus;');
  });

  it('never throws on a cut-off or tangled document', () => {
    const cut = parseXml('<feed><entry><id>1</id></entry><entry><id>2</i');
    const feed = child(cut, 'feed')!;
    expect(feed.closed).toBe(false);
    const entries = childrenNamed(feed, 'entry');
    expect(entries.map((e) => e.closed)).toEqual([true, false]);
    const tangled = parseXml('<a><b>text</a></b></c><d/>');
    expect(child(tangled, 'a')?.closed).toBe(true);
    expect(child(tangled, 'd')).toBeDefined();
  });

  it('leaves out-of-range character references alone', () => {
    expect(decodeEntities('&#x110000; &#0;')).toBe('&#x110000; &#0;');
  });
});
