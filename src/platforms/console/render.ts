// Renders a View as terminal text: wrapped to the width, ANSI colours only when wanted, paper text made inert.
import type { ColorSetting } from '../../config.js';
import { formatAuthors, formatDay, plural } from '../../views/format.js';
import { cardLinks, cardSignals, hubParts, sourceLabel } from '../../views/paper-card.js';
import { tldrLabel } from '../../views/tldr-source.js';
import type { Action, PaperCard, View } from '../../views/types.js';
import { cardKeys } from './card-keys.js';

export interface RenderOptions {
  /** ANSI colours and bold; see colorEnabled(). */
  color?: boolean;
  /** Columns to wrap at (default 80, at least 40). */
  width?: number;
}

/** The configured colour setting (config.console.color) applied to a stream: 'terminal' colours only a TTY. */
export function colorEnabled(stream: { isTTY?: boolean }, setting: ColorSetting): boolean {
  if (setting !== 'terminal') return setting === 'always';
  return stream.isTTY === true;
}

type Paint = (text: string) => string;
interface Palette {
  bold: Paint;
  dim: Paint;
  cyan: Paint;
  green: Paint;
  yellow: Paint;
  red: Paint;
}

const ansi =
  (open: number, close: number): Paint =>
  (text) =>
    `\x1b[${open}m${text}\x1b[${close}m`;
const plain: Paint = (text) => text;
const COLORS: Palette = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  cyan: ansi(36, 39),
  green: ansi(32, 39),
  yellow: ansi(33, 39),
  red: ansi(31, 39),
};
const NO_COLORS: Palette = { bold: plain, dim: plain, cyan: plain, green: plain, yellow: plain, red: plain };

/** Paper titles and abstracts come from the internet: no escape sequence or control character reaches the tty. */
export function inert(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '');
}

/** Greedy word wrap; words longer than the line (URLs) stay whole on their own line. */
export function wrap(text: string, width: number, indent = '', firstIndent = indent): string[] {
  const lines: string[] = [];
  const length = (t: string) => (/[\u{10000}-\u{10FFFF}]/u.test(t) ? Array.from(t).length : t.length);
  for (const paragraph of inert(text).split('\n')) {
    let line = '';
    let used = 0;
    let prefix = lines.length === 0 ? firstIndent : indent;
    for (const word of paragraph.split(/[ \t]+/)) {
      if (!word) continue;
      const size = length(word);
      if (line && prefix.length + used + 1 + size > width) {
        lines.push(prefix + line);
        prefix = indent;
        line = word;
        used = size;
      } else {
        line = line ? `${line} ${word}` : word;
        used += line === word ? size : size + 1;
      }
    }
    lines.push(prefix + line);
  }
  return lines;
}

/** arXiv ids are worth showing (people type them); long title slugs are noise. */
function shownId(card: PaperCard): string[] {
  return card.id.length <= 20 ? [inert(card.id)] : [];
}

function meta(card: PaperCard, authorsMax: number): string[] {
  const parts: string[] = [];
  if (card.authors.length > 0) parts.push(formatAuthors(card.authors, { max: authorsMax }));
  if (card.date) parts.push(formatDay(card.date));
  // The counts, then where it came from, then the names (organisation, venue), as the line always read.
  const signals = cardSignals(card);
  const counts = signals.filter((s) => /^[▲💬★] /u.test(s));
  parts.push(...counts, sourceLabel(card.source), ...signals.slice(counts.length));
  return parts.map(inert);
}

/** Commands stay on one line, whatever the width, so they can be copied and pasted. */
function actionLines(actions: readonly Action[], p: Palette): string[] {
  return actions.map((a) => `${p.dim(`→ ${inert(a.label)}:`)} ${p.cyan(inert(a.command))}`);
}

function renderCard(card: PaperCard, p: Palette, width: number): string[] {
  const out = wrap(card.title, width).map((l) => p.bold(l));
  out.push(...wrap([...shownId(card), ...meta(card, 6)].join(' · '), width).map((l) => p.dim(l)));
  if (card.reason) out.push(...wrap(card.reason, width).map((l) => p.green(l)));
  out.push('');
  if (card.tldr) out.push(...wrap(card.tldr, width, '       ', `${p.bold('TL;DR')}  `));
  if (card.tldr && card.tldrSource) out.push(p.dim(`       ${tldrLabel(card.tldrSource)}`));
  if (card.keyPoints.length > 0) {
    out.push('');
    for (const point of card.keyPoints) out.push(...wrap(point, width, '  ', '• '));
  }
  // A terminal shows no pictures: the thumbnail and the Hub's top repositories are links like the others.
  const links: { label: string; url: string }[] = cardLinks(card).map((l) =>
    l.label === 'Code' && card.stars !== undefined ? { ...l, label: `Code ★ ${card.stars}` } : l,
  );
  if (card.thumbnail) links.push({ label: 'Image', url: card.thumbnail });
  if (links.length > 0) {
    out.push('');
    const pad = Math.max(...links.map((l) => l.label.length));
    for (const link of links) out.push(`${link.label.padEnd(pad)}  ${p.cyan(inert(link.url))}`);
  }
  const hub = hubParts(card.hub);
  if (hub.length > 0) {
    out.push('', `On the Hub  ${inert(hub.map((h) => h.text).join(' · '))}`);
    for (const part of hub) if (part.url) out.push(`  ${p.cyan(inert(part.url))}`);
  }
  return out;
}

function renderListEntry(card: PaperCard, n: number, p: Palette, width: number): string[] {
  const number = `${n}. `;
  const indent = ' '.repeat(number.length);
  const out = wrap(card.title, width, indent, number).map((l) => p.bold(l));
  if (card.tldr) out.push(...wrap(card.tldr, width, indent));
  const info = [...shownId(card), ...meta(card, 3)].join(' · ');
  out.push(...wrap(info, width, indent).map((l) => p.dim(l)));
  if (card.reason) out.push(...wrap(card.reason, width, indent).map((l) => p.green(l)));
  // A digest card has no title link when the paper has no abstract page; its code link still shows, as in the preview.
  const url = card.url ?? cardLinks(card)[0]?.url;
  if (url) out.push(indent + p.cyan(inert(url)));
  // The buttons Discord and Slack put under the card, as words to type: "save 2" presses result 2's Save.
  const keys = cardKeys(card);
  if (keys.length > 0) {
    const line = `→ ${keys.map((k) => `${k.word} ${n}`).join(' · ')}`;
    out.push(...wrap(line, width, `${indent}  `, indent).map((l) => p.cyan(l)));
  }
  return out;
}

/** Short names line up in a column; when any name is long (help), each value goes under its name. */
function renderFields(
  fields: readonly { name: string; value: string }[],
  p: Palette,
  width: number,
): string[] {
  const longest = Math.max(...fields.map((f) => Array.from(inert(f.name)).length));
  const out: string[] = [];
  if (longest > 22) {
    for (const field of fields) {
      out.push(...wrap(field.name, width, '    ', '  ').map((l) => p.bold(l)));
      out.push(...wrap(field.value, width, '      ', '      '));
    }
    return out;
  }
  const indent = ' '.repeat(longest + 4);
  for (const field of fields) {
    const lines = wrap(field.value, width, indent, indent);
    lines[0] = `  ${p.bold(inert(field.name).padEnd(longest))}  ${(lines[0] ?? '').slice(indent.length)}`;
    out.push(...lines);
  }
  return out;
}

/** The whole reply as text, ending without a trailing newline. */
export function renderView(view: View, options: RenderOptions = {}): string {
  const p = options.color ? COLORS : NO_COLORS;
  const width = Math.max(40, options.width ?? 80);
  const out: string[] = [];
  switch (view.kind) {
    case 'error': {
      out.push(...wrap(view.text, width, '  ', '✗ ').map((l) => p.red(l)));
      if (view.hint) out.push(...wrap(view.hint, width, '  ', '  ').map((l) => p.yellow(l)));
      break;
    }
    case 'notice': {
      if (view.title) out.push(p.bold(inert(view.title)));
      if (view.text) out.push(...wrap(view.text, width));
      // A terminal shows no picture: each file's text form, its alt text saying what the picture shows.
      for (const file of view.files ?? []) {
        out.push('', ...wrap(file.alt, width).map((l) => p.dim(l)), ...inert(file.fallback).split('\n'));
      }
      if (view.fields && view.fields.length > 0) out.push('', ...renderFields(view.fields, p, width));
      if (view.actions && view.actions.length > 0) out.push('', ...actionLines(view.actions, p));
      break;
    }
    case 'paper': {
      out.push(...renderCard(view.card, p, width));
      if (view.actions && view.actions.length > 0) out.push('', ...actionLines(view.actions, p));
      break;
    }
    case 'list': {
      const heading = [inert(view.title)];
      if (view.page && view.page.pages > 1) heading.push(`page ${view.page.page} of ${view.page.pages}`);
      if (view.page) heading.push(plural(view.page.total, 'paper'));
      else heading.push(plural(view.cards.length, 'paper'));
      out.push(p.bold(heading[0] as string) + p.dim(` · ${heading.slice(1).join(' · ')}`));
      if (view.intro) out.push(...wrap(view.intro, width).map((l) => p.dim(l)));
      // Page 2 goes on from where page 1 stopped, so "summarize 7" names one paper whatever the page.
      const first = view.page?.first ?? 1;
      view.cards.forEach((card, i) => {
        out.push('', ...renderListEntry(card, first + i, p, width));
      });
      const nav = [view.page?.prev, view.page?.next, ...(view.actions ?? [])].filter(
        (a): a is Action => a !== undefined,
      );
      if (nav.length > 0) out.push('', ...actionLines(nav, p));
      break;
    }
  }
  return out.join('\n');
}
