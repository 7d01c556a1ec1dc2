// Draws Discord messages as Discord shows them (dark theme: embeds, thumbnails, buttons) as SVG, for the README.
// Pure: it reads the payload Paperboy sends and nothing else, so the picture shows exactly what a channel gets.

/** The parts of a message payload the picture shows; Paperboy's DiscordMessage is one. */
export interface PictureMessage {
  content?: string;
  embeds: PictureEmbed[];
  components: { components: PictureComponent[] }[];
}

export interface PictureEmbed {
  title?: string;
  description?: string;
  color?: number;
  url?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  thumbnail?: { url: string };
  image?: { url: string };
}

export interface PictureComponent {
  type: number;
  style?: number;
  label?: string;
  url?: string;
  placeholder?: string;
}

export const PICTURE = {
  width: 760,
  pad: 16,
  /** Where message text and embeds start, right of the avatar. */
  left: 72,
  embedWidth: 620,
  thumb: 80,
  background: '#313338',
  embedBackground: '#2b2d31',
  text: '#dbdee1',
  strong: '#f2f3f5',
  muted: '#949ba4',
  link: '#00a8fc',
  blurple: '#5865f2',
  secondary: '#4e5058',
  placeholder: '#1e1f22',
  font: 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif',
  /** What the bot is called and when it posted, as the header of the message shows them. */
  name: 'Paperboy',
  time: 'Today at 09:00',
} as const;

/**
 * Emoji drawn as text look-alikes: the machines drawing this rarely have a colour emoji font, and a missing glyph
 * would leave a gap where the payload has a symbol.
 */
const LOOKALIKES: Record<string, string> = { '💬': '✉', '👍': '+1', '👎': '−1' };

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

/** Text as Discord shows it: markdown escapes and zero-width guards gone, emoji as their look-alikes. */
function shown(text: string): string {
  return text
    .replace(/\\([\\*_~`|>#[\]()@:-])/g, '$1')
    .replace(/\u200b|\u200c|\u200d|\u2060|\ufeff/g, '')
    .replace(/💬|👍|👎/gu, (e) => LOOKALIKES[e] ?? e);
}

/** Advance widths of DejaVu Sans, in ems, by kind of character: enough to wrap lines where Discord would. */
function charWidth(c: string): number {
  if (" .,:;!|il'’`ıjI".includes(c)) return 0.3;
  if ('frt()[]{}-“”"/'.includes(c)) return 0.4;
  if ('mwMW@%—'.includes(c)) return 0.95;
  if (/[A-Z]/.test(c)) return 0.72;
  if (/[0-9a-z#?_$&*+=<>^~]/.test(c)) return 0.62;
  return 0.8;
}

export function textWidth(text: string, size: number, bold = false): number {
  let ems = 0;
  for (const c of text) ems += charWidth(c);
  return ems * size * (bold ? 1.1 : 1);
}

/** A run of text in one style. */
interface Run {
  text: string;
  bold?: boolean;
  link?: boolean;
}

/** Splits one line of Discord markdown into runs: `[label](url)` links and `**bold**`; the rest as it is. */
function runsOf(line: string): Run[] {
  const runs: Run[] = [];
  const pattern = /\[([^\]]+)\]\((?:[^)\s]+)\)|\*\*(.+?)\*\*/g;
  let at = 0;
  for (const m of line.matchAll(pattern)) {
    if (m.index > at) runs.push({ text: line.slice(at, m.index) });
    if (m[1] !== undefined) runs.push({ text: m[1], link: true });
    else runs.push({ text: m[2] ?? '', bold: true });
    at = m.index + m[0].length;
  }
  if (at < line.length) runs.push({ text: line.slice(at) });
  return runs.map((r) => ({ ...r, text: shown(r.text) }));
}

/** Wraps runs into lines no wider than `width`, breaking between words (a word longer than a line is cut). */
function wrap(runs: Run[], width: number, size: number): Run[][] {
  const lines: Run[][] = [[]];
  let used = 0;
  for (const run of runs) {
    for (const word of run.text.split(/(?<= )/)) {
      let piece = word;
      let w = textWidth(piece, size, run.bold);
      if (used > 0 && used + textWidth(piece.trimEnd(), size, run.bold) > width) {
        lines.push([]);
        used = 0;
        piece = piece.trimStart();
        w = textWidth(piece, size, run.bold);
      }
      while (w > width && piece.length > 1) {
        let cut = piece.length - 1;
        while (cut > 1 && textWidth(piece.slice(0, cut), size, run.bold) > width - used) cut--;
        (lines.at(-1) as Run[]).push({ ...run, text: piece.slice(0, cut) });
        lines.push([]);
        used = 0;
        piece = piece.slice(cut);
        w = textWidth(piece, size, run.bold);
      }
      (lines.at(-1) as Run[]).push({ ...run, text: piece });
      used += w;
    }
  }
  // Words of one style side by side are one run again: one tspan per link, not one per word.
  const merged = lines.map((line) =>
    line.reduce<Run[]>((out, run) => {
      const last = out.at(-1);
      if (last && last.bold === run.bold && last.link === run.link) last.text += run.text;
      else out.push({ ...run });
      return out;
    }, []),
  );
  return merged.filter((l, i) => i === 0 || l.some((r) => r.text.trim()));
}

/** SVG text elements, drawn from the top-left (x, y) of the block; returns them and the block's height. */
function textBlock(
  text: string,
  x: number,
  y: number,
  width: number,
  style: { size: number; color: string; bold?: boolean; lineHeight?: number },
): { svg: string[]; height: number } {
  const lineHeight = style.lineHeight ?? Math.round(style.size * 1.4);
  const svg: string[] = [];
  let row = 0;
  for (const source of text.split('\n')) {
    const runs = runsOf(source).map((r) => (style.bold ? { ...r, bold: true } : r));
    for (const line of wrap(runs, width, style.size)) {
      const baseline = y + row * lineHeight + Math.round(style.size * 1.05);
      const spans = line
        .map((r) => {
          const attrs = [
            r.link ? ` fill="${PICTURE.link}"` : '',
            r.bold && !style.bold ? ' font-weight="bold"' : '',
          ].join('');
          return attrs ? `<tspan${attrs}>${escapeXml(r.text)}</tspan>` : escapeXml(r.text);
        })
        .join('');
      if (spans.trim()) {
        svg.push(
          `<text x="${x}" y="${baseline}" font-size="${style.size}" fill="${style.color}"${style.bold ? ' font-weight="bold"' : ''} xml:space="preserve">${spans}</text>`,
        );
      }
      row++;
    }
  }
  return { svg, height: row * lineHeight };
}

const hex = (color: number | undefined) => `#${(color ?? 0x1e1f22).toString(16).padStart(6, '0')}`;

/** A picture's place, as Discord leaves room for it before the image loads. */
function placeholder(x: number, y: number, w: number, h: number, label: string): string[] {
  const cx = x + w / 2;
  const cy = y + h / 2 - 8;
  return [
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="4" fill="${PICTURE.placeholder}" stroke="${PICTURE.secondary}" stroke-dasharray="4 3"/>`,
    `<circle cx="${cx + 9}" cy="${cy - 8}" r="4" fill="${PICTURE.muted}"/>`,
    `<path d="M${cx - 16} ${cy + 10} L${cx - 5} ${cy - 4} L${cx + 3} ${cy + 4} L${cx + 8} ${cy - 1} L${cx + 16} ${cy + 10} Z" fill="${PICTURE.muted}"/>`,
    `<text x="${cx}" y="${y + h - 10}" font-size="10" fill="${PICTURE.muted}" text-anchor="middle">${escapeXml(label)}</text>`,
  ];
}

function embedSvg(embed: PictureEmbed, x: number, y: number): { svg: string[]; height: number } {
  const { embedWidth, thumb } = PICTURE;
  const inner = x + 16;
  const hasThumb = embed.thumbnail !== undefined;
  const textWidth = embedWidth - 32 - (hasThumb ? thumb + 16 : 0);
  const body: string[] = [];
  let at = y + 12;
  const add = (block: { svg: string[]; height: number }, gap = 8) => {
    body.push(...block.svg);
    at += block.height + (block.height > 0 ? gap : 0);
  };
  if (embed.title) {
    add(
      textBlock(embed.title, inner, at, textWidth, {
        size: 16,
        color: embed.url ? PICTURE.link : PICTURE.strong,
        bold: true,
      }),
    );
  }
  if (embed.description) {
    add(textBlock(embed.description, inner, at, textWidth, { size: 14, color: PICTURE.text }));
  }
  // Inline fields sit up to three to a row, a full-width field on its own row, as Discord lays them out.
  const fields = embed.fields ?? [];
  for (let i = 0; i < fields.length; ) {
    const row = fields[i]?.inline
      ? fields.slice(i, i + 3).filter((f, n) => n === 0 || f.inline)
      : fields.slice(i, i + 1);
    const columns = row.length;
    const gap = 8;
    const colWidth = (textWidth - gap * (columns - 1)) / columns;
    let tallest = 0;
    row.forEach((field, n) => {
      const cx = inner + n * (colWidth + gap);
      const name = textBlock(field.name, cx, at, colWidth, { size: 14, color: PICTURE.strong, bold: true });
      const value = textBlock(field.value, cx, at + name.height + 2, colWidth, {
        size: 14,
        color: PICTURE.text,
      });
      body.push(...name.svg, ...value.svg);
      tallest = Math.max(tallest, name.height + 2 + value.height);
    });
    at += tallest + 8;
    i += row.length;
  }
  if (embed.image) {
    body.push(...placeholder(inner, at, embedWidth - 32, 180, 'image'));
    at += 188;
  }
  if (embed.footer?.text) {
    add(textBlock(embed.footer.text, inner, at, embedWidth - 32, { size: 12, color: PICTURE.muted }), 0);
  }
  const thumbBottom = hasThumb ? y + 16 + thumb + 12 : 0;
  const height = Math.max(at + 12, thumbBottom) - y;
  return {
    svg: [
      `<rect x="${x}" y="${y}" width="${embedWidth}" height="${height}" rx="4" fill="${PICTURE.embedBackground}"/>`,
      `<rect x="${x}" y="${y}" width="4" height="${height}" rx="2" fill="${hex(embed.color)}"/>`,
      ...body,
      ...(hasThumb ? placeholder(x + embedWidth - 16 - thumb, y + 16, thumb, thumb, 'thumbnail') : []),
    ],
    height,
  };
}

/** A row of buttons; a row that does not fit wraps onto the next line, as Discord's client does. */
function buttonRow(components: PictureComponent[], x: number, y: number): { svg: string[]; height: number } {
  const svg: string[] = [];
  const height = 32;
  let cx = x;
  let top = y;
  for (const c of components) {
    const link = c.style === 5;
    const label = shown(c.label ?? c.placeholder ?? '') + (link ? ' ↗' : '');
    const w = c.type === 3 ? 300 : Math.ceil(textWidth(label, 14)) + 32;
    if (cx > x && cx + w > x + PICTURE.embedWidth) {
      cx = x;
      top += height + 8;
    }
    const fill = c.type === 3 ? PICTURE.placeholder : c.style === 1 ? PICTURE.blurple : PICTURE.secondary;
    svg.push(
      `<rect x="${cx}" y="${top}" width="${w}" height="${height}" rx="3" fill="${fill}"/>`,
      c.type === 3
        ? `<text x="${cx + 12}" y="${top + 21}" font-size="14" fill="${PICTURE.muted}">${escapeXml(label)}</text>`
        : `<text x="${cx + w / 2}" y="${top + 21}" font-size="14" fill="#ffffff" text-anchor="middle">${escapeXml(label)}</text>`,
    );
    cx += w + 8;
  }
  return { svg, height: top - y + height };
}

/**
 * The messages one after another as the channel shows them: the bot's name over the first, then each message's
 * text, its embeds and, under them, its rows of buttons. Thumbnails and images are drawn as their placeholders
 * (the picture never fetches them). Pure: the same payload always gives the same bytes.
 */
export function messagesSvg(messages: readonly PictureMessage[]): string {
  const { width, pad, left } = PICTURE;
  const out: string[] = [];
  let y = pad;
  // The header: avatar, name, APP tag and time.
  out.push(
    `<circle cx="${pad + 20}" cy="${y + 20}" r="20" fill="${PICTURE.blurple}"/>`,
    `<text x="${pad + 20}" y="${y + 27}" font-size="20" font-weight="bold" fill="#ffffff" text-anchor="middle">P</text>`,
    `<text x="${left}" y="${y + 16}" font-size="16" font-weight="bold" fill="${PICTURE.strong}">${PICTURE.name}</text>`,
  );
  const nameEnd = left + Math.ceil(textWidth(PICTURE.name, 16, true)) + 6;
  out.push(
    `<rect x="${nameEnd}" y="${y + 3}" width="32" height="16" rx="3" fill="${PICTURE.blurple}"/>`,
    `<text x="${nameEnd + 16}" y="${y + 15}" font-size="10" font-weight="bold" fill="#ffffff" text-anchor="middle">APP</text>`,
    `<text x="${nameEnd + 40}" y="${y + 16}" font-size="12" fill="${PICTURE.muted}">${PICTURE.time}</text>`,
  );
  y += 26;
  for (const message of messages) {
    if (message.content) {
      const block = textBlock(message.content, left, y, PICTURE.embedWidth, {
        size: 15,
        color: PICTURE.text,
      });
      out.push(...block.svg);
      y += block.height + 4;
    }
    for (const embed of message.embeds) {
      const block = embedSvg(embed, left, y);
      out.push(...block.svg);
      y += block.height + 8;
    }
    for (const row of message.components) {
      const block = buttonRow(row.components, left, y);
      out.push(...block.svg);
      y += block.height + 8;
    }
    y += 8;
  }
  const height = Math.ceil(y + pad - 16);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${PICTURE.font}">`,
    `<rect width="${width}" height="${height}" fill="${PICTURE.background}"/>`,
    ...out,
    '</svg>',
    '',
  ].join('\n');
}
