// Pure renderers: a neutral View becomes one or more Discord message payloads that always fit Discord's limits.
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { formatDay, plural } from '../../views/format.js';
import { cardSignals, doiUrl, hubParts, inKeyPoints, sourceLabel } from '../../views/paper-card.js';
import { tldrLabel } from '../../views/tldr-source.js';
import type { Action, PaperCard, View, ViewFile } from '../../views/types.js';
import { buttonId, encodeLine, inertId, type PressMode, type Stash, selectId } from './custom-id.js';
import { EPHEMERAL, LIMITS } from './limits.js';
import { linkUrl, literal, mdLink, plain, truncate } from './text.js';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** One message as Discord takes it (interaction response data, webhook body, or channel message body). */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  /** parse is always empty (never roles or everyone); users names exactly the members a digest pings. */
  allowed_mentions: { parse: []; users?: string[] };
  flags?: number;
  /** The files sent with it, by their index in the multipart body (`files[n]`). */
  attachments?: { id: number; filename: string; description?: string }[];
}

export interface RenderedView {
  /** At least one; a long digest becomes several messages rather than one Discord would refuse. */
  messages: DiscordMessage[];
  /** Only the person who asked sees it (errors, configuration answers); interactions only. */
  ephemeral: boolean;
  /** An error: it never replaces the message a button sits on. */
  error?: boolean;
  /** Command lines too long for a custom_id, to save in the store under these keys before sending. */
  stash: Stash;
  /**
   * Files to attach to the first message (a chart, an export), in the order of its `attachments`: the caller
   * sends them with it as multipart/form-data. Files beyond Discord's limits are not here; their text is.
   */
  files?: ViewFile[];
}

export const COLORS = { paper: 0xe8833a, notice: 0x5865f2, error: 0xed4245 } as const;

const NO_MENTIONS = { parse: [] as [] };
const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;

/** Characters Discord counts toward the 6,000 per message. */
export function embedChars(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += embed.footer?.text.length ?? 0;
  n += embed.author?.name.length ?? 0;
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

function field(name: string, value: string, inline = false): APIEmbedField {
  return {
    name: truncate(name.trim() || '\u200b', LIMITS.fieldName),
    // Discord refuses empty field values.
    value: truncate(value.trim() || '—', LIMITS.fieldValue),
    inline,
  };
}

function authorLine(all: string[]): string {
  // Cards may already end the list with "et al." (the digest shortens long author lists itself).
  const etAl = /^et al\.?$/i.test(all.at(-1)?.trim() ?? '');
  const authors = etAl ? all.slice(0, -1) : all;
  if (authors.length === 0) return '';
  if (etAl) return `${authors.map(literal).join(', ')} et al.`;
  if (authors.length <= 4) return authors.map(literal).join(', ');
  return `${authors.slice(0, 3).map(literal).join(', ')} et al. (${authors.length} authors)`;
}

function sourceLine(card: PaperCard): string {
  const parts = [literal(sourceLabel(card.source))];
  if (card.date) parts.push(formatDay(card.date));
  // Field values are cut at the end, so the signals go in priority order: the venue is the first to go.
  parts.push(...cardSignals(card).map(literal));
  return parts.join(' · ');
}

/** "[3 models](top) · [1 dataset](top) · 2 Spaces": the Hub repositories citing the paper. */
function hubLine(card: PaperCard): string {
  return hubParts(card.hub)
    .map((part) => {
      const url = linkUrl(part.url, LIMITS.linkUrl);
      return url ? mdLink(part.text, url) : part.text;
    })
    .join(' · ');
}

const LINKS: { key: keyof PaperCard['links']; label: string }[] = [
  { key: 'abs', label: 'Abstract' },
  { key: 'pdf', label: 'PDF' },
  { key: 'code', label: 'Code' },
  { key: 'hf', label: 'Hugging Face' },
  { key: 'project', label: 'Project' },
];

function cardLinks(card: PaperCard): { label: string; url: string }[] {
  const out: { label: string; url: string }[] = [];
  for (const { key, label } of LINKS) {
    const url = linkUrl(card.links[key], LIMITS.linkUrl);
    // The code link carries its stars: "Code ★ 120".
    const shown = key === 'code' && card.stars !== undefined ? `${label} ★ ${card.stars}` : label;
    if (url) out.push({ label: shown, url });
  }
  const doi = linkUrl(doiUrl(card.doi), LIMITS.linkUrl);
  if (doi) out.push({ label: 'DOI', url: doi });
  return out;
}

/** A paper as an embed: linked title, TL;DR and key points, then authors, why it was picked, source and date. */
export function cardEmbed(
  card: PaperCard,
  options: { index?: number; linksInline?: boolean; fullImage?: boolean } = {},
): APIEmbed {
  const prefix = options.index === undefined ? '' : `${options.index}. `;
  const url = linkUrl(card.url, 2048) ?? linkUrl(card.links.abs, 2048) ?? linkUrl(card.links.hf, 2048);
  // Inline links are text beside the key points: one a key point shows ("Code: …") is not repeated — except the
  // code link with its stars, which says more than the bare URL: that key point gives way to it instead.
  const code = card.links.code;
  const starred = options.linksInline && card.stars !== undefined ? linkUrl(code, LIMITS.linkUrl) : undefined;
  const linksLine = options.linksInline
    ? cardLinks(card)
        .filter((l) => l.url === starred || !inKeyPoints(card, l.url))
        .map((l) => mdLink(l.label, l.url))
        .join(' · ')
    : '';
  const body = [
    card.tldr.trim() ? literal(card.tldr) : '',
    card.keyPoints
      .filter((p) => p.trim() && !(starred && p.trim() === `Code: ${code}`))
      .map((p) => `• ${literal(p)}`)
      .join('\n'),
  ]
    .filter(Boolean)
    .join('\n\n');
  const room = LIMITS.embedDescription - (linksLine ? linksLine.length + 2 : 0);
  const description = [truncate(body, room), linksLine].filter(Boolean).join('\n\n');
  const why = card.reason?.trim()
    ? literal(card.reason)
    : card.matched?.length
      ? `matches: ${card.matched.map(literal).join(', ')}`
      : '';
  const fields = [
    card.authors.length ? field('Authors', authorLine(card.authors), true) : undefined,
    // "Why: matches: x" says it twice; a reason that is a match list reads as "Matches: x".
    why
      ? why.startsWith('matches: ')
        ? field('Matches', why.slice(9), true)
        : field('Why', why, true)
      : undefined,
    field('Source', sourceLine(card), true),
    card.hub ? field('On the Hub', hubLine(card), true) : undefined,
  ].filter((f): f is APIEmbedField => f !== undefined);
  const embed: APIEmbed = {
    title: truncate(prefix + (literal(card.title) || 'Untitled paper'), LIMITS.embedTitle),
    color: COLORS.paper,
    fields,
  };
  // An arXiv id is worth showing (people quote it); a title slug only repeats the title.
  // The footer is Discord's small print: the id people quote, and who wrote the TL;DR.
  const footer = [
    ARXIV_ID.test(card.id) ? `arXiv:${card.id}` : '',
    card.tldrSource && card.tldr.trim() ? tldrLabel(card.tldrSource) : '',
  ].filter(Boolean);
  if (footer.length > 0) embed.footer = { text: footer.join(' · ') };
  if (url) embed.url = url;
  if (description) embed.description = description;
  // Discord shows only https images; anything else would be dropped by Discord or refuse the message.
  const picture = card.thumbnail?.startsWith('https://') ? linkUrl(card.thumbnail, 2048) : undefined;
  if (picture && options.fullImage) embed.image = { url: picture };
  else if (picture) embed.thumbnail = { url: picture };
  return embed;
}

/** Shortens the longest descriptions until the embeds fit `max` characters together. */
export function fitEmbeds(embeds: APIEmbed[], max = LIMITS.embedCharsPerMessage): APIEmbed[] {
  const out = embeds.map((e) => ({ ...e }));
  let total = out.reduce((n, e) => n + embedChars(e), 0);
  while (total > max) {
    const longest = out.reduce((a, b) =>
      (b.description?.length ?? 0) > (a.description?.length ?? 0) ? b : a,
    );
    const current = longest.description?.length ?? 0;
    if (current === 0) {
      // Nothing left to shorten but titles and fields: drop the last embed's fields (never happens with cards).
      const last = out[out.length - 1];
      if (!last?.fields?.length) break;
      last.fields = last.fields.slice(0, -1);
    } else {
      const keep = Math.max(0, current - (total - max) - 1);
      longest.description = keep > 0 ? truncate(longest.description ?? '', keep) : undefined;
    }
    total = out.reduce((n, e) => n + embedChars(e), 0);
  }
  return out;
}

function linkButton(label: string, url: string): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Link, label, url };
}

function actionButton(action: Action, mode: PressMode, stash: Stash): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: action.style === 'primary' ? ButtonStyle.Primary : ButtonStyle.Secondary,
    label: truncate(action.label, LIMITS.buttonLabel),
    custom_id: buttonId(action.command, mode, stash),
  };
}

function rows(buttons: APIComponentInMessageActionRow[]): ActionRow[] {
  const out: ActionRow[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    out.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return out;
}

/** Link buttons of a paper (Abstract, PDF, Code, Hugging Face, then Project if there is room). */
function linkButtons(card: PaperCard, room: number): APIButtonComponent[] {
  return cardLinks(card)
    .slice(0, room)
    .map((l) => linkButton(l.label, l.url));
}

/** The buttons a card came with (Summarize, More like this, Save…); a card without any gets Summarize. */
function actionsOf(card: PaperCard): Action[] {
  return card.actions ?? [{ label: 'Summarize', command: `/papers summarize ${card.id}` }];
}

/**
 * The row of one paper in a multi-paper post, in the order of the embeds: its actions numbered like its embed
 * ("Save #2": the buttons sit under all the embeds), the first one primary. One row a paper, so its first five
 * actions (Discord's limit a row): a second row each would split a five-paper digest over three messages, and the
 * sixth (Nominate) is under the paper's summary. A card that brings its own actions has its links in the embed
 * (five buttons cannot hold Summarize, More like this, Save and the links); one without gets Summarize and link
 * buttons.
 */
function cardRows(card: PaperCard, index: number | undefined, stash: Stash, seen: Set<string>): ActionRow[] {
  const numbered = actionsOf(card)
    .slice(0, LIMITS.buttonsPerRow)
    .map((action, k) => ({
      ...action,
      label: index === undefined ? action.label : `${action.label} #${index}`,
      ...(k === 0 && !action.style ? { style: 'primary' as const } : {}),
    }));
  // Two cards offering the same command line would give two buttons one custom_id, which Discord refuses.
  const actions = uniqueButtons(numbered, 'e', stash, seen);
  const links = card.actions ? [] : linkButtons(card, LIMITS.buttonsPerRow - actions.length);
  return rows([...actions, ...links]);
}

/** custom_ids must be unique within a message: later duplicates are dropped. */
function uniqueButtons(actions: Action[], mode: PressMode, stash: Stash, seen: Set<string>) {
  const out: APIButtonComponent[] = [];
  for (const action of actions) {
    // Share posts in the channel whatever the other buttons of the message do.
    const button = actionButton(action, action.share ? 'p' : mode, stash);
    if ('custom_id' in button && seen.has(button.custom_id)) continue;
    if ('custom_id' in button) seen.add(button.custom_id);
    out.push(button);
  }
  return out;
}

function message(parts: Partial<DiscordMessage>, ephemeral: boolean): DiscordMessage {
  const m: DiscordMessage = { embeds: [], components: [], allowed_mentions: NO_MENTIONS, ...parts };
  if (m.content !== undefined) m.content = truncate(m.content, LIMITS.content);
  if (ephemeral) m.flags = EPHEMERAL;
  return m;
}

interface Block {
  embed: APIEmbed;
  rows?: ActionRow[];
  /** The paper whose card this is, so a delivery can say which message holds it. */
  card?: string;
}

/** Messages and, for each, the papers whose cards it holds (in order). */
interface Packed {
  messages: DiscordMessage[];
  cards: string[][];
}

/**
 * Packs embeds (each with its optional row) into as few messages as the limits allow: 10 embeds, 6,000 embed
 * characters and 5 action rows a message, leaving room for `trailing` rows on the last message.
 */
function pack(
  blocks: Block[],
  first: { content?: string },
  trailing: ActionRow[],
  ephemeral: boolean,
): Packed {
  const rowBudget = LIMITS.actionRows - trailing.length;
  const groups: Block[][] = [];
  let current: Block[] = [];
  let chars = 0;
  for (const block of blocks) {
    const c = embedChars(block.embed);
    const rowCount = [...current, block].reduce((n, b) => n + (b.rows?.length ?? 0), 0);
    if (
      current.length > 0 &&
      (current.length + 1 > LIMITS.embedsPerMessage ||
        chars + c > LIMITS.embedCharsPerMessage ||
        rowCount > rowBudget)
    ) {
      groups.push(current);
      current = [];
      chars = 0;
    }
    current.push(block);
    chars += c;
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);
  return {
    messages: groups.map((group, i) =>
      message(
        {
          ...(i === 0 && first.content ? { content: first.content } : {}),
          embeds: group.map((b) => b.embed),
          components: [...group.flatMap((b) => b.rows ?? []), ...(i === groups.length - 1 ? trailing : [])],
        },
        ephemeral,
      ),
    ),
    cards: groups.map((group) => group.flatMap((b) => (b.card ? [b.card] : []))),
  };
}

/** A single embed can never exceed the per-message character budget on its own. */
function capped(embed: APIEmbed): APIEmbed {
  return fitEmbeds([embed])[0] ?? embed;
}

function pagingRow(view: Extract<View, { kind: 'list' }>, stash: Stash): ActionRow | undefined {
  const page = view.page;
  if (!page || page.pages <= 1) return undefined;
  const prev: APIButtonComponent = page.prev
    ? actionButton({ ...page.prev, label: '◀ Previous' }, 'u', stash)
    : {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: '◀ Previous',
        custom_id: inertId('prev'),
        disabled: true,
      };
  const next: APIButtonComponent = page.next
    ? actionButton({ ...page.next, label: 'Next ▶' }, 'u', stash)
    : {
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        label: 'Next ▶',
        custom_id: inertId('next'),
        disabled: true,
      };
  const counter: APIButtonComponent = {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: `${page.page} / ${page.pages}`,
    custom_id: inertId('page'),
    disabled: true,
  };
  return { type: ComponentType.ActionRow, components: [prev, counter, next] };
}

/**
 * A menu of the papers' actions for a paged list, where one row per paper would not fit with the paging row:
 * "1. Title" with "Summarize · 2505.01234" under it, then the next action of that paper, up to 25 options.
 */
function actionsMenu(cards: PaperCard[], stash: Stash): ActionRow {
  const single = cards.every((card) => actionsOf(card).length === 1);
  // 25 options at most: every paper keeps its first actions (five papers of six actions lose each one's last).
  const each = Math.max(1, Math.floor(LIMITS.selectOptions / Math.max(1, cards.length)));
  const options = cards.flatMap((card, i) =>
    actionsOf(card)
      .slice(0, each)
      .map((action) => ({
        label: truncate(`${i + 1}. ${card.title.replace(/\s+/g, ' ')}`, LIMITS.selectOptionText),
        value: encodeLine(action.command, LIMITS.selectOptionText, stash),
        description: truncate(single ? card.id : `${action.label} · ${card.id}`, LIMITS.selectOptionText),
      })),
  );
  const menu: APIStringSelectComponent = {
    type: ComponentType.StringSelect,
    custom_id: selectId('e'),
    placeholder: single ? 'Summarize a paper…' : 'Summarize, save… a paper',
    options: options.slice(0, LIMITS.selectOptions),
  };
  return { type: ComponentType.ActionRow, components: [menu] };
}

function listHeader(view: Extract<View, { kind: 'list' }>): string {
  const lines = [`**${plain(view.title)}**`];
  if (view.intro?.trim()) lines.push(plain(view.intro.trim()));
  if (view.page && view.page.pages > 1) {
    lines.push(`-# Page ${view.page.page} of ${view.page.pages} · ${plural(view.page.total, 'paper')}`);
  }
  if (view.cards.length === 0) lines.push('Nothing to show.');
  return lines.join('\n');
}

function renderList(input: Extract<View, { kind: 'list' }>, stash: Stash, ephemeral: boolean): Packed {
  // One paper twice in a post would give two buttons the same custom_id, which Discord refuses.
  const ids = new Set<string>();
  const view = { ...input, cards: input.cards.filter((c) => !ids.has(c.id) && ids.add(c.id)) };
  const seen = new Set<string>();
  const paging = pagingRow(view, stash);
  const extra = rows(uniqueButtons(view.actions ?? [], 'e', stash, seen)).slice(0, LIMITS.actionRows - 2);
  const content = listHeader(view);
  if (paging) {
    // A paged list stays one message so Previous/Next can update it in place: a menu replaces per-paper rows.
    const cards = view.cards.slice(0, LIMITS.embedsPerMessage);
    const embeds = fitEmbeds(cards.map((card, i) => cardEmbed(card, { index: i + 1, linksInline: true })));
    const components = [...(cards.length ? [actionsMenu(cards, stash)] : []), paging, ...extra];
    return {
      messages: [message({ content, embeds, components }, ephemeral)],
      cards: [cards.map((c) => c.id)],
    };
  }
  const numbered = view.cards.length > 1;
  const blocks = view.cards.map((card, i) => ({
    embed: capped(
      cardEmbed(card, {
        ...(numbered ? { index: i + 1 } : {}),
        ...(card.actions ? { linksInline: true } : {}),
      }),
    ),
    rows: cardRows(card, numbered ? i + 1 : undefined, stash, seen),
    card: card.id,
  }));
  const packed = pack(blocks, { content }, extra, ephemeral);
  return { messages: withMentions(packed.messages, view.mentions), cards: packed.cards };
}

/** Opted-in members (notify me) are named in the first message, and allowed_mentions lets only them ping. */
function withMentions(messages: DiscordMessage[], mentions: readonly string[] | undefined): DiscordMessage[] {
  const users = (mentions ?? []).filter((id) => /^\d{15,21}$/.test(id)).slice(0, 100);
  const first = messages[0];
  if (users.length === 0 || !first) return messages;
  const names = users.map((id) => `<@${id}>`).join(' ');
  first.content = truncate(first.content ? `${names} ${first.content}` : names, LIMITS.content);
  first.allowed_mentions = { parse: [], users };
  return messages;
}

/**
 * The files one message can carry (10, 25 MiB together): the rest are shown as text. A file name Discord
 * would change (spaces, other characters) would break `attachment://` links, so names are kept simple.
 */
export function attachable(files: readonly ViewFile[]): { attached: ViewFile[]; asText: ViewFile[] } {
  const attached: ViewFile[] = [];
  const asText: ViewFile[] = [];
  let bytes = 0;
  for (const file of files) {
    const fits =
      attached.length < LIMITS.filesPerMessage && bytes + file.data.byteLength <= LIMITS.fileBytesPerMessage;
    if (fits) {
      attached.push({ ...file, name: safeFileName(file.name) });
      bytes += file.data.byteLength;
    } else asText.push(file);
  }
  return { attached, asText };
}

function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-') || 'file';
}

function renderNotice(
  view: Extract<View, { kind: 'notice' }>,
  stash: Stash,
  ephemeral: boolean,
  attached: ViewFile[],
  asText: ViewFile[],
) {
  const components = rows(uniqueButtons(view.actions ?? [], 'e', stash, new Set())).slice(
    0,
    LIMITS.actionRows,
  );
  // Short key/value lines (settings, status) sit three to a row; anything longer gets the full width.
  const short = (f: { name: string; value: string }) =>
    f.name.length <= 24 && f.value.length <= 40 && !f.value.includes('\n');
  const fields = (view.fields ?? []).map((f) => field(plain(f.name), plain(f.value), short(f)));
  // A file Discord cannot take (too big, too many) goes in the message as its text form instead.
  const tables = asText.map((f) => `\`\`\`\n${f.fallback.replace(/```/g, "'''")}\n\`\`\``);
  const text = [plain(view.text), ...tables].filter(Boolean).join('\n');
  const image = attached.find((f) => f.contentType.startsWith('image/'));
  const attachments = attached.map((f, id) => ({
    id,
    filename: f.name,
    description: truncate(f.alt, LIMITS.attachmentDescription),
  }));
  const withFiles = attachments.length > 0 ? { attachments } : {};
  if (!view.title && fields.length === 0 && !image && text.length <= LIMITS.content) {
    return [message({ content: text, components, ...withFiles }, ephemeral)];
  }
  const embeds: APIEmbed[] = [];
  for (let i = 0; i === 0 || i < fields.length; i += LIMITS.embedFields) {
    const embed: APIEmbed = { color: COLORS.notice, fields: fields.slice(i, i + LIMITS.embedFields) };
    if (i === 0) {
      if (view.title) embed.title = truncate(plain(view.title), LIMITS.embedTitle);
      if (text) embed.description = truncate(text, LIMITS.embedDescription);
      // The chart shows in the embed itself rather than as a loose attachment under it.
      if (image) embed.image = { url: `attachment://${image.name}` };
    }
    embeds.push(capped(embed));
  }
  const { messages } = pack(
    embeds.map((embed) => ({ embed })),
    {},
    components,
    ephemeral,
  );
  if (messages[0] && attachments.length > 0) messages[0].attachments = attachments;
  return messages;
}

function renderError(view: Extract<View, { kind: 'error' }>): DiscordMessage[] {
  const lines = [`⚠️ ${plain(view.text)}`];
  for (const line of (view.hint ?? '').split('\n')) if (line.trim()) lines.push(`-# ${plain(line.trim())}`);
  return [message({ content: lines.join('\n') }, true)];
}

/** Renders any View. Pure: the same View always gives the same payloads. */
export function renderView(view: View): RenderedView {
  return renderPost(view).rendered;
}

/**
 * A View rendered for a channel post, with the papers whose cards each message holds (`cards[i]` for
 * `messages[i]`): a follow-up on a paper answers the message that shows it, not the post's first.
 */
export function renderPost(view: View): { rendered: RenderedView; cards: string[][] } {
  const stash: Stash = {};
  const ephemeral = view.kind === 'error' || view.ephemeral === true;
  switch (view.kind) {
    case 'paper': {
      // One paper: its picture at full width rather than as a corner thumbnail.
      const embed = capped(cardEmbed(view.card, { fullImage: true }));
      const links = linkButtons(view.card, LIMITS.buttonsPerRow);
      const extra = rows(uniqueButtons(view.actions ?? [], 'e', stash, new Set()));
      const components = [...rows(links), ...extra].slice(0, LIMITS.actionRows);
      const messages = [message({ embeds: [embed], components }, ephemeral)];
      return { rendered: { messages, ephemeral, stash }, cards: [[view.card.id]] };
    }
    case 'list': {
      const { messages, cards } = renderList(view, stash, ephemeral);
      return { rendered: { messages, ephemeral, stash }, cards };
    }
    case 'notice': {
      const { attached, asText } = attachable(view.files ?? []);
      const messages = renderNotice(view, stash, ephemeral, attached, asText);
      return {
        rendered: { messages, ephemeral, stash, ...(attached.length > 0 ? { files: attached } : {}) },
        cards: messages.map(() => []),
      };
    }
    case 'error': {
      const messages = renderError(view);
      return { rendered: { messages, ephemeral: true, error: true, stash }, cards: messages.map(() => []) };
    }
  }
}
