import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChild } from '../../support/child.js';
import { MockDiscord } from './mock-discord.js';

// Slack's SDK and Discord's each bring an undici, and the first one loaded installs the process-wide dispatcher
// both use. src/main.ts happens to load Discord's first; uploads must not depend on that.

const child = fileURLToPath(new URL('sdk-order-child.ts', import.meta.url));
let mock: MockDiscord;

beforeEach(async () => {
  mock = await new MockDiscord().start();
});

afterEach(async () => {
  await mock.stop();
});

describe('Discord uploads whichever chat SDK loads first', () => {
  it('sends a file as multipart/form-data when Slack loaded first and its undici holds the dispatcher', async () => {
    const { code, out, err } = await runChild(child, { DISCORD_API_URL: mock.url }).done;
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ slackDispatcher: true, uploaded: true });
    const [post] = mock.find('POST', /^\/channels\/333333333333333333\/messages$/);
    expect(post!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(post!.body).toEqual({ content: 'chart', attachments: [{ id: 0, filename: 'chart.png' }] });
    expect(post!.files).toHaveLength(1);
    expect(post!.files[0]).toMatchObject({
      key: 'files[0]',
      filename: 'chart.png',
      contentType: 'image/png',
    });
    expect([...post!.files[0]!.data]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  });
});
