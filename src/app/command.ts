// How a platform-neutral command is declared: options once (zod + metadata), and run() returning a View.
import { z } from 'zod';
import type { View } from '../views/types.js';
import type { CommandContext, Services } from './types.js';

export type OptionKind = 'string' | 'integer' | 'boolean';

export interface OptionSpec<S extends z.ZodType = z.ZodType> {
  kind: OptionKind;
  /** Shown in Discord's option list and in help; at most 100 characters. */
  description: string;
  /** Validates and converts the raw value (text from Slack/console, typed from Discord). */
  schema: S;
  required: boolean;
  /**
   * Where a command arrives as one line of text: positional words fill options marked positional in order;
   * a `rest` option takes all remaining words (a search query).
   */
  positional?: 'one' | 'rest';
  autocomplete?: boolean;
  choices?: { name: string; value: string }[];
}

type Infer<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K]['required'] extends true
    ? z.output<O[K]['schema']>
    : z.output<O[K]['schema']> | undefined;
};

export interface CommandSpec<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  /** Subcommand name under /papers. */
  name: string;
  /** One line, at most 100 characters. */
  description: string;
  /** Usage line and examples, shown by help and on bad arguments. */
  usage: string;
  examples: string[];
  options: O;
  /**
   * Needs the right to manage the channel (Manage Channels, workspace admin, PAPERBOY_ADMINS): `true` always,
   * `'changes'` only when options are given (anyone may look, only managers may change), or a function of the
   * raw options saying which invocations need it (`readinggroup schedule` does, `readinggroup join` does not).
   */
  admin?: boolean | 'changes' | ((options: Readonly<Record<string, unknown>>) => boolean);
  /** May take over ~2 s: platforms defer the answer and edit it in place. */
  slow?: boolean;
  /**
   * Sets up posts to this conversation (a digest): refused where the bot cannot post, and a success warns about
   * permissions the bot lacks there (ctx.conversation, filled in by the adapter).
   */
  needsPostingChannel?: boolean;
  /**
   * Explains the others: a bare `/papers`, `/papers ?` and `<sub> --help` come here, with the subcommand's name
   * in its `command` option.
   */
  isHelp?: boolean;
  run(input: Infer<NoInfer<O>>, ctx: CommandContext, services: Services): Promise<View>;
}

export function defineCommand<O extends Record<string, OptionSpec>>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/** Option builders: `option.string('what to look for', { positional: 'rest', required: true })`. */
export const option = {
  string<const R extends boolean = false>(
    description: string,
    extra: Partial<Omit<OptionSpec, 'kind' | 'description' | 'schema' | 'required'>> & {
      required?: R;
      schema?: z.ZodType<string, string>;
    } = {},
  ): OptionSpec<z.ZodType<string, string>> & { required: R } {
    const { schema, required, ...rest } = extra;
    return {
      kind: 'string',
      description,
      schema: schema ?? z.string().trim().min(1),
      required: (required ?? false) as R,
      ...rest,
    };
  },
  integer<const R extends boolean = false>(
    description: string,
    range: { min: number; max: number },
    extra: { required?: R; positional?: 'one' } = {},
  ): OptionSpec<z.ZodType<number, unknown>> & { required: R } {
    return {
      kind: 'integer',
      description,
      schema: z.coerce
        .number({ error: `must be a whole number from ${range.min} to ${range.max}` })
        .int(`must be a whole number from ${range.min} to ${range.max}`)
        .min(range.min, `must be at least ${range.min}`)
        .max(range.max, `must be at most ${range.max}`),
      required: (extra.required ?? false) as R,
      ...(extra.positional ? { positional: extra.positional } : {}),
    };
  },
  boolean(description: string): OptionSpec<z.ZodType<boolean, unknown>> & { required: false } {
    return {
      kind: 'boolean',
      description,
      schema: z.union([
        z.boolean(),
        z
          .string()
          .trim()
          .toLowerCase()
          .pipe(z.enum(['yes', 'no', 'true', 'false', 'on', 'off']))
          .transform((v) => v === 'yes' || v === 'true' || v === 'on'),
      ]),
      required: false,
    };
  },
};
