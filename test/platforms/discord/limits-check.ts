// Checks a message payload against every Discord limit the renderer promises to respect; returns the breaches.
import { type APIEmbed, ComponentType } from 'discord.js';
import { embedChars } from '../../../src/platforms/discord/render.js';

type AnyMessage = {
  content?: string;
  embeds?: APIEmbed[];
  components?: { type: number; components: Record<string, unknown>[] }[];
  allowed_mentions?: { parse?: unknown[] };
};

export function limitBreaches(message: unknown): string[] {
  const m = message as AnyMessage;
  const out: string[] = [];
  const embeds = m.embeds ?? [];
  if ((m.content ?? '').length > 2000) out.push(`content ${m.content?.length} > 2000`);
  if (!m.content && embeds.length === 0) out.push('empty message');
  if (embeds.length > 10) out.push(`${embeds.length} embeds > 10`);
  const total = embeds.reduce((n, e) => n + embedChars(e), 0);
  if (total > 6000) out.push(`embed characters ${total} > 6000`);
  for (const e of embeds) {
    if ((e.title ?? '').length > 256) out.push(`title ${e.title?.length} > 256`);
    if ((e.description ?? '').length > 4096) out.push(`description ${e.description?.length} > 4096`);
    if ((e.fields ?? []).length > 25) out.push(`${e.fields?.length} fields > 25`);
    for (const f of e.fields ?? []) {
      if (f.name.length < 1 || f.name.length > 256) out.push(`field name ${f.name.length}`);
      if (f.value.length < 1 || f.value.length > 1024) out.push(`field value ${f.value.length}`);
    }
    if ((e.footer?.text ?? '').length > 2048) out.push('footer > 2048');
  }
  const rows = m.components ?? [];
  if (rows.length > 5) out.push(`${rows.length} rows > 5`);
  const ids = new Set<string>();
  for (const row of rows) {
    if (row.type !== ComponentType.ActionRow) out.push('top-level component is not an action row');
    if (row.components.length > 5) out.push(`${row.components.length} components in a row > 5`);
    for (const c of row.components) {
      const id = c.custom_id as string | undefined;
      if (id !== undefined) {
        if (id.length > 100) out.push(`custom_id ${id.length} > 100`);
        if (ids.has(id)) out.push(`duplicate custom_id ${id}`);
        ids.add(id);
      }
      if (typeof c.label === 'string' && c.label.length > 80) out.push(`label ${c.label.length} > 80`);
      if (typeof c.url === 'string' && c.url.length > 512) out.push('url > 512');
      if (c.type === ComponentType.StringSelect && row.components.length !== 1)
        out.push('select shares a row');
      for (const o of (c.options as { label: string; value: string }[] | undefined) ?? []) {
        if (o.label.length > 100 || o.value.length > 100) out.push('select option > 100');
      }
    }
  }
  if (!m.allowed_mentions || (m.allowed_mentions.parse ?? ['x']).length !== 0)
    out.push('mentions not disabled');
  return out;
}
