// zod schema of the interaction payloads Paperboy handles (the fields it reads), from HTTP or the gateway.
import { z } from 'zod';

const UserSchema = z.object({
  id: z.string(),
  username: z.string().optional(),
  global_name: z.string().nullish(),
});

export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
  focused?: boolean | undefined;
  options?: CommandOption[] | undefined;
}

const OptionSchema: z.ZodType<CommandOption> = z.lazy(() =>
  z.object({
    name: z.string(),
    type: z.number().int(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    focused: z.boolean().optional(),
    options: z.array(OptionSchema).optional(),
  }),
);

export const InteractionSchema = z.object({
  id: z.string(),
  application_id: z.string(),
  type: z.number().int(),
  token: z.string(),
  version: z.number().optional(),
  guild_id: z.string().optional(),
  channel_id: z.string().optional(),
  channel: z.object({ id: z.string() }).partial().optional(),
  member: z
    .object({
      user: UserSchema.optional(),
      /** The member's permissions in this channel, overwrites included, as a decimal bitfield. */
      permissions: z.string().regex(/^\d+$/).optional(),
    })
    .optional(),
  user: UserSchema.optional(),
  /** Where it was used: 0 a server, 1 a DM with the bot, 2 another DM or group DM (a user-installed app). */
  context: z.number().int().optional(),
  /** Installation owners by kind: "0" the server the bot is in, "1" the user who installed the app. */
  authorizing_integration_owners: z.record(z.string(), z.string()).optional(),
  /** The bot's own permissions in this channel. */
  app_permissions: z.string().regex(/^\d+$/).optional(),
  data: z
    .object({
      name: z.string().optional(),
      type: z.number().optional(),
      options: z.array(OptionSchema).optional(),
      custom_id: z.string().optional(),
      component_type: z.number().optional(),
      values: z.array(z.string()).optional(),
    })
    .optional(),
  /** The message a pressed component sits on; flags 64 when only the presser sees it. */
  message: z.object({ id: z.string(), flags: z.number().int() }).partial().optional(),
});

export type Interaction = z.infer<typeof InteractionSchema>;
