import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.js';
import { createSecretBox, parseSecretKey } from '../../src/keep/secret.js';
import { createKeepServices, feedUrl } from '../../src/keep/services.js';

describe('keep configuration', () => {
  it('defaults to the public Zotero API and no feed base or secret', () => {
    const config = readConfig({});
    expect(config.zotero).toEqual({ apiUrl: 'https://api.zotero.org' });
    expect(config.publicUrl).toBeUndefined();
  });

  it('reads the public URL without its trailing slash, a Zotero mock URL and a hex secret key', () => {
    const config = readConfig({
      PAPERBOY_PUBLIC_URL: 'https://paperboy.example.org/',
      ZOTERO_API_URL: 'http://127.0.0.1:9999/',
      PAPERBOY_SECRET_KEY: 'ab'.repeat(32),
    });
    expect(config.publicUrl).toBe('https://paperboy.example.org');
    expect(config.zotero.apiUrl).toBe('http://127.0.0.1:9999');
    expect(config.zotero.secretKey?.equals(Buffer.alloc(32, 0xab))).toBe(true);
  });

  it('names every bad variable without echoing the secret', () => {
    const attempt = () =>
      readConfig({
        PAPERBOY_PUBLIC_URL: 'paperboy.example.org',
        PAPERBOY_SECRET_KEY: 'hunter2-not-a-key',
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /PAPERBOY_PUBLIC_URL: must be the address.*PAPERBOY_SECRET_KEY: must be 32 bytes/,
    );
    expect(attempt).not.toThrow(/hunter2/);
  });

  it('builds the services commands read: feeds under the public URL, a secret box only with a key', () => {
    const keep = createKeepServices(readConfig({ PAPERBOY_PUBLIC_URL: 'https://paperboy.example.org/' }));
    expect(feedUrl(keep, 'tok')).toBe('https://paperboy.example.org/feeds/tok.atom');
    expect(keep.secrets).toBeUndefined();
    const sealed = createKeepServices(readConfig({ PAPERBOY_SECRET_KEY: 'ab'.repeat(32) }));
    expect(sealed.secrets?.open(sealed.secrets.seal('k', 'c'), 'c')).toBe('k');
  });
});

describe('secret box', () => {
  const box = createSecretBox(parseSecretKey(Buffer.alloc(32, 1).toString('base64'))!);

  it('opens what it sealed, under the same context only, and a fresh nonce each time', () => {
    const sealed = box.seal('zotero-key', 'zotero:slack/T1/C1');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('zotero-key');
    expect(box.open(sealed, 'zotero:slack/T1/C1')).toBe('zotero-key');
    expect(box.open(sealed, 'zotero:slack/T1/C2')).toBeUndefined();
    expect(box.seal('zotero-key', 'zotero:slack/T1/C1')).not.toBe(sealed);
  });

  it('refuses a tampered value or one sealed under another key', () => {
    const sealed = box.seal('zotero-key', 'c');
    const parts = sealed.split('.');
    const flipped = `${parts[3]?.[0] === 'A' ? 'B' : 'A'}${parts[3]?.slice(1)}`;
    expect(box.open([parts[0], parts[1], parts[2], flipped].join('.'), 'c')).toBeUndefined();
    expect(createSecretBox(Buffer.alloc(32, 2)).open(sealed, 'c')).toBeUndefined();
    expect(box.open('garbage', 'c')).toBeUndefined();
  });
});
