// Golden chart: the SVG byte for byte, the PNG pixel by pixel within a tolerance (fonts differ between machines).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Trend } from '../../src/views/trend.js';
import { CHART, niceMax, svgToPng, trendSvg } from '../../src/views/trend-chart.js';

const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/charts');

/** Eight weeks of a topic, as weeklyTrend gives them (invented numbers: the chart's own edge cases). */
const trend: Trend = {
  topic: 'diffusion <models> & “more”',
  weeks: [
    { start: '2025-03-24', papers: 3, upvotes: 40 },
    { start: '2025-03-31', papers: 5, upvotes: 85 },
    { start: '2025-04-07', papers: 0, upvotes: 0 },
    { start: '2025-04-14', papers: 8, upvotes: 210 },
    { start: '2025-04-21', papers: 6, upvotes: 150 },
    { start: '2025-04-28', papers: 11, upvotes: 390 },
    { start: '2025-05-05', papers: 9, upvotes: 260 },
    { start: '2025-05-12', papers: 14, upvotes: 512 },
  ],
  rising: [],
};

function goldenFile(name: string, data: string | Uint8Array): Buffer {
  const file = join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, data);
  return readFileSync(file);
}

/** Raw RGBA pixels of a PNG, decoded by resvg itself (the PNG drawn as an image inside an SVG). */
function pixels(png: Uint8Array): Uint8Array {
  const { width, height } = CHART;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}"><image width="${width}" height="${height}" xlink:href="data:image/png;base64,${Buffer.from(png).toString('base64')}"/></svg>`;
  return new Uint8Array(new Resvg(svg).render().pixels);
}

function pixelAt(rgba: Uint8Array, x: number, y: number): number[] {
  const i = (y * CHART.width + x) * 4;
  return [rgba[i] ?? 0, rgba[i + 1] ?? 0, rgba[i + 2] ?? 0];
}

describe('the trend chart', () => {
  it('is the golden SVG, with the topic escaped', () => {
    const svg = trendSvg(trend);
    expect(svg).toBe(goldenFile('trends-diffusion.svg', svg).toString('utf8'));
    expect(svg).toContain('Papers on “diffusion &lt;models&gt; &amp; “more””, per week');
    expect(svg).not.toContain('<models>');
  });

  it('rounds axes up to 1, 2 or 5 × 10ⁿ', () => {
    expect([niceMax(0), niceMax(14), niceMax(512), niceMax(1000), niceMax(0.3)]).toEqual([
      1, 20, 1000, 1000, 0.5,
    ]);
  });

  it('is a PNG of the chart’s size that matches the golden image within a tolerance', () => {
    const png = svgToPng(trendSvg(trend));
    expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([CHART.width, CHART.height]);
    expect(png.length).toBeGreaterThan(5_000);
    expect(png.length).toBeLessThan(200_000);

    const fresh = pixels(png);
    const golden = pixels(goldenFile('trends-diffusion.png', png));
    let off = 0;
    for (let i = 0; i < fresh.length; i += 4) {
      const d = Math.max(
        Math.abs((fresh[i] ?? 0) - (golden[i] ?? 0)),
        Math.abs((fresh[i + 1] ?? 0) - (golden[i + 1] ?? 0)),
        Math.abs((fresh[i + 2] ?? 0) - (golden[i + 2] ?? 0)),
      );
      if (d > 48) off++;
    }
    // Text may be drawn by another font elsewhere; bars, line and grid must be where they were.
    expect(off / (fresh.length / 4)).toBeLessThan(0.03);
  });

  it('draws the tallest bar in the bar colour and leaves the background white', () => {
    const rgba = pixels(svgToPng(trendSvg(trend)));
    const { margin, width, height } = CHART;
    const slot = (width - margin.left - margin.right) / trend.weeks.length;
    const lastBarX = Math.round(margin.left + slot * 7 + slot / 2);
    const nearAxis = height - margin.bottom - 5;
    expect(pixelAt(rgba, lastBarX, nearAxis)).toEqual([0xe8, 0x83, 0x3a]);
    // The empty week has no bar: just above the axis there is background.
    const emptyX = Math.round(margin.left + slot * 2 + slot / 2);
    expect(pixelAt(rgba, emptyX, nearAxis)).toEqual([255, 255, 255]);
  });
});
