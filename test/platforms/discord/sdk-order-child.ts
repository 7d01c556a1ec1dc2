// Child process of sdk-order.test.ts: loads Slack's SDK before Discord's (only a fresh process controls which
// loads first), then uploads a file through the bot's Discord REST client to DISCORD_API_URL.
// No static import: any of them would be evaluated before the Slack import below.
await import('../../../src/platforms/slack/index.js');
const shared = globalThis as unknown as Record<symbol, unknown>;
// undici 7 (Slack's) alone also writes the newer key: both set and equal means its Agent took the shared slot.
const slackDispatcher =
  shared[Symbol.for('undici.globalDispatcher.2')] !== undefined &&
  shared[Symbol.for('undici.globalDispatcher.2')] === shared[Symbol.for('undici.globalDispatcher.1')];

const { createRest, rawFiles } = await import('../../../src/platforms/discord/rest.js');
const rest = createRest({ apiUrl: process.env.DISCORD_API_URL!, token: 'order-token', retries: 0 });
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
try {
  await rest.post('/channels/333333333333333333/messages', {
    body: { content: 'chart', attachments: [{ id: 0, filename: 'chart.png' }] },
    files: rawFiles([
      { name: 'chart.png', contentType: 'image/png', data: png, alt: 'a chart', fallback: '' },
    ]),
  });
  process.stdout.write(JSON.stringify({ slackDispatcher, uploaded: true }));
} catch (error) {
  process.stdout.write(JSON.stringify({ slackDispatcher, uploaded: false, error: String(error) }));
}
