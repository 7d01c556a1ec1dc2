// What `settings` shows and changes of a channel's follow-ups: inline in the digest's thread, in the next digest, or off.
import { z } from 'zod';
import type { OptionSpec } from '../../src/app/command.js';
import type { CommandContext, Services } from '../../src/app/types.js';
import {
  FOLLOWUP_MODES,
  type FollowupMode,
  followupMode,
  setFollowupMode,
} from '../../src/followups/runner.js';

export const followupOptions = {
  followups: {
    kind: 'string',
    description:
      'News on papers this channel got (code, new version, venue, Hub models): inline, digest or off',
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(FOLLOWUP_MODES, { error: `must be ${FOLLOWUP_MODES.join(' or ')}` })),
    required: false,
    choices: FOLLOWUP_MODES.map((v) => ({ name: v, value: v })),
  } satisfies OptionSpec<z.ZodType<FollowupMode, unknown>>,
};

export interface FollowupInput {
  followups?: FollowupMode | undefined;
}

const SAID: Record<FollowupMode, string> = {
  inline:
    'inline: one line in the digest’s thread when a paper gets code, a new version, a venue or Hub models',
  digest: 'digest: collected in the next digest',
  off: 'off',
};

/** The line `settings` answers with once the choice is saved. */
export async function applyFollowupSettings(
  input: FollowupInput,
  ctx: CommandContext,
  services: Services,
): Promise<string[]> {
  if (input.followups === undefined) return [];
  const before = await followupMode(services.store, ctx.channel);
  await setFollowupMode(services.store, ctx.channel, input.followups);
  return before === input.followups
    ? [`Follow-ups stay ${input.followups}.`]
    : [`Follow-ups ${before} → ${input.followups}.`];
}

export async function followupFields(
  ctx: CommandContext,
  services: Services,
): Promise<{ name: string; value: string }[]> {
  return [{ name: 'Follow-ups', value: SAID[await followupMode(services.store, ctx.channel)] }];
}
