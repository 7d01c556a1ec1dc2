// The trend chart as SVG (a pure function, golden-tested) and as PNG, rendered by resvg's bundled binary.
import { createRequire } from 'node:module';
import type { Trend } from './trend.js';
import { weekLabel } from './trend.js';

export const CHART = {
  width: 800,
  height: 420,
  margin: { top: 64, right: 72, bottom: 56, left: 64 },
  bar: '#e8833a',
  line: '#5865f2',
  grid: '#e5e7eb',
  text: '#1f2937',
  muted: '#6b7280',
  background: '#ffffff',
  /** Fonts the server most likely has; resvg falls back to any installed sans-serif. */
  font: 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif',
} as const;

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

/** A round axis maximum (1, 2, 5 × 10ⁿ) at or above `max`, so ticks fall on readable numbers. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * Bars for papers per week (left axis), a line for upvotes per week (right axis), the weeks along the bottom,
 * a title and a legend. Pure: the same trend always gives the same bytes.
 */
export function trendSvg(trend: Trend): string {
  const { width, height, margin } = CHART;
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const n = Math.max(1, trend.weeks.length);
  const maxPapers = niceMax(Math.max(0, ...trend.weeks.map((w) => w.papers)));
  const maxUpvotes = niceMax(Math.max(0, ...trend.weeks.map((w) => w.upvotes)));
  const slot = plotW / n;
  const barW = Math.max(2, Math.min(48, slot * 0.6));
  const x = (i: number) => margin.left + slot * i + slot / 2;
  const yPapers = (v: number) => margin.top + plotH - (v / maxPapers) * plotH;
  const yUpvotes = (v: number) => margin.top + plotH - (v / maxUpvotes) * plotH;
  const r = (v: number) => Math.round(v * 10) / 10;
  const title = trend.topic ? `Papers on “${trend.topic}”, per week` : 'Papers per week';
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART.font}">`,
    `<rect width="${width}" height="${height}" fill="${CHART.background}"/>`,
    `<text x="${margin.left}" y="30" font-size="20" font-weight="bold" fill="${CHART.text}">${escapeXml(title)}</text>`,
    // Legend: which mark is which axis.
    `<rect x="${margin.left}" y="42" width="12" height="12" fill="${CHART.bar}"/>`,
    `<text x="${margin.left + 18}" y="52" font-size="13" fill="${CHART.muted}">papers (left)</text>`,
    `<line x1="${margin.left + 130}" y1="48" x2="${margin.left + 152}" y2="48" stroke="${CHART.line}" stroke-width="3"/>`,
    `<text x="${margin.left + 158}" y="52" font-size="13" fill="${CHART.muted}">upvotes (right)</text>`,
  ];
  for (let t = 0; t <= 4; t++) {
    const y = r(margin.top + plotH - (t / 4) * plotH);
    out.push(
      `<line x1="${margin.left}" y1="${y}" x2="${margin.left + plotW}" y2="${y}" stroke="${CHART.grid}" stroke-width="1"/>`,
      `<text x="${margin.left - 8}" y="${r(y + 4)}" font-size="12" text-anchor="end" fill="${CHART.muted}">${fmt((maxPapers * t) / 4)}</text>`,
      `<text x="${margin.left + plotW + 8}" y="${r(y + 4)}" font-size="12" fill="${CHART.muted}">${fmt((maxUpvotes * t) / 4)}</text>`,
    );
  }
  // Every label when they fit; otherwise every second or third, always including the current week.
  const every = Math.ceil(n / 13);
  trend.weeks.forEach((week, i) => {
    const top = r(yPapers(week.papers));
    const h = r(margin.top + plotH - top);
    if (week.papers > 0) {
      out.push(
        `<rect x="${r(x(i) - barW / 2)}" y="${top}" width="${r(barW)}" height="${h}" fill="${CHART.bar}"/>`,
      );
    }
    if ((n - 1 - i) % every === 0) {
      out.push(
        `<text x="${r(x(i))}" y="${margin.top + plotH + 20}" font-size="12" text-anchor="middle" fill="${CHART.muted}">${escapeXml(weekLabel(week.start))}</text>`,
      );
    }
  });
  const points = trend.weeks.map((w, i) => `${r(x(i))},${r(yUpvotes(w.upvotes))}`).join(' ');
  out.push(
    `<polyline points="${points}" fill="none" stroke="${CHART.line}" stroke-width="3" stroke-linejoin="round"/>`,
  );
  for (const [i, w] of trend.weeks.entries()) {
    out.push(`<circle cx="${r(x(i))}" cy="${r(yUpvotes(w.upvotes))}" r="4" fill="${CHART.line}"/>`);
  }
  out.push(
    `<text x="${margin.left + plotW / 2}" y="${height - 10}" font-size="12" text-anchor="middle" fill="${CHART.muted}">week starting (Monday, UTC)</text>`,
    '</svg>',
  );
  return `${out.join('\n')}\n`;
}

type ResvgModule = typeof import('@resvg/resvg-js');

let resvg: ResvgModule | undefined;

/** The SVG as PNG bytes. resvg ships its own binary; system fonts draw the text. Throws if it cannot render. */
export function svgToPng(svg: string): Uint8Array {
  // Loaded on first use: only /papers trends needs the native binary, start-up never pays for it.
  resvg ??= createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;
  const image = new resvg.Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return new Uint8Array(image.render().asPng());
}
