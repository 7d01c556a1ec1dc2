// Checks a rendered Slack message against Block Kit's limits, returning every problem found.
import type { SlackMessage } from '../../../src/platforms/slack/render.js';
import { LIMITS } from '../../../src/platforms/slack/render.js';

interface LooseBlock {
  type: string;
  text?: { text: string };
  fields?: unknown[];
  elements?: { action_id: string; text: { text: string }; value?: string }[];
  accessory?: { type: string; image_url?: string; alt_text?: string };
  image_url?: string;
  alt_text?: string;
}

/** Every image needs alt text (Slack refuses the message without) and an https URL. */
function imageProblems(image: { image_url?: string; alt_text?: string }): string[] {
  const out: string[] = [];
  if (!image.alt_text?.trim()) out.push('image without alt text');
  if ((image.alt_text ?? '').length > LIMITS.altText) out.push('alt text too long');
  if (!image.image_url?.startsWith('https://')) out.push(`image URL not https: ${image.image_url}`);
  return out;
}

export function limitProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  if (!message.text.trim()) problems.push('no fallback text');
  if (message.blocks.length > LIMITS.blocksPerMessage) problems.push(`${message.blocks.length} blocks`);
  const ids = new Set<string>();
  for (const block of message.blocks as unknown as LooseBlock[]) {
    if (block.type === 'image') problems.push(...imageProblems(block));
    if (block.accessory?.type === 'image') problems.push(...imageProblems(block.accessory));
    if (block.type === 'header' && (block.text?.text.length ?? 0) > LIMITS.headerText)
      problems.push('header too long');
    if (block.type === 'section') {
      if (block.text && block.text.text.length > LIMITS.sectionText) problems.push('section too long');
      if (block.fields && block.fields.length > LIMITS.sectionFields) problems.push('too many fields');
    }
    if (block.type === 'actions') {
      if ((block.elements?.length ?? 0) > LIMITS.actionsElements) problems.push('too many buttons');
      for (const el of block.elements ?? []) {
        if (ids.has(el.action_id)) problems.push(`duplicate action_id ${el.action_id}`);
        ids.add(el.action_id);
        if (el.text.text.length > LIMITS.buttonText) problems.push('button text too long');
        if (el.value !== undefined && el.value.length > LIMITS.buttonValue)
          problems.push('button value too long');
      }
    }
  }
  return problems;
}

/** Every piece of mrkdwn/plain text in a message, for "nothing can mention anyone" checks. */
export function allText(message: SlackMessage): string {
  return JSON.stringify(message);
}
