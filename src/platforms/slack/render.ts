// Pure renderers: the neutral View → Slack Block Kit messages, within Slack's limits, with inert paper text.
import type { types } from '@slack/bolt';
import { formatDay } from '../../views/format.js';
import { cardSignals, doiUrl, hubParts, sourceLabel } from '../../views/paper-card.js';
import { tldrLabel } from '../../views/tldr-source.js';
import type { Action, PaperCard, View, ViewFile } from '../../views/types.js';
import { escapeText, linkUrl, literal, mrkdwnLink, truncate, truncateEscaped } from './text.js';

type KnownBlock = types.KnownBlock;
type ActionsBlock = types.ActionsBlock;
type Button = types.Button;
type ContextBlock = types.ContextBlock;
type SectionBlock = types.SectionBlock;
type ImageBlock = types.ImageBlock;
type ImageElement = types.ImageElement;

/** Slack's documented limits (https://api.slack.com/reference/block-kit/blocks). */
export const LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  altText: 2000,
  imageUrl: 3000,
  /** The fallback `text`; Slack truncates at 40,000, notifications show far less. */
  fallbackText: 3000,
} as const;

/** Button action ids: `papers.run.N` runs the command line in its value; `papers.link.N` only opens a URL. */
export const RUN_ACTION = /^papers\.run\./;
export const LINK_ACTION = /^papers\.link\./;

export interface SlackMessage {
  /** Plain-text fallback for notifications and clients without Block Kit. */
  text: string;
  blocks: KnownBlock[];
  /** Answers to one person (response_type ephemeral). */
  ephemeral: boolean;
  /**
   * Files to upload to the channel after the message (files.uploadV2, scope files:write), rendered with
   * `uploads`: the blocks then leave out their text form, which `fileFallback` gives if the upload fails.
   */
  files?: ViewFile[];
}

const MAX_AUTHORS = 3;

function header(text: string): KnownBlock {
  // Header text is plain_text: no escaping needed, and Slack never parses mentions in it.
  return {
    type: 'header',
    text: {
      type: 'plain_text',
      text: truncate(text.replace(/\s+/g, ' ').trim(), LIMITS.headerText),
      emoji: true,
    },
  };
}

function section(mrkdwn: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncateEscaped(mrkdwn, LIMITS.sectionText) } };
}

function context(...mrkdwn: string[]): ContextBlock {
  return {
    type: 'context',
    elements: mrkdwn
      .filter(Boolean)
      .slice(0, LIMITS.contextElements)
      .map((text) => ({ type: 'mrkdwn' as const, text: truncateEscaped(text, LIMITS.sectionText) })),
  };
}

/** Slack fetches the image itself and refuses the whole message when it cannot: only well-formed https URLs. */
function imageUrl(card: PaperCard): string | undefined {
  const url = card.thumbnail;
  if (!url?.startsWith('https://') || url.length > LIMITS.imageUrl) return undefined;
  return linkUrl(url);
}

/** Alt text for every image (Slack requires it): what the picture is of. */
function altText(card: PaperCard): string {
  return truncate(`Figure from “${card.title.replace(/\s+/g, ' ').trim()}”`, LIMITS.altText);
}

/**
 * The message without its images: what delivery posts again when Slack could not download one
 * (`invalid_blocks`, "downloading image failed"), so a broken thumbnail never costs the post.
 */
export function hasImages(message: SlackMessage): boolean {
  return message.blocks.some(
    (block) => block.type === 'image' || (block.type === 'section' && block.accessory?.type === 'image'),
  );
}

export function withoutImages(message: SlackMessage): SlackMessage {
  const blocks: KnownBlock[] = [];
  for (const block of message.blocks) {
    if (block.type === 'image') continue;
    if (block.type === 'section' && block.accessory?.type === 'image') {
      const { accessory: _image, ...rest } = block;
      blocks.push(rest);
    } else blocks.push(block);
  }
  return { ...message, blocks };
}

class ButtonIds {
  private n = 0;
  next(kind: 'run' | 'link'): string {
    this.n += 1;
    return `papers.${kind}.${this.n}`;
  }
}

function runButton(action: Action, ids: ButtonIds): Button | undefined {
  if (action.command.length > LIMITS.buttonValue) return undefined;
  return {
    type: 'button',
    action_id: ids.next('run'),
    text: { type: 'plain_text', text: truncate(action.label, LIMITS.buttonText), emoji: true },
    value: action.command,
    ...(action.style === 'primary' ? { style: 'primary' as const } : {}),
  };
}

function linkButton(label: string, url: string | undefined, ids: ButtonIds): Button | undefined {
  const safe = linkUrl(url);
  if (!safe) return undefined;
  return {
    type: 'button',
    action_id: ids.next('link'),
    text: { type: 'plain_text', text: label },
    url: safe,
  };
}

function actionsBlock(buttons: (Button | undefined)[]): ActionsBlock | undefined {
  const elements = buttons.filter((b): b is Button => b !== undefined).slice(0, LIMITS.actionsElements);
  return elements.length > 0 ? { type: 'actions', elements } : undefined;
}

function titleLink(card: PaperCard): string {
  const title = truncateEscaped(literal(card.title), 500);
  const url = linkUrl(card.url ?? card.links.abs);
  return url ? `*${mrkdwnLink(url, title)}*` : `*${title}*`;
}

/** The paper's section: linked title, TL;DR, key points and why it is here; the title always survives a cut. */
function cardBody(card: PaperCard, withTitle: boolean): string {
  const lines: string[] = [];
  if (card.tldr.trim()) lines.push(`*TL;DR* ${literal(card.tldr)}`);
  // The starred Code button says more than a "Code: <url>" key point, so that key point gives way to it (as on
  // Discord).
  const code = card.links.code;
  const starred = card.stars !== undefined && linkUrl(code) !== undefined;
  for (const point of card.keyPoints) {
    if (point.trim() && !(starred && point.trim() === `Code: ${code}`)) lines.push(`• ${literal(point)}`);
  }
  if (card.reason?.trim()) lines.push(`_${literal(card.reason)}_`);
  const title = withTitle ? titleLink(card) : '';
  const rest = lines.join('\n');
  if (!title) return rest || ' ';
  if (!rest) return title;
  return `${title}\n${truncateEscaped(rest, LIMITS.sectionText - title.length - 1)}`;
}

/** Authors, source and date, then the signals in priority order (cut from the end: the venue goes first). */
function cardContext(card: PaperCard): string {
  const parts: string[] = [];
  if (card.authors.length > 0) {
    const shown = card.authors.slice(0, MAX_AUTHORS).map(literal).join(', ');
    parts.push(card.authors.length > MAX_AUTHORS ? `${shown} et al.` : shown);
  }
  parts.push(literal(sourceLabel(card.source)));
  if (card.date) parts.push(literal(formatDay(card.date)));
  parts.push(...cardSignals(card).map(literal));
  return parts.join(' · ');
}

/** "<top|3 models> · <top|1 dataset> · 2 Spaces" on the Hub. */
function hubContext(card: PaperCard): string {
  const parts = hubParts(card.hub).map((part) => {
    const url = linkUrl(part.url);
    return url ? mrkdwnLink(url, part.text) : part.text;
  });
  return parts.length > 0 ? `🤗 ${parts.join(' · ')}` : '';
}

function linkButtons(card: PaperCard, ids: ButtonIds): (Button | undefined)[] {
  return [
    linkButton('Abstract', card.links.abs ?? card.url, ids),
    linkButton('PDF', card.links.pdf, ids),
    linkButton('Hugging Face', card.links.hf, ids),
    linkButton(card.stars !== undefined ? `Code ★ ${card.stars}` : 'Code', card.links.code, ids),
    linkButton('Project', card.links.project, ids),
    linkButton('DOI', doiUrl(card.doi), ids),
  ];
}

/**
 * A card's blocks: its text (with the picture beside it, or under it at full width for a single paper), the
 * context line, the Hub line and who wrote the TL;DR, then its buttons.
 */
function cardBlocks(
  card: PaperCard,
  extra: Action[],
  ids: ButtonIds,
  withTitle = true,
  fullImage = false,
): KnownBlock[] {
  const body = section(cardBody(card, withTitle));
  const image = imageUrl(card);
  const blocks: KnownBlock[] = [];
  if (image && !fullImage) {
    const accessory: ImageElement = { type: 'image', image_url: image, alt_text: altText(card) };
    blocks.push({ ...body, accessory });
  } else blocks.push(body);
  if (image && fullImage) {
    const picture: ImageBlock = { type: 'image', image_url: image, alt_text: altText(card) };
    blocks.push(picture);
  }
  const label = card.tldrSource && card.tldr.trim() ? `_${tldrLabel(card.tldrSource)}_` : '';
  blocks.push(context(cardContext(card), hubContext(card), label));
  const actions = actionsBlock([...linkButtons(card, ids), ...extra.map((a) => runButton(a, ids))]);
  if (actions) blocks.push(actions);
  return blocks;
}

/** The buttons a card came with (Summarize, More like this, Save…); a card without any gets Summarize. */
function cardActions(card: PaperCard): Action[] {
  return card.actions ?? [{ label: 'Summarize', command: `/papers summarize ${card.id}` }];
}

function fallbackForCards(title: string, cards: PaperCard[]): string {
  const lines = [escapeText(title)];
  cards.forEach((c, i) => {
    const url = linkUrl(c.url ?? c.links.abs);
    lines.push(`${i + 1}. ${literal(c.title)}${url ? ` — ${escapeText(url)}` : ''}`);
  });
  return truncateEscaped(lines.join('\n'), LIMITS.fallbackText);
}

interface Group {
  blocks: KnownBlock[];
  cards: number;
}

/** Packs groups of blocks (a card's blocks stay together) into messages of at most 50 blocks. */
function pack(groups: Group[], title: string): Group[] {
  const messages: Group[] = [];
  let current: Group = { blocks: [], cards: 0 };
  for (const group of groups) {
    if (current.blocks.length > 0 && current.blocks.length + group.blocks.length > LIMITS.blocksPerMessage) {
      messages.push(current);
      current = { blocks: [context(`_${escapeText(truncate(title, 200))} (continued)_`)], cards: 0 };
    }
    current.blocks.push(...group.blocks.slice(0, LIMITS.blocksPerMessage - current.blocks.length));
    current.cards += group.cards;
  }
  if (current.blocks.length > 0) messages.push(current);
  return messages;
}

function renderList(view: Extract<View, { kind: 'list' }>): { messages: SlackMessage[]; cards: string[][] } {
  const ids = new ButtonIds();
  const ephemeral = view.ephemeral ?? false;
  const head: KnownBlock[] = [header(view.title)];
  if (view.intro?.trim()) head.push(section(literal(view.intro)));
  // Opted-in members (notify me) by id only; Slack pings exactly the users named, and no @channel ever.
  const mentions = (view.mentions ?? []).filter((id) => /^[UW][A-Z0-9]{2,20}$/.test(id));
  if (mentions.length > 0) head.push(context(mentions.map((id) => `<@${id}>`).join(' ')));
  if (view.page && view.page.pages > 1) {
    head.push(context(`Page ${view.page.page} of ${view.page.pages} · ${view.page.total} results`));
  }
  const groups: Group[] = [{ blocks: head, cards: 0 }];
  if (view.cards.length === 0) groups.push({ blocks: [section('Nothing to show.')], cards: 0 });
  view.cards.forEach((card, i) => {
    const blocks = cardBlocks(card, cardActions(card), ids);
    if (i < view.cards.length - 1) blocks.push({ type: 'divider' });
    groups.push({ blocks, cards: 1 });
  });
  const tail = actionsBlock([
    ...(view.page?.prev ? [runButton(view.page.prev, ids)] : []),
    ...(view.page?.next ? [runButton(view.page.next, ids)] : []),
    ...(view.actions ?? []).map((a) => runButton(a, ids)),
  ]);
  if (tail) groups.push({ blocks: [tail], cards: 0 });
  const messages = pack(groups, view.title);
  // Each message's fallback names the papers it carries.
  let next = 0;
  const cards: string[][] = [];
  const out = messages.map((message, m) => {
    const held = view.cards.slice(next, next + message.cards);
    next += message.cards;
    cards.push(held.map((c) => c.id));
    const title = m === 0 ? view.title : `${view.title} (continued)`;
    return { text: fallbackForCards(title, held), blocks: message.blocks, ephemeral };
  });
  return { messages: out, cards };
}

function renderPaper(view: Extract<View, { kind: 'paper' }>): SlackMessage[] {
  const ids = new ButtonIds();
  const card = view.card;
  const blocks: KnownBlock[] = [header(card.title), ...cardBlocks(card, view.actions ?? [], ids, true, true)];
  const url = linkUrl(card.url ?? card.links.abs);
  const text = truncateEscaped(
    `${literal(card.title)}${url ? ` — ${escapeText(url)}` : ''}${card.tldr ? `\n${literal(card.tldr)}` : ''}`,
    LIMITS.fallbackText,
  );
  return [{ text, blocks, ephemeral: view.ephemeral ?? false }];
}

/** A file's text form as a code block. */
function fileText(file: ViewFile): KnownBlock {
  return section(`\`\`\`${escapeText(file.fallback)}\`\`\``);
}

/** Said under a private answer's file text: Slack shares an upload with the whole channel or no one. */
export const PRIVATE_FILE_NOTE = 'Slack cannot attach a file to a message only you see, so here is its text.';

function renderNotice(view: Extract<View, { kind: 'notice' }>, uploads: boolean): SlackMessage[] {
  const ids = new ButtonIds();
  const blocks: KnownBlock[] = [];
  if (view.title) blocks.push(header(view.title));
  blocks.push(section(escapeText(view.text)));
  const files = view.files ?? [];
  // An upload is shared in the channel, so only an answer everyone sees gets one; otherwise its text form.
  const upload = uploads && !view.ephemeral && files.length > 0;
  if (!upload) for (const file of files) blocks.push(fileText(file));
  if (uploads && view.ephemeral && files.length > 0) blocks.push(context(`_${PRIVATE_FILE_NOTE}_`));
  const fields = view.fields ?? [];
  for (let i = 0; i < fields.length; i += LIMITS.sectionFields) {
    blocks.push({
      type: 'section',
      fields: fields.slice(i, i + LIMITS.sectionFields).map((f) => ({
        type: 'mrkdwn' as const,
        text: truncateEscaped(`*${literal(f.name)}*\n${escapeText(f.value)}`, LIMITS.fieldText),
      })),
    });
  }
  const actions = actionsBlock((view.actions ?? []).map((a) => runButton(a, ids)));
  if (actions) blocks.push(actions);
  const lines = [view.title, view.text, ...fields.map((f) => `${f.name}: ${f.value}`)].filter(Boolean);
  return [
    {
      text: truncateEscaped(escapeText(lines.join('\n')), LIMITS.fallbackText),
      blocks: blocks.slice(0, LIMITS.blocksPerMessage),
      ephemeral: view.ephemeral ?? false,
      ...(upload ? { files } : {}),
    },
  ];
}

/**
 * The answer to send when an upload failed (files:write not granted, the bot not in the channel): the files'
 * text, so the answer is never lost.
 */
export function fileFallback(files: readonly ViewFile[], ephemeral: boolean): SlackMessage {
  const blocks = files.slice(0, LIMITS.blocksPerMessage - 1).map(fileText);
  blocks.push(context('_The file could not be uploaded here, so this is its text._'));
  const text = truncateEscaped(escapeText(files.map((f) => f.fallback).join('\n\n')), LIMITS.fallbackText);
  return { text, blocks, ephemeral };
}

function renderError(view: Extract<View, { kind: 'error' }>): SlackMessage[] {
  const blocks: KnownBlock[] = [section(`:warning: ${escapeText(view.text)}`)];
  if (view.hint) blocks.push(context(escapeText(view.hint)));
  const text = truncateEscaped(
    escapeText(view.hint ? `${view.text}\n${view.hint}` : view.text),
    LIMITS.fallbackText,
  );
  // Errors always answer only the person who asked.
  return [{ text, blocks, ephemeral: true }];
}

export interface RenderOptions {
  /** The caller uploads `files` with files.uploadV2 (an interactive answer); without it files show as text. */
  uploads?: boolean;
}

/** Renders a View as one or more Slack messages (a long digest is split), each within Block Kit's limits. */
export function renderView(view: View, options: RenderOptions = {}): SlackMessage[] {
  return renderPost(view, options).messages;
}

/**
 * A View rendered for a channel post, with the papers whose cards each message holds (`cards[i]` for
 * `messages[i]`): a follow-up on a paper goes in the thread of the message that shows it.
 */
export function renderPost(
  view: View,
  options: RenderOptions = {},
): { messages: SlackMessage[]; cards: string[][] } {
  if (view.kind === 'list') return renderList(view);
  const messages = renderOther(view, options);
  return { messages, cards: messages.map(() => (view.kind === 'paper' ? [view.card.id] : [])) };
}

function renderOther(view: Exclude<View, { kind: 'list' }>, options: RenderOptions): SlackMessage[] {
  switch (view.kind) {
    case 'paper':
      return renderPaper(view);
    case 'notice':
      return renderNotice(view, options.uploads ?? false);
    case 'error':
      return renderError(view);
  }
}
