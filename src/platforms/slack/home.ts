// App Home (the workspace's subscribed channels) and the modals that edit a channel and preview its digest.
import type { types } from '@slack/bolt';
import { type ChannelRecord, type ChannelSettings, DEFAULT_SETTINGS } from '../../store/types.js';
import { validateSettings } from '../../store/validate.js';
import { plural } from '../../views/format.js';
import type { View } from '../../views/types.js';
import { LINK_ACTION, renderView } from './render.js';
import { escapeText, truncate } from './text.js';

type KnownBlock = types.KnownBlock;

export const HOME_EDIT = 'home.edit';
export const HOME_PREVIEW = 'home.preview';
export const SETTINGS_MODAL = 'papers.settings';

/** Home tabs and modals hold at most 100 blocks. */
const MAX_VIEW_BLOCKS = 100;

function status(c: ChannelRecord): string {
  if (c.unreachable) return `:warning: unreachable (${escapeText(c.unreachable.reason)})`;
  return c.paused ? ':double_vertical_bar: paused' : ':white_check_mark: active';
}

/** `note`, when given, says why no channel can be listed (a scope the install lacks) instead of "no channel yet". */
export function homeView(channels: ChannelRecord[], _now: Date, note?: string): types.HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Paperboy' } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'Trending research papers, daily. Subscribe a channel with `/papers subscribe <topics>` there; type `/papers help` for everything else.',
      },
    },
    { type: 'divider' },
  ];
  if (channels.length === 0) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: note ? escapeText(note) : 'No channel gets a digest yet.' },
    });
  }
  // 4 blocks a channel after the 3 above: room for 24 channels; the rest are counted.
  const shown = channels.slice(0, Math.floor((MAX_VIEW_BLOCKS - 4) / 4));
  for (const c of shown) {
    const topics = c.topics.length ? c.topics.map(escapeText).join('; ') : '_no topics yet_';
    blocks.push(
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: truncate(`*<#${c.channel}>* — ${status(c)}\n*Topics:* ${topics}`, 3000),
        },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `${plural(c.count, 'paper')} at ${c.time} ${escapeText(c.timezone)} · ${c.days.length === 7 ? 'every day' : c.days.join(', ')}`,
          },
        ],
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: HOME_EDIT,
            text: { type: 'plain_text', text: 'Edit' },
            value: c.channel,
          },
          {
            type: 'button',
            action_id: HOME_PREVIEW,
            text: { type: 'plain_text', text: "Preview today's digest" },
            value: c.channel,
          },
        ],
      },
      { type: 'divider' },
    );
  }
  if (channels.length > shown.length) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${channels.length - shown.length} more channels.` }],
    });
  }
  return { type: 'home', blocks };
}

function input(
  id: keyof ChannelSettings,
  label: string,
  initial: string,
  hint: string,
  optional = false,
): KnownBlock {
  return {
    type: 'input',
    block_id: id,
    optional,
    label: { type: 'plain_text', text: label },
    hint: { type: 'plain_text', text: hint },
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}

export function settingsModal(channel: string, record: ChannelRecord | undefined): types.ModalView {
  const s = record ?? { ...DEFAULT_SETTINGS };
  return {
    type: 'modal',
    callback_id: SETTINGS_MODAL,
    private_metadata: channel,
    title: { type: 'plain_text', text: 'Channel digest' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `Daily digest for <#${channel}>` } },
      input('topics', 'Topics', s.topics.join('; '), 'Separate topics with ; e.g. diffusion models; RLHF'),
      input('exclude', 'Exclude', s.exclude.join('; '), 'Words that rule a paper out', true),
      input('time', 'Time', s.time, 'HH:MM, 24-hour, e.g. 08:30'),
      input('timezone', 'Time zone', s.timezone, 'IANA name, e.g. Europe/Berlin or UTC'),
      input(
        'days',
        'Days',
        s.days.join(', '),
        'e.g. mon-fri, or every day: mon, tue, wed, thu, fri, sat, sun',
      ),
      input('count', 'Papers per digest', String(s.count), 'A whole number from 1 to 10'),
      {
        type: 'input',
        block_id: 'paused',
        optional: true,
        label: { type: 'plain_text', text: 'Status' },
        element: {
          type: 'checkboxes',
          action_id: 'value',
          options: [{ text: { type: 'plain_text', text: 'Paused' }, value: 'paused' }],
          ...(s.paused
            ? { initial_options: [{ text: { type: 'plain_text', text: 'Paused' }, value: 'paused' }] }
            : {}),
        },
      },
    ],
  };
}

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_options?: { value: string }[] | null }>
>;

/** Reads the modal's fields and validates them with the store's own rules; errors keyed by block for Slack. */
export function settingsFromModal(
  values: StateValues,
): { ok: true; value: Partial<ChannelSettings> } | { ok: false; errors: Record<string, string> } {
  const text = (id: string) => values[id]?.value?.value ?? '';
  const change = {
    topics: text('topics'),
    exclude: text('exclude'),
    time: text('time'),
    timezone: text('timezone'),
    days: text('days'),
    count: text('count'),
    paused: (values.paused?.value?.selected_options ?? []).some((o) => o.value === 'paused'),
  };
  const result = validateSettings(change);
  if (result.ok) return result;
  const errors: Record<string, string> = {};
  for (const problem of result.errors) {
    const block = problem.field === 'settings' ? 'topics' : problem.field;
    errors[block] = truncate(problem.message, 150);
  }
  return { ok: false, errors };
}

/**
 * The modal's fields as /papers settings options, the text as typed: the command reads them as it reads a typed
 * line, so the modal and the slash command change a channel one way. Pause/resume goes only when the box changed
 * (resume also clears "unreachable", which saving other fields should not); an empty Exclude clears it.
 */
export function settingsCommandOptions(values: StateValues, wasPaused: boolean): Record<string, string> {
  const text = (id: string) => (values[id]?.value?.value ?? '').trim();
  const paused = (values.paused?.value?.selected_options ?? []).some((o) => o.value === 'paused');
  return {
    topics: text('topics'),
    exclude: text('exclude') || 'none',
    time: text('time'),
    timezone: text('timezone'),
    days: text('days'),
    count: text('count'),
    ...(paused !== wasPaused ? { digests: paused ? 'pause' : 'resume' } : {}),
  };
}

/** Today's digest in a modal: the rendered post, with only link buttons (commands need a channel to answer in). */
export function previewModal(channel: string, view: View): types.ModalView {
  const blocks: KnownBlock[] = [];
  for (const message of renderView(view)) {
    for (const block of message.blocks) {
      if (block.type === 'actions') {
        const links = block.elements.filter(
          (e) => e.type === 'button' && LINK_ACTION.test(e.action_id ?? ''),
        );
        if (links.length > 0) blocks.push({ ...block, elements: links });
      } else blocks.push(block);
    }
  }
  return {
    type: 'modal',
    private_metadata: channel,
    title: { type: 'plain_text', text: "Today's digest" },
    close: { type: 'plain_text', text: 'Close' },
    blocks: blocks.slice(0, MAX_VIEW_BLOCKS),
  };
}

/** A small modal saying why an App Home button did nothing (not allowed). */
export function refusalModal(text: string): types.ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Paperboy' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeText(text) } }],
  };
}
