// The Atom/RSS parser feed readers use (@rowanmanning/feed-parser, a dev dependency), plus a well-formedness check.
import { parseFeed } from '@rowanmanning/feed-parser';
import { parseXml, type XmlElement } from '../../src/sources/xml.js';

export { parseFeed };

/** Every element closed: the feed parser forgives a cut-off document, feed readers need not. */
export function allClosed(xml: string): boolean {
  const walk = (el: XmlElement): boolean => el.closed && el.children.every(walk);
  return walk(parseXml(xml));
}
