// /papers follow and unfollow: admins pick authors and labs; ambiguous names are refused with the candidates.
import { describe, expect, it } from 'vitest';
import { CHANNEL, fakeWorld, member } from '../app/fakes.js';
import { as, run } from './run.js';

describe('/papers follow', () => {
  it('follows an author under any spelling, lists them in settings, and unfollows them', async () => {
    const world = await fakeWorld();
    const view = as(await run(world, '/papers follow author:"Levine, Sergey"'), 'notice');
    expect(view.title).toBe('Following Levine, Sergey');
    expect(view.text).toContain('“by Levine, Sergey”');
    const again = as(await run(world, '/papers follow author:"Sérgey Levine"'), 'notice');
    expect(again.title).toBe('Already following Levine, Sergey');
    await run(world, '/papers follow org:"Google DeepMind"');
    expect(await world.store.listFollows(CHANNEL)).toEqual([
      expect.objectContaining({ kind: 'author', key: 'levine, sergey' }),
      expect.objectContaining({ kind: 'org', key: 'google deepmind', name: 'Google DeepMind' }),
    ]);
    const settings = as(await run(world, '/papers settings', member()), 'notice');
    expect(settings.fields).toContainEqual({
      name: 'Following',
      value: 'Levine, Sergey and Google DeepMind (lab)',
    });
    const gone = as(await run(world, '/papers unfollow author:"S. Levine"'), 'notice');
    expect(gone.title).toBe('Unfollowed Levine, Sergey');
    expect((await world.store.listFollows(CHANNEL)).map((f) => f.kind)).toEqual(['org']);
  });

  it('needs exactly one of author or org, and someone who manages the channel', async () => {
    const world = await fakeWorld();
    expect(as(await run(world, '/papers follow'), 'error').text).toBe(
      'Name one author or one lab to follow.',
    );
    expect((await run(world, '/papers follow author:"Sergey Levine"', member())).kind).toBe('error');
    expect(await world.store.listFollows(CHANNEL)).toEqual([]);
  });

  it('says when the channel does not follow a name it is asked to unfollow', async () => {
    const world = await fakeWorld();
    const view = as(await run(world, '/papers unfollow org:OpenAI'), 'error');
    expect(view.text).toBe('This channel does not follow “OpenAI”.');
  });
});
