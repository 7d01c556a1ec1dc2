// The README's picture of a digest, drawn from the golden payload Paperboy sends: the SVG byte for byte, the PNG
// pixel by pixel within a tolerance (fonts differ between machines). `npm run readme:images` redraws both.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  messagesSvg,
  PICTURE,
  type PictureMessage,
  textWidth,
} from '../../../src/platforms/discord/digest-image.js';
import { svgToPng } from '../../../src/views/trend-chart.js';

const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/discord');

/** What Paperboy posts for the rich digest (rich-cards.test.ts writes it from recorded HF and arXiv answers). */
const payload = JSON.parse(readFileSync(join(FIXTURES, 'rich-digest.json'), 'utf8')) as {
  messages: PictureMessage[];
};

function goldenFile(name: string, data: string | Uint8Array): Buffer {
  const file = join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, data);
  return readFileSync(file);
}

function size(png: Uint8Array): [number, number] {
  const view = new DataView(png.buffer, png.byteOffset);
  return [view.getUint32(16), view.getUint32(20)];
}

/** Raw RGBA pixels of a PNG, decoded by resvg itself (the PNG drawn as an image inside an SVG). */
function pixels(png: Uint8Array): Uint8Array {
  const [width, height] = size(png);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" xlink:href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/></svg>`;
  return new Uint8Array(new Resvg(svg).render().pixels);
}

const svg = messagesSvg(payload.messages);

describe('the picture of a digest on Discord', () => {
  it('is the golden SVG, showing the payload’s titles, context lines, Hub line, links and buttons', () => {
    expect(svg).toBe(goldenFile('rich-digest.svg', svg).toString('utf8'));
    expect(svg).toContain('1. Large Multimodal Models as General In-Context');
    expect(svg).toContain('arXiv · 2 Mar 2006 · Phys. Rev. B 74,');
    expect(svg).toContain('>3 models</tspan>');
    expect(svg).toContain('>Code ★ 9</tspan>');
    expect(svg).toContain('TL;DR by Hugging Face');
    expect(svg).toContain('>Summarize #1</text>');
    // Emoji the fonts lack are drawn as look-alikes rather than left as gaps.
    expect(svg).toContain('✉ 1');
    expect(svg).not.toMatch(/💬|👍|👎/u);
  });

  it('draws one thumbnail placeholder, for the paper that has a thumbnail', () => {
    expect(svg.match(/>thumbnail</g)).toHaveLength(1);
  });

  it('keeps every line of text inside its embed', () => {
    const right = PICTURE.left + PICTURE.embedWidth;
    for (const m of svg.matchAll(/<text x="([\d.]+)"[^>]*font-size="(\d+)"[^>]*>(.*?)<\/text>/g)) {
      const [, x, fontSize, inner] = m;
      if (/text-anchor="middle"/.test(m[0])) continue;
      const text = (inner ?? '')
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&[a-z]+;/g, 'x');
      const bold = /font-weight="bold"/.test(m[0]);
      expect(Number(x) + textWidth(text, Number(fontSize), bold), text).toBeLessThanOrEqual(right);
    }
  });

  it('is a PNG that matches the golden image within a tolerance', () => {
    const png = svgToPng(svg);
    expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    const [width, height] = size(png);
    expect(width).toBe(PICTURE.width);
    expect(height).toBeGreaterThan(400);
    const golden = goldenFile('rich-digest.png', png);
    expect(size(golden)).toEqual([width, height]);
    const fresh = pixels(png);
    const old = pixels(golden);
    let off = 0;
    for (let i = 0; i < fresh.length; i += 4) {
      const d = Math.max(
        Math.abs((fresh[i] ?? 0) - (old[i] ?? 0)),
        Math.abs((fresh[i + 1] ?? 0) - (old[i + 1] ?? 0)),
        Math.abs((fresh[i + 2] ?? 0) - (old[i + 2] ?? 0)),
      );
      if (d > 48) off++;
    }
    // Text may be drawn by another font elsewhere; embeds, colour bars, placeholders and buttons stay put.
    expect(off / (fresh.length / 4)).toBeLessThan(0.03);
  });
});
