import { describe, expect, it } from 'vitest';
import { createSecretBox } from '../../src/keep/secret.js';
import { type KeepServices, secretContext } from '../../src/keep/services.js';
import type { ZoteroClient } from '../../src/keep/zotero.js';
import { admin, CHANNEL, type FakeWorld, fakeWorld, member } from '../app/fakes.js';
import { as, run } from './run.js';

const KEY = 'AbCdEfGh0123456789ZyXwVu';
const SECRET = Buffer.alloc(32, 7);
const zotero: ZoteroClient = {
  async createItem() {
    throw new Error('not called in these tests');
  },
};

async function world(keep: Partial<KeepServices> = {}): Promise<FakeWorld> {
  const w = await fakeWorld();
  w.services.keep = {
    publicUrl: 'https://paperboy.example.org',
    secrets: createSecretBox(SECRET),
    zotero,
    ...keep,
  };
  await w.store.updateChannel(CHANNEL, { topics: ['rl'] }, 'ada');
  return w;
}

const field = (view: { fields?: { name: string; value: string }[] }, name: string) =>
  view.fields?.find((f) => f.name === name)?.value;

describe('/papers settings: the channel feed', () => {
  it('shows admins the feed address under PAPERBOY_PUBLIC_URL, and not other members', async () => {
    const w = await world();
    const shown = as(await run(w, '/papers settings', admin()), 'notice');
    const token = await w.store.feedToken(CHANNEL);
    expect(field(shown, 'Feed')).toBe(
      `https://paperboy.example.org/feeds/${token}.atom (Atom; anyone with the address can read it)`,
    );
    const again = as(await run(w, '/papers settings', admin()), 'notice');
    expect(field(again, 'Feed')).toBe(field(shown, 'Feed'));
    const theirs = as(await run(w, '/papers settings', member()), 'notice');
    expect(field(theirs, 'Feed')).toBeUndefined();
    expect(JSON.stringify(theirs)).not.toContain(token);
  });

  it('revokes the address for admins and hands out a new one; members may not', async () => {
    const w = await world();
    const old = await w.store.feedToken(CHANNEL, true);
    const refused = as(await run(w, '/papers settings feed:revoke', member()), 'error');
    expect(refused.text).toMatch(/^Only people who can manage this channel/);
    expect(await w.store.feedToken(CHANNEL)).toBe(old);

    const view = as(await run(w, '/papers settings feed:revoke', admin()), 'notice');
    const fresh = await w.store.feedToken(CHANNEL);
    expect(fresh).not.toBe(old);
    expect(await w.store.feedChannel(old!)).toBeUndefined();
    expect(view.text).toBe(
      `Revoked the old feed address: it answers 404 from now on. The new one: https://paperboy.example.org/feeds/${fresh}.atom`,
    );
  });

  it('shows a path when no public URL is configured', async () => {
    const w = await world({ publicUrl: undefined });
    delete w.services.keep?.publicUrl;
    const view = as(await run(w, '/papers settings', admin()), 'notice');
    expect(field(view, 'Feed')).toMatch(/^\/feeds\/[A-Za-z0-9_-]{32}\.atom /);
  });
});

describe('/papers settings: Zotero', () => {
  it('links a group with its key sealed in the store, never showing the key back', async () => {
    const w = await world();
    const view = as(await run(w, `/papers settings zotero_group:4711 zotero_key:${KEY}`, admin()), 'notice');
    expect(view.text).toBe(
      'Zotero group 4711 linked with the new key (stored encrypted): every Save also adds the paper to its library.',
    );
    expect(JSON.stringify(view)).not.toContain(KEY);
    const link = await w.store.getZoteroLink(CHANNEL);
    expect(link).toMatchObject({ groupId: '4711', updatedBy: 'ada' });
    expect(link?.sealedKey).not.toContain(KEY);
    expect(createSecretBox(SECRET).open(link!.sealedKey, secretContext(CHANNEL))).toBe(KEY);
    // Bound to the channel: the same sealed value does not open as another channel's key.
    expect(
      createSecretBox(SECRET).open(link!.sealedKey, secretContext({ ...CHANNEL, channel: 'C2' })),
    ).toBeUndefined();
    const shown = as(await run(w, '/papers settings', admin()), 'notice');
    expect(field(shown, 'Zotero')).toBe('group 4711, set by ada on 13 May 2024 (key hidden)');
    expect(JSON.stringify(shown)).not.toContain(KEY);
  });

  it('changes the group or the key alone once linked, and unlinks with none', async () => {
    const w = await world();
    await run(w, `/papers settings zotero_group:4711 zotero_key:${KEY}`, admin());
    const sealed = (await w.store.getZoteroLink(CHANNEL))?.sealedKey;
    await run(w, '/papers settings zotero_group:99', admin());
    expect(await w.store.getZoteroLink(CHANNEL)).toMatchObject({ groupId: '99', sealedKey: sealed });
    const off = as(await run(w, '/papers settings zotero_group:none', admin()), 'notice');
    expect(off.text).toMatch(/^Unlinked Zotero/);
    expect(await w.store.getZoteroLink(CHANNEL)).toBeUndefined();
  });

  it('explains what is missing: the other half of a first link, a malformed key, or the server’s secret', async () => {
    const w = await world();
    expect(as(await run(w, '/papers settings zotero_group:4711', admin()), 'error').text).toBe(
      'Linking Zotero needs both the group and an API key.',
    );
    const bad = as(
      await run(w, '/papers settings zotero_group:4711 zotero_key:short-key!', admin()),
      'error',
    );
    expect(bad.text).toMatch(/24 letters and digits/);
    expect(JSON.stringify(bad)).not.toContain('short-key!');
    const refused = as(
      await run(w, `/papers settings zotero_group:4711 zotero_key:${KEY}`, member()),
      'error',
    );
    expect(refused.text).toMatch(/^Only people who can manage this channel/);

    const noSecret = await world({ secrets: undefined });
    delete noSecret.services.keep?.secrets;
    const view = as(
      await run(noSecret, `/papers settings zotero_group:4711 zotero_key:${KEY}`, admin()),
      'error',
    );
    expect(view.text).toMatch(/no PAPERBOY_SECRET_KEY/);
    expect(await noSecret.store.getZoteroLink(CHANNEL)).toBeUndefined();
  });
});
