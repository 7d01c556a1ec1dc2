// The settings of what a channel keeps: its feed address and its Zotero library (admins only; keys never shown).
import { z } from 'zod';
import type { OptionSpec } from '../../src/app/command.js';
import type { CommandContext, Services } from '../../src/app/types.js';
import { feedUrl, keepOf, secretContext } from '../../src/keep/services.js';
import { formatDay } from '../../src/views/format.js';
import type { View } from '../../src/views/types.js';

const NONE = /^\s*(none|off|remove|unlink|-)\s*$/i;

export const keepOptions = {
  feed: {
    kind: 'string',
    description: 'revoke: the feed address stops working and a new one is made',
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['revoke'], { error: 'must be revoke' })),
    required: false,
    choices: [{ name: 'revoke', value: 'revoke' }],
  } satisfies OptionSpec<z.ZodType<'revoke', unknown>>,
  zotero_group: {
    kind: 'string',
    description: 'Zotero group id whose library gets saved papers (digits); none unlinks',
    schema: z
      .string()
      .trim()
      .refine(
        (v) => /^\d{1,20}$/.test(v) || NONE.test(v),
        'must be the group’s number (zotero.org/groups/<number>) or none',
      ),
    required: false,
  } satisfies OptionSpec<z.ZodType<string, string>>,
  zotero_key: {
    kind: 'string',
    description: 'Zotero API key with write access to that group (stored encrypted, never shown)',
    // The message never repeats the value: it is a secret.
    schema: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9]{24}$/,
        'must be a Zotero API key: 24 letters and digits (zotero.org/settings/keys)',
      ),
    required: false,
  } satisfies OptionSpec<z.ZodType<string, string>>,
};

export interface KeepInput {
  feed?: 'revoke' | undefined;
  zotero_group?: string | undefined;
  zotero_key?: string | undefined;
}

export function hasKeepChanges(input: KeepInput): boolean {
  return input.feed !== undefined || input.zotero_group !== undefined || input.zotero_key !== undefined;
}

function keepError(text: string, hint: string): { view: View } {
  return { view: { kind: 'error', text, hint, ephemeral: true } };
}

/** Applies feed and Zotero changes; the sentences say what changed, an error view what to fix. */
export async function applyKeepSettings(
  input: KeepInput,
  ctx: CommandContext,
  services: Services,
): Promise<{ lines: string[] } | { view: View }> {
  const keep = keepOf(services);
  const { store } = services;
  const lines: string[] = [];
  const by = ctx.user.name ?? ctx.user.id;

  const group = input.zotero_group;
  const apiKey = input.zotero_key;
  if (group !== undefined && NONE.test(group)) {
    if (apiKey !== undefined)
      return keepError(
        'Give zotero_group:none alone to unlink Zotero.',
        'Example: /papers settings zotero_group:none',
      );
    lines.push(
      (await store.removeZoteroLink(ctx.channel))
        ? 'Unlinked Zotero: saved papers stay here and no longer go to Zotero.'
        : 'No Zotero library was linked.',
    );
  } else if (group !== undefined || apiKey !== undefined) {
    if (!keep.secrets) {
      return keepError(
        'Zotero cannot be linked on this server: it has no PAPERBOY_SECRET_KEY to encrypt the API key with.',
        'Whoever runs Paperboy sets PAPERBOY_SECRET_KEY (openssl rand -hex 32) and restarts it.',
      );
    }
    const current = await store.getZoteroLink(ctx.channel);
    if (!current && (group === undefined || apiKey === undefined)) {
      return keepError(
        'Linking Zotero needs both the group and an API key.',
        'Example: /papers settings zotero_group:123456 zotero_key:<24-character key with write access>',
      );
    }
    const sealedKey =
      apiKey !== undefined
        ? keep.secrets.seal(apiKey, secretContext(ctx.channel))
        : (current?.sealedKey as string);
    const groupId = group ?? (current?.groupId as string);
    await store.setZoteroLink(ctx.channel, { groupId, sealedKey }, by);
    lines.push(
      `Zotero group ${groupId} linked${apiKey !== undefined ? ' with the new key (stored encrypted)' : ''}: every Save also adds the paper to its library.`,
    );
  }

  if (input.feed === 'revoke') {
    await store.revokeFeedToken(ctx.channel);
    const token = await store.feedToken(ctx.channel, true);
    lines.push(
      `Revoked the old feed address: it answers 404 from now on. The new one: ${feedUrl(keep, token as string)}`,
    );
  }
  return { lines };
}

/** What admins see of the channel's feed and Zotero link; the feed address is made on first look. */
export async function keepFields(
  ctx: CommandContext,
  services: Services,
): Promise<{ name: string; value: string }[]> {
  const keep = keepOf(services);
  const token = await services.store.feedToken(ctx.channel, true);
  const link = await services.store.getZoteroLink(ctx.channel);
  return [
    { name: 'Feed', value: `${feedUrl(keep, token as string)} (Atom; anyone with the address can read it)` },
    {
      name: 'Zotero',
      value: link
        ? `group ${link.groupId}, set by ${link.updatedBy} on ${formatDay(link.updatedAt)} (key hidden)`
        : 'not linked: /papers settings zotero_group:<id> zotero_key:<key>',
    },
  ];
}
