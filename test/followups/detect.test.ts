// What counts as news about a paper a channel received, read from recorded arXiv and Hugging Face answers.
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/paper.js';
import { detectChanges, readState, stateOf } from '../../src/followups/detect.js';
import { parseArxivFeed } from '../../src/sources/arxiv.js';
import { HfDailyItemSchema, hfItemToPaper } from '../../src/sources/hf.js';
import { hubArtifacts } from '../../src/sources/hf-repos.js';
import { real } from '../support/real.js';

function entry(xml: string, id: string): Paper {
  const feed = parseArxivFeed(xml);
  if ('error' in feed) throw new Error(feed.error);
  const p = feed.papers.find((x) => x.id === id);
  if (!p) throw new Error(`no ${id}`);
  return p;
}

const testing = real('arxiv/query-testing-trimmed.xml');

/**
 * The recorded entry as it stood at an earlier version: its id's version lowered and the named elements left
 * out. arXiv answers only with the current version, so the earlier one is built here from the recording.
 */
function earlier(xml: string, id: string, version: number, drop: string[]): string {
  const start = xml.indexOf(`<id>http://arxiv.org/abs/${id}v`);
  const end = xml.indexOf('</entry>', start);
  let one = xml.slice(start, end).replace(/(<id>http:\/\/arxiv\.org\/abs\/[^<]*?v)\d+</, `$1${version}<`);
  for (const tag of drop) one = one.replace(new RegExp(`<${tag}[^>]*>[\\s\\S]*?</${tag}>`), '');
  return xml.slice(0, start) + one + xml.slice(end);
}

const hfItem = JSON.parse(real('hf/daily-papers-item-2602.23229-current-shape.json'));

describe('follow-up changes from recorded answers', () => {
  it('sees a new arXiv version and the venue it brought (2005.14124 at v1, then as recorded at v2)', () => {
    const v2 = entry(testing, '2005.14124');
    const v1 = entry(earlier(testing, '2005.14124', 1, ['arxiv:journal_ref', 'arxiv:comment']), '2005.14124');
    expect(v1.version).toBe(1);
    expect(v2.version).toBe(2);
    const changes = detectChanges(stateOf(v1), v2);
    expect(changes.map((c) => c.key)).toEqual(['version:2', 'venue']);
    expect(changes[0]?.text).toMatch(
      /^New arXiv version \(v2\) of .+: https:\/\/arxiv\.org\/abs\/2005\.14124v2$/,
    );
    expect(changes[1]?.text).toMatch(/has a venue: In Proc\. ACM SIGSOFT .*ISSTA 2020/);
    // The same state again is no news.
    expect(detectChanges(stateOf(v2), v2)).toEqual([]);
  });

  it('sees code released in a new version’s comment (1706.00679: v2, then v3 naming its GitHub repository)', () => {
    const v3 = entry(testing, '1706.00679');
    const v2 = entry(earlier(testing, '1706.00679', 2, ['arxiv:comment']), '1706.00679');
    expect(v2.links.code).toBeUndefined();
    const changes = detectChanges(stateOf(v2), v3);
    expect(changes.map((c) => c.key)).toEqual(['code', 'version:3']);
    expect(changes[0]?.text).toBe(
      `Code released for ${v3.title}: https://github.com/ydecastro/super-resolution-testing`,
    );
  });

  it('sees a venue named in an "Accepted to …" comment (2005.06826)', () => {
    const now = entry(testing, '2005.06826');
    const before = entry(earlier(testing, '2005.06826', 1, ['arxiv:comment']), '2005.06826');
    expect(detectChanges(stateOf(before), now).map((c) => [c.key, c.text])).toEqual([
      ['venue', expect.stringMatching(/has a venue: Accepted to the ACM SIGSOFT .*\(ISSTA\), 2020$/)],
    ]);
  });

  it('sees a githubRepo appear on the Hugging Face listing, with its stars (2602.23229)', () => {
    const now = hfItemToPaper(HfDailyItemSchema.parse(hfItem), undefined);
    const { githubRepo: _r, githubStars: _s, ...without } = hfItem.paper;
    const before = hfItemToPaper(HfDailyItemSchema.parse({ ...hfItem, paper: without }), undefined);
    expect(before.links.code).toBeUndefined();
    expect(detectChanges(stateOf(before), now)).toEqual([
      {
        kind: 'code',
        key: 'code',
        text: `Code released for ${now.title}: https://github.com/marco-garosi/CIRCLE ★9`,
      },
    ]);
  });

  it('sees models and datasets on the Hub (answer built from the documented shape: no recording exists)', () => {
    const base = hfItemToPaper(HfDailyItemSchema.parse(hfItem), undefined);
    const hub = hubArtifacts({
      models: [
        { id: 'org/small', likes: 1 },
        { id: 'org/circle-base', likes: 40 },
      ],
      datasets: [{ id: 'org/circle-data', likes: 3 }],
      spaces: [],
    });
    const now = { ...base, hub: hub! };
    const changes = detectChanges(stateOf(base), now);
    expect(changes.map((c) => c.text)).toEqual([
      `Models on the Hugging Face Hub for ${base.title}: 2, top: https://huggingface.co/org/circle-base`,
      `Datasets on the Hugging Face Hub for ${base.title}: 1, top: https://huggingface.co/datasets/org/circle-data`,
    ]);
    // More models on top of some is not news.
    const more = { ...now, hub: { ...hub!, models: 9 } };
    expect(detectChanges(stateOf(now), more)).toEqual([]);
  });

  it('reads a stored snapshot leniently and counts a version-less first sighting as v1', () => {
    expect(readState({ code: 5, version: 'x', models: -1, datasets: 2 })).toEqual({ models: 0, datasets: 2 });
    const v2 = entry(testing, '2005.14124');
    expect(
      detectChanges(readState({}), { ...v2, version: 1, journalRef: undefined, comment: undefined }),
    ).toEqual([]);
    expect(readState(JSON.parse(JSON.stringify(stateOf(v2))))).toEqual(stateOf(v2));
  });
});
