// `npm run readme:images`: draws the README's picture of a digest from the golden Discord payload Paperboy sends.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { messagesSvg, type PictureMessage } from '../src/platforms/discord/digest-image.js';
import { svgToPng } from '../src/views/trend-chart.js';

// Run from the repository root (npm run does): the files are the golden test's, which the README shows.
const dir = resolve(process.cwd(), 'test/fixtures/discord');
const payload = JSON.parse(readFileSync(resolve(dir, 'rich-digest.json'), 'utf8')) as {
  messages: PictureMessage[];
};
const svg = messagesSvg(payload.messages);
writeFileSync(resolve(dir, 'rich-digest.svg'), svg);
const png = svgToPng(svg);
writeFileSync(resolve(dir, 'rich-digest.png'), png);
console.log(`wrote test/fixtures/discord/rich-digest.svg and rich-digest.png (${png.byteLength} bytes)`);
